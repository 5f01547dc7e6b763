import Consensus
import Foundation
import Testing

@testable import Conformance

/// Small hand-written vectors whose parts can be swapped for another spelling of the same
/// array (spec §15.1), so a test can show that two spellings read to the same scenario and pass.
enum VectorFixtures {

  /// Parses vector JSON as the file `test.json`.
  static func parse(_ json: String) throws -> [ConformanceVector] {
    try ConformanceVector.parse(Data(json.utf8), file: "test.json")
  }

  /// The epoch scenarios of the file's only vector.
  static func scenarios(_ json: String) throws -> [EpochScenario] {
    let vectors = try parse(json)
    guard vectors.count == 1, case .epoch(let scenarios) = vectors[0].kind else {
      throw FixtureError.notOneEpochVector
    }
    return scenarios
  }

  enum FixtureError: Error { case notOneEpochVector, editDidNotApply(String) }

  /// `template` with each `TOKEN` of `edits` replaced by its JSON (unknown tokens are an error).
  static func edit(_ template: String, _ defaults: [String: String], _ edits: [String: String]) throws -> String {
    var json = template
    for key in edits.keys where defaults[key] == nil { throw FixtureError.editDidNotApply(key) }
    for (token, value) in defaults.merging(edits, uniquingKeysWith: { $1 }).sorted(by: { $0.key.count > $1.key.count }) {
      json = json.replacingOccurrences(of: "@\(token)", with: value)
    }
    return json
  }

  /// Harness parameters of the outdated-weights test (spec §15.2 #8), n = 4.
  static let outdatedParams = """
    {"n": 4, "tempo": 0, "activity_cutoff_blocks": 1, "kappa_u16": 32767, "bonds_penalty_u16": 65535,
     "bonds_moving_average": 900000, "yuma3": false, "liquid_alpha": false, "max_allowed_validators": 4,
     "tao_weight_u64": 0, "stake_threshold": 0, "rao_emission": 1000000000, "owner_uid": null,
     "last_mechanism_step_block": 0, "commit_reveal": false}
    """

  /// The chain's outdated-weights test (spec §15.2 #8) with its arrays as tokens.
  static let outdatedTemplate = """
    [{"name": "outdated", "provenance": "hand-written from epoch::test_outdated_weights", "tolerance": {"all": "exact"},
      "params": @PARAMS,
      "inputs": {"alpha_stake": @STAKE, "registration_block": @REGISTRATION, "last_update": @LAST_UPDATE,
                 "validator_permit": @PERMIT, "start_block": 1,
                 "steps": [{"block": 1, "actions": [{"op": "run_epoch", "label": "permits"}]},
                           {"block": 2, "actions": [
                             {"op": "set_weights", "uid": @UID, "dests": @DESTS, "values": @VALUES},
                             {"op": "set_weights", "uid": 2, "dests": [2], "values": [65535]},
                             {"op": "set_weights", "uid": 3, "dests": [3], "values": [65535]},
                             {"op": "run_epoch", "label": "e1"},
                             {"op": "replace_neuron", "uid": 3, "new_alpha_stake": 0}]},
                           {"block": 3, "actions": [
                             {"op": "set_weights", "uid": 0, "dests": [2, 3], "values": [43690, 21845]},
                             {"op": "run_epoch", "label": "e2"}]}]},
      "expected": {"permits": {"validator_permit": @PERMITS_OUT},
                   "e1": {"emission": @E1},
                   "e2": {"dividends_u16": {"0": 32767}, "emission": @E2, "bonds_u16": {"0,2": 65535, "0,3": 65535}}}}]
    """

  static let outdatedDefaults: [String: String] = [
    "PARAMS": outdatedParams,
    "STAKE": "[1, 1, 1, 1]", "REGISTRATION": "[1, 1, 1, 1]", "LAST_UPDATE": "[1, 1, 1, 1]",
    "PERMIT": "[false, false, false, false]",
    "UID": "[0, 1]", "DESTS": "[2, 3]", "VALUES": "[43690, 21845]",
    "PERMITS_OUT": "[true, true, true, true]",
    "E1": "{\"0\": 250000000, \"1\": 250000000, \"2\": 333331637, \"3\": 166668361}",
    "E2": "{\"0\": 250000000, \"1\": 250000000, \"2\": 500000000, \"3\": 0}",
  ]

  /// The outdated-weights vector with some tokens spelled differently.
  static func outdated(_ edits: [String: String] = [:]) throws -> String {
    try edit(outdatedTemplate, outdatedDefaults, edits)
  }

