import Consensus
import Foundation
import Testing

@testable import Conformance

/// The item-level forms of spec §15.1: the keys of a vector, optional parameters and keys, the
/// mismatch line, tolerance statements.
@Suite("The vector format of spec §15.1")
struct VectorFormatTests {

  @Test("An item may carry provenance, notes and reference (values not asserted) beside its fields")
  func itemKeys() throws {
    let json = try VectorFixtures.outdated().replacingOccurrences(
      of: #""provenance": "hand-written from epoch::test_outdated_weights","#,
      with: #""provenance": "p", "notes": "n", "reference": {"bonds": [[0.5, 0.25]], "anything": null},"#)
    #expect(try VectorFixtures.parse(json).count == 1)
  }

  @Test("Optional parameters may be omitted or null: no owner, no commit-reveal, last step block 0, chain alpha defaults")
  func optionalParameters() throws {
    let bare = VectorFixtures.outdatedParams
      .replacingOccurrences(of: #", "owner_uid": null,"#, with: ",")
      .replacingOccurrences(of: #""last_mechanism_step_block": 0, "commit_reveal": false"#, with: #""bonds_reset_on": null"#)
    let json = try VectorFixtures.outdated(["PARAMS": bare])
    #expect(json != (try VectorFixtures.outdated()))
    try VectorFixtures.expectSameAndPassing(json, as: try VectorFixtures.outdated())
    let owned = try VectorFixtures.scenarios(try VectorFixtures.outdated([
      "PARAMS": VectorFixtures.outdatedParams
        .replacingOccurrences(of: #""owner_uid": null"#, with: #""owner_uid": 3"#)
        .replacingOccurrences(of: #""last_mechanism_step_block": 0"#, with: #""last_mechanism_step_block": 7"#)
    ]))[0]
    #expect(owned.parameters.ownerUID == 3 && owned.parameters.lastMechanismStepBlock == 7)
  }

  @Test("A step's block is optional (the current block stays), a run_epoch label is optional or null")
  func optionalStepKeys() throws {
    let json = try VectorFixtures.permits().replacingOccurrences(
      of: #"{"block": 2, "actions": [{"op": "run_epoch", "label": "e2"}]}"#,
      with: #"{"block": 2, "actions": [{"op": "run_epoch"}, {"op": "run_epoch", "label": null}]}, {"actions": [{"op": "run_epoch", "label": "e2"}]}"#)
    let scenario = try VectorFixtures.scenarios(json)[0]
    #expect(scenario.steps.map(\.block) == [1, 2, nil])
    #expect(scenario.steps[1].actions == [.runEpoch(label: nil), .runEpoch(label: nil)])
    try VectorFixtures.expectPassing(json)
  }

  @Test("replace_neuron without new_alpha_stake gives the new hotkey no stake")
  func replaceWithoutStake() throws {
    let json = try VectorFixtures.outdated().replacingOccurrences(
      of: #"{"op": "replace_neuron", "uid": 3, "new_alpha_stake": 0}"#, with: #"{"op": "replace_neuron", "uid": 3}"#)
    try VectorFixtures.expectSameAndPassing(json, as: try VectorFixtures.outdated())
  }

  @Test("A wrong expectation is reported as the first mismatch with label, field and index")
  func mismatchLine() throws {
    let json = try VectorFixtures.outdated(["E2": #"{"0": 250000000, "2": 500000001}"#])
    let result = ConformanceRunner.run(try VectorFixtures.parse(json)[0], arithmetic: .fixed)
    #expect(result.line == "FAIL outdated: e2 emission[2] expected 500000001 got 500000000")
  }

  @Test("Tolerance statements are read as exact or an absolute bound")
  func tolerances() {
    #expect(Tolerance.parse("exact") == .exact)
    #expect(Tolerance.parse("exact after converting inputs to I32F32 (round-to-nearest); compare as I32F32") == .exact)
    #expect(Tolerance.parse("abs 1e-3 on stored u16 dividends / 65535 (test epsilon)")?.absolute == 1e-3 + 1e-9)
    #expect(Tolerance.parse("abs <= 1e-4 per entry")?.absolute == 1e-4 + 1e-9)
  }
}
