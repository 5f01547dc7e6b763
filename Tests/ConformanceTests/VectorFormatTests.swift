import Consensus
import Foundation
import Testing

@testable import Conformance

@Suite("The vector format of spec §15.1")
struct VectorFormatTests {

  static func parse(_ json: String) throws -> [ConformanceVector] {
    try ConformanceVector.parse(Data(json.utf8), file: "test.json")
  }

  /// The outdated-weights scenario written with fill/set/range forms, as a merged vector whose
  /// second scenario overrides a parameter.
  static let merged = """
    [{"name": "merged", "provenance": "test", "tolerance": {"all": "exact"},
      "params": {"n": 4, "tempo": 0, "activity_cutoff_blocks": 1, "kappa_u16": 32767, "bonds_penalty_u16": 65535,
                 "bonds_moving_average": 900000, "yuma3": false, "liquid_alpha": false, "max_allowed_validators": 4,
                 "tao_weight_u64": 0, "stake_threshold": 0, "rao_emission": 1000000000, "owner_uid": null,
                 "last_mechanism_step_block": 0, "commit_reveal": false},
      "inputs": {"alpha_stake": {"fill": 1}, "registration_block": {"fill": 0, "set": [{"range": [0, 4], "value": 1}]},
                 "last_update": {"fill": 1}, "validator_permit": {"fill": false}, "start_block": 1,
                 "scenarios": [
                   {"steps": [{"block": 1, "actions": [{"op": "run_epoch", "label": "permits"}]},
                              {"block": 2, "actions": [
                                {"op": "set_weights", "uid": [0, 1], "dests": {"range": [2, 4]}, "values": [43690, 21845]},
                                {"op": "set_weights", "uid": 2, "dests": [2], "values": [65535]},
                                {"op": "set_weights", "uid": 3, "dests": [3], "values": [65535]},
                                {"op": "run_epoch", "label": "e1"},
                                {"op": "replace_neuron", "uid": 3, "new_alpha_stake": 0}]},
                              {"block": 3, "actions": [
                                {"op": "set_weights", "uid": 0, "dests": [2, 3], "values": [43690, 21845]},
                                {"op": "run_epoch", "label": "e2"}]}]},
                   {"params": {"max_allowed_validators": 1},
                    "steps": [{"block": 1, "actions": [{"op": "add_stake", "uids": [2], "amount": 5},
                                                       {"op": "run_epoch", "label": "p"}]}]}]},
      "expected": {"scenarios": [
        {"e1": {"emission": {"0": 250000000, "1": 250000000, "2": 333331637, "3": 166668361}},
         "e2": {"dividends_u16": {"0": 32767}, "emission": {"0": 250000000, "1": 250000000, "2": 500000000, "3": 0},
                "bonds_u16": {"0,2": 65535, "0,3": 65535}}},
        {"p": {"validator_permit": [false, false, true, false]}}]}}]
    """

  @Test("Fill/set/range arrays, UID ranges, every action and merged scenarios run and pass")
  func mergedScenarios() throws {
    let vectors = try Self.parse(Self.merged)
    guard case .epoch(let scenarios) = vectors[0].kind else {
      Issue.record("not an epoch vector")
      return
    }
    #expect(scenarios.count == 2)
    #expect(scenarios[1].parameters.hyperparameters.maxAllowedValidators == 1)
    #expect(scenarios[0].registrationBlock == [1, 1, 1, 1])
    let result = ConformanceRunner.run(vectors[0], arithmetic: .fixed)
    #expect(result.passed, "\(result.line)")
  }

  @Test("A wrong expectation is reported as the first mismatch with label, field and index")
  func mismatchLine() throws {
    let json = Self.merged.replacingOccurrences(of: "\"2\": 500000000", with: "\"2\": 500000001")
    let result = ConformanceRunner.run(try Self.parse(json)[0], arithmetic: .fixed)
    #expect(result.line == "FAIL merged: merged#0 e2 emission[2] expected 500000001 got 500000000")
  }

  @Test("Malformed files are rejected with the path of the problem", arguments: [
    ("{", "not valid JSON"),
    ("{}", "$: the file must hold a JSON array of vectors"),
    ("[]", "$: the file holds no vectors"),
    ("[{\"params\": {}}]", "$[0].name: missing"),
  ])
  func malformed(json: String, message: String) {
    do {
      _ = try Self.parse(json)
      Issue.record("accepted \(json)")
    } catch let error as ConformanceError {
      #expect(error.description.contains(message), "\(error)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("Unknown actions, unknown parameters and bad ranges name their location")
  func malformedScenario() {
    let cases: [(String, String, String)] = [
      ("\"op\": \"add_stake\"", "\"op\": \"explode\"", "unknown action \"explode\""),
      ("\"tempo\": 0,", "\"tempo\": 0, \"colour\": 1,", "colour: unknown parameter"),
      ("{\"range\": [2, 4]}", "{\"range\": [2, 9]}", "dests.range[1]: 9 is outside"),
      ("\"e2\": {\"dividends_u16\"", "\"e9\": {\"dividends_u16\"", "e9: no run_epoch step has this label"),
    ]
    for (original, replacement, message) in cases {
      let json = Self.merged.replacingOccurrences(of: original, with: replacement)
      #expect(json != Self.merged, "test edit did not apply: \(original)")
      do {
        _ = try Self.parse(json)
        Issue.record("accepted edit \(replacement)")
      } catch let error as ConformanceError {
        #expect(error.description.contains(message), "\(error)")
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
  }

  @Test("Tolerance statements are read as exact or an absolute bound")
  func tolerances() {
    #expect(Tolerance.parse("exact") == .exact)
    #expect(Tolerance.parse("exact after converting inputs to I32F32 (round-to-nearest); compare as I32F32") == .exact)
    #expect(Tolerance.parse("abs 1e-3 on stored u16 dividends / 65535 (test epsilon)")?.absolute == 1e-3 + 1e-9)
    #expect(Tolerance.parse("abs <= 1e-4 per entry")?.absolute == 1e-4 + 1e-9)
  }
}