  /// The chain's permit test (spec §15.2 #10): top-2 with a stake threshold, then add_stake.
  static let permitsTemplate = """
    [{"name": "permits", "provenance": "hand-written from epoch::test_validator_permits", "tolerance": {"all": "exact"},
      "params": {"n": 4, "tempo": 65534, "activity_cutoff_blocks": 910201, "kappa_u16": 32767, "bonds_penalty_u16": 65535,
                 "bonds_moving_average": 900000, "yuma3": false, "liquid_alpha": false, "max_allowed_validators": 2,
                 "tao_weight_u64": 0, "stake_threshold": 2, "rao_emission": 1000000000, "owner_uid": null,
                 "last_mechanism_step_block": 0, "commit_reveal": false},
      "inputs": {"alpha_stake": @STAKE, "registration_block": {"fill": 1}, "last_update": {"fill": 1},
                 "validator_permit": {"fill": false}, "start_block": 1,
                 "steps": [{"block": 1, "actions": [{"op": "run_epoch", "label": "e1"}, {"op": "add_stake", @TARGETS, "amount": @AMOUNT}]},
                           {"block": 2, "actions": [{"op": "run_epoch", "label": "e2"}]}]},
      "expected": {"e1": {"validator_permit": @E1}, "e2": {"validator_permit": @E2}}}]
    """

  static let permitsDefaults: [String: String] = [
    "STAKE": "[4, 5, 2, 3]", "TARGETS": "\"uids\": [2, 3]", "AMOUNT": "8",
    "E1": "[true, true, false, false]", "E2": "[false, false, true, true]",
  ]

  static func permits(_ edits: [String: String] = [:]) throws -> String {
    try edit(permitsTemplate, permitsDefaults, edits)
  }

  /// The first epochs of the chain's Yuma-3 kappa test (spec §15.2 #11): explicit zero weights
  /// and dividends checked as fractions within 1e-3.
  static let yuma3Template = """
    [{"name": "yuma3", "provenance": "hand-written from epoch::test_yuma_3_kappa_moves_first",
      "tolerance": {"dividends_fraction": "abs 1e-3"},
      "params": {"n": 5, "tempo": 1, "activity_cutoff_blocks": 13, "kappa_u16": 32767, "bonds_penalty_u16": 0,
                 "bonds_moving_average": 975000, "yuma3": true, "liquid_alpha": true, "max_allowed_validators": 3,
                 "tao_weight_u64": 0, "stake_threshold": 0, "rao_emission": 1000000000, "owner_uid": null,
                 "last_mechanism_step_block": 0, "commit_reveal": false,
                 "alpha_low_u16": 6553, "alpha_high_u16": 19660, "alpha_sigmoid_steepness": 1000},
      "inputs": {"alpha_stake": [8, 1, 1, 0, 0], "registration_block": {"fill": 1}, "last_update": {"fill": 1},
                 "validator_permit": {"fill": false}, "start_block": 1,
                 "steps": [{"block": 2, "actions": [{"op": "run_epoch", "label": "permits"}]},
                           {"block": 2, "actions": [{"op": "set_weights", "uid": @UID, "dests": [3, 4], "values": @VALUES}]},
                           {"block": 3, "actions": [{"op": "run_epoch", "label": "e0"}]}]},
      "expected": {"e0": {"dividends_fraction": @FRACTION}}}]
    """

  static let yuma3Defaults: [String: String] = [
    "UID": "[0, 1, 2]", "VALUES": "[65535, 0]", "FRACTION": "[0.8, 0.1, 0.1, 0, 0]",
  ]

  static func yuma3(_ edits: [String: String] = [:]) throws -> String {
    try edit(yuma3Template, yuma3Defaults, edits)
  }

  /// Whether two scenarios read to the same initial state, steps and expectations.
  static func same(_ a: EpochScenario, _ b: EpochScenario) -> Bool {
    a.parameters == b.parameters && a.alphaStake == b.alphaStake && a.registrationBlock == b.registrationBlock
      && a.lastUpdate == b.lastUpdate && a.validatorPermit == b.validatorPermit && a.startBlock == b.startBlock
      && a.steps == b.steps && a.expected.map(\.label) == b.expected.map(\.label)
      && a.expected.map(\.state) == b.expected.map(\.state) && a.fractionTolerance == b.fractionTolerance
  }

  /// Records an issue unless `json` reads to the same scenarios as `reference` and passes.
  static func expectSameAndPassing(_ json: String, as reference: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let got = try scenarios(json)
    let want = try scenarios(reference)
    #expect(got.count == want.count, sourceLocation: sourceLocation)
    for (a, b) in zip(got, want) {
      let equal = same(a, b)
      #expect(equal, "\(a.name) reads differently from the plain-list spelling", sourceLocation: sourceLocation)
    }
    try expectPassing(json, sourceLocation: sourceLocation)
  }

  /// Records an issue unless every vector of `json` passes in fixed point (the arithmetic the
  /// chain's exact values hold in; double may differ by a base unit, spec §14).
  static func expectPassing(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for vector in try parse(json) {
      let result = ConformanceRunner.run(vector, arithmetic: .fixed)
      #expect(result.passed, "\(result.line)", sourceLocation: sourceLocation)
    }
  }

  /// The message of the error `json` is refused with (nil if it is accepted).
  static func refusal(_ json: String) -> String? {
    do {
      _ = try parse(json)
      return nil
    } catch {
      return "\(error)"
    }
  }
}
