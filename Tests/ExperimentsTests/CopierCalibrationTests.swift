import Foundation
import ScenarioIO
import Simulation
import TestSupport
import Testing

@testable import Experiments

/// The copier band (docs/calibration.md, "Validators who differ"): on validators who differ, a
/// stake-mean copier's relative dividend without commit-reveal lies where the chain's replay of
/// real metagraphs measured it, 1.08–1.35; on alike validators it lies below.
@Suite("Copier calibration")
struct CopierCalibrationTests {
  /// `file` shrunk to one subnet of 64 UIDs (16 validators), 20 days, 4 replicates, no
  /// commit-reveal, churn 0.02: the copier's relative dividend (mean over replicates).
  func relativeDividend(_ file: String) throws -> Double {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let loaded = try ScenarioLoader.load(
      path: root.appendingPathComponent("Scenarios/studies/\(file)").path,
      overrides: [
        "network.subnets=1", "network.uids_per_subnet=64", "network.validators_per_subnet=16",
        "network.root_validators=2", "horizon_days=20", "replications=4", "study.warmup_days=5",
        "study.reveal_intervals_tempos=[0]", "study.churn=[0.02]",
      ], extensions: StudyRegistry.extensions())
    let folder = try TemporaryFolder()
    let run = PlannedRun(scenario: loaded, outputRoot: folder.url)
    let outcome = RunExecutor(kernel: SyntheticKernel(), workers: 2).execute([run])[0]
    #expect(outcome.status == .completed)
    let text = try String(contentsOf: run.folder.appendingPathComponent("copier.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    let column = try #require(lines.first?.split(separator: ",").firstIndex(of: "copier_relative_dividend"))
    return try #require(Double(lines[1].split(separator: ",")[column]))
  }

  @Test("on the calibrated validators the copier's relative dividend lies in the replay's band 1.08–1.35")
  func calibratedCopierIsInTheReplaysBand() throws {
    let calibrated = try relativeDividend("copier-heterogeneous.yaml")
    #expect((1.08...1.35).contains(calibrated), "\(calibrated)")
    let alike = try relativeDividend("copier.yaml")
    #expect(alike < 1.08, "\(alike)")
  }
}
