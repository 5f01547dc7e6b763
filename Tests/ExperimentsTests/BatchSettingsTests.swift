import Foundation
import TestSupport
import Testing

@testable import Experiments

@Suite("Batches: --set, --seed and --replications as for run")
struct BatchSettingsTests {
  @Test("a batch with overrides, seed and replications writes the run that run would write with them")
  func batchAppliesRunSettings() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("batch/tiny.yaml", tinyScenario)
    let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)
    let overrides = ["network.subnets=2"]
    let single = runner.run(
      try runner.load(path, overrides: overrides), seed: 5, replications: 2,
      outputRoot: folder.url.appendingPathComponent("run"))
    let report = try runner.batch(
      [folder.url.appendingPathComponent("batch").path], overrides: overrides, seed: 5, replications: 2,
      outputRoot: folder.url.appendingPathComponent("batch-out"))
    #expect(report.invalid.isEmpty)
    #expect(report.outcomes.map(\.status) == [.completed])
    let batched = try #require(report.outcomes.first).run
    #expect(batched.runID == single.run.runID)
    #expect(batched.runID.hasPrefix("seed-5_reps-2_"))
    for name in ["network.csv", "summary.csv", "manifest.json"] {
      let a = try Data(contentsOf: single.run.folder.appendingPathComponent(name))
      let b = try Data(contentsOf: batched.folder.appendingPathComponent(name))
      #expect(a == b, "\(name) differs")
    }
  }

  @Test("a --set path a batch file does not accept makes that file invalid, not the batch")
  func badOverrideMakesFileInvalid() throws {
    let folder = try TemporaryFolder()
    try folder.write("batch/tiny.yaml", tinyScenario)
    let runner = ExperimentRunner(kernel: SyntheticKernel())
    let report = try runner.batch(
      [folder.url.appendingPathComponent("batch").path], overrides: ["network.colour=red"], outputRoot: folder.url)
    #expect(report.invalid.count == 1)
    #expect(report.outcomes.isEmpty)
  }
}
