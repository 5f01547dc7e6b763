import Foundation
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

@Suite("The retention study kind")
struct RetentionStudyKindTests {
  /// The shipped scenario with a 2 × 2 utility grid (11 × 4 networks).
  func run(workers: Int, settings: [String], into folder: TemporaryFolder) throws -> (PlannedRun, RunOutcome) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = root.appendingPathComponent("Scenarios/studies/retention.yaml").path
    let loaded = try ScenarioLoader.load(
      path: path, overrides: ["study.utility_steps=1"] + settings, extensions: StudyRegistry.extensions())
    let run = PlannedRun(scenario: loaded, outputRoot: folder.url.appendingPathComponent("w\(workers)"))
    let outcome = RunExecutor(kernel: SyntheticKernel(), workers: workers).execute([run])[0]
    return (run, outcome)
  }

  func text(_ run: PlannedRun, _ name: String) throws -> String {
    try String(contentsOf: run.folder.appendingPathComponent(name), encoding: .utf8)
  }

  @Test("the shipped scenario writes both tables, byte-identical with 1 or 2 workers")
  func writesTablesIndependentOfWorkers() throws {
    let folder = try TemporaryFolder()
    let (one, first) = try run(workers: 1, settings: [], into: folder)
    let (two, second) = try run(workers: 2, settings: [], into: folder)
    #expect(first.status == .completed)
    #expect(second.status == .completed)
    let rows = try text(one, "retention.csv")
    let lines = rows.split(separator: "\n")
    #expect(lines.first == "scenario,run_id,seed,honest_stake,honest_utility,cabal_self_weight,honest_emission")
    #expect(lines.count == 1 + 11 * 2 * 2)
    #expect(lines[1].hasPrefix("retention,\(one.runID),0,0.51,1"))
    let thresholds = try text(one, "retention_thresholds.csv").split(separator: "\n")
    #expect(thresholds.first == "scenario,run_id,seed,honest_stake,required_honest_utility")
    #expect(thresholds.count == 1 + 11)
    #expect(try text(two, "retention.csv") == rows)
    #expect(try text(two, "retention_thresholds.csv") == text(one, "retention_thresholds.csv"))
  }

  @Test("--set study.* reaches the study and changes its output; out-of-range values are refused")
  func overridesApply() throws {
    let folder = try TemporaryFolder()
    let (base, _) = try run(workers: 2, settings: [], into: folder)
    let (noiseless, outcome) = try run(workers: 2, settings: ["study.weight_sigma=0"], into: folder)
    #expect(outcome.status == .completed)
    #expect(try text(noiseless, "retention.csv") != text(base, "retention.csv"))
    #expect(throws: ScenarioError.self) {
      try self.run(workers: 1, settings: ["study.validator_share=1.5"], into: folder)
    }
  }
}
