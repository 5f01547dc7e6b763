import Consensus
import Foundation
import Testing

@testable import Conformance

/// The merged form of spec §15.1: `inputs.scenarios[]` and `expected.scenarios[]` run
/// independently; a scenario may override `params` and any shared input.
@Suite("Merged vectors (inputs.scenarios[])")
struct MergedFormTests {

  /// The permit test twice: once as written, once with the threshold lifted and one validator
  /// slot, so the override changes which UIDs get permits.
  static func merged(second: String = #"{"name": "one-slot", "params": {"max_allowed_validators": 1, "stake_threshold": 0}}"#, expected2: String = #"{"e1": {"validator_permit": [false, true, false, false]}, "e2": {"validator_permit": {"fill": false, "set": [{"range": [3, 4], "value": true}]}}}"#) -> String {
    """
    [{"name": "permits-merged", "provenance": "hand-written", "tolerance": {"all": "exact"},
      "params": {"n": 4, "tempo": 65534, "activity_cutoff_blocks": 910201, "kappa_u16": 32767, "bonds_penalty_u16": 65535,
                 "bonds_moving_average": 900000, "yuma3": false, "liquid_alpha": false, "max_allowed_validators": 2,
                 "tao_weight_u64": 0, "stake_threshold": 2, "rao_emission": 1000000000, "owner_uid": null},
      "inputs": {"alpha_stake": [4, 5, 2, 3], "registration_block": {"fill": 1}, "last_update": {"fill": 1},
                 "validator_permit": {"fill": false}, "start_block": 1,
                 "steps": [{"block": 1, "actions": [{"op": "run_epoch", "label": "e1"}, {"op": "add_stake", "uids": [2, 3], "amount": 8}]},
                           {"block": 2, "actions": [{"op": "run_epoch", "label": "e2"}]}],
                 "scenarios": [{}, \(second)]},
      "expected": {"scenarios": [
        {"e1": {"validator_permit": [true, true, false, false]}, "e2": {"validator_permit": [false, false, true, true]}},
        \(expected2)]}}]
    """
  }

  @Test("A scenario's params replace single parameters; the others and the shared inputs stay")
  func paramsOverride() throws {
    let scenarios = try VectorFixtures.scenarios(Self.merged())
    #expect(scenarios.map(\.name) == ["permits-merged#0", "permits-merged/one-slot"])
    #expect(scenarios[0].parameters.hyperparameters.maxAllowedValidators == 2)
    #expect(scenarios[1].parameters.hyperparameters.maxAllowedValidators == 1)
    #expect(scenarios[1].parameters.hyperparameters.stakeThreshold == 0)
    #expect(scenarios[1].parameters.tempo == 65534 && scenarios[1].alphaStake == [4, 5, 2, 3])
    try VectorFixtures.expectPassing(Self.merged())
  }

  @Test("A scenario may replace a shared input, and override owner_uid back to none")
  func inputOverride() throws {
    let json = Self.merged(
      second: #"{"params": {"owner_uid": null}, "alpha_stake": {"fill": 0, "set": [{"range": [0, 1], "value": 9}]}, "steps": [{"actions": [{"op": "run_epoch", "label": "only"}]}]}"#,
      expected2: #"{"only": {"validator_permit": [true, false, false, false]}}"#)
    let scenarios = try VectorFixtures.scenarios(json)
    #expect(scenarios[1].alphaStake == [9, 0, 0, 0])
    #expect(scenarios[1].parameters.ownerUID == nil)
    #expect(scenarios[1].steps.count == 1 && scenarios[1].steps[0].block == nil)
    try VectorFixtures.expectPassing(json)
  }

  @Test("The merged vector's mismatch names the scenario")
  func mismatchNamesScenario() throws {
    let json = Self.merged(expected2: #"{"e1": {"validator_permit": [true, true, false, false]}}"#)
    let result = ConformanceRunner.run(try VectorFixtures.parse(json)[0], arithmetic: .fixed)
    #expect(result.line == "FAIL permits-merged: permits-merged/one-slot e1 validator_permit[0] expected true got false")
  }

  @Test("A problem in a scenario's own key is reported at that key, one in a shared key at the shared key")
  func errorPaths() {
    let own = VectorFixtures.refusal(Self.merged(second: #"{"params": {"max_allowed_validators": -1}}"#))
    #expect(own?.contains("$[0] (permits-merged).inputs.scenarios[1].params.max_allowed_validators: -1 is outside") == true, "\(own ?? "accepted")")
    let shared = VectorFixtures.refusal(Self.merged(second: #"{"params": {"n": 5}}"#))
    #expect(shared?.contains("$[0] (permits-merged).inputs.alpha_stake: has 4 entries, expected 5 (n = 5)") == true, "\(shared ?? "accepted")")
  }

  @Test("Merged-form mistakes are refused with their location", arguments: [
    (#""scenarios": [{}, {"#, #""scenarios": [{"name": "x"}, {"name": "x", "#, "scenarios[1].name: scenario name \"permits-merged/x\" is used twice"),
    (#""expected": {"scenarios""#, #""expected": {"e1": {}, "scenarios""#, "expected.e1: unknown expected field of a merged vector"),
    (#""scenarios": [{}, {"#, #""scenarios": [{"colour": 1}, {"#, "inputs.scenarios[0].colour: unknown input"),
    (#""scenarios": [{}, {"#, #""scenarios": [{"params": 3}, {"#, "inputs.scenarios[0].params: expected an object"),
    (#""expected": {"scenarios": ["#, #""expected": {"scenarios": [{}, "#, "expected.scenarios: has 3 entries, expected 2 (one per entry of inputs.scenarios)"),
  ])
  func mergedMistakes(original: String, replacement: String, message: String) {
    let json = Self.merged().replacingOccurrences(of: original, with: replacement)
    #expect(json != Self.merged(), "test edit did not apply: \(original)")
    let refusal = VectorFixtures.refusal(json)
    #expect(refusal?.contains(message) == true, "\(refusal ?? "accepted")")
  }
}
