import Foundation
import ScenarioIO
import Simulation
import TestSupport
import Testing

@testable import Experiments

@Suite("The copier study")
struct CopierStudyTests {
  /// One subnet of 64 UIDs (16 honest validators), honest miners drifting and leaving at `churn`.
  func base(days: Int64) -> WorldConfig {
    var c = WorldConfig()
    c.subnetCount = 1
    c.uidsPerSubnet = 64
    c.validatorsPerSubnet = 16
    c.rootValidators = 2
    c.nominators.count = 0
    c.horizonBlocks = days * 7_200
    c.recording.networkEveryBlocks = 0
    return c
  }

  @Test("with churn the copier's relative dividend falls as the commit-reveal interval grows")
  func stalenessCostsTheCopier() throws {
    var sweep = CopierSweep()
    sweep.warmupDays = 5
    let values = try [0, 4, 12].map { interval -> Double in
      let config = sweep.world(base(days: 20), interval: interval, churn: 0.1)
      let samples = try (0..<2).map { try sweep.replicate(config, seed: 11, replication: $0) }
      return try #require(CopierSweep.summary(interval: interval, churn: 0.1, samples: samples).relativeDividend)
    }
    #expect(values[0] > values[1], "\(values)")
    #expect(values[1] > values[2], "\(values)")
  }

  /// The shipped scenario shrunk to seconds.
  func run(workers: Int, into folder: TemporaryFolder) throws -> (PlannedRun, RunOutcome) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = root.appendingPathComponent("Scenarios/studies/copier.yaml").path
    let loaded = try ScenarioLoader.load(
      path: path,
      overrides: [
        "network.subnets=1", "network.uids_per_subnet=32", "network.validators_per_subnet=8",
        "network.root_validators=2", "horizon_days=4", "replications=2", "study.warmup_days=1",
        "study.reveal_intervals_tempos=[0, 2]", "study.churn=[0.1]",
      ], extensions: StudyRegistry.extensions())
    let run = PlannedRun(scenario: loaded, outputRoot: folder.url.appendingPathComponent("w\(workers)"))
    return (run, RunExecutor(kernel: SyntheticKernel(), workers: workers).execute([run])[0])
  }

  @Test("the shipped scenario writes copier.csv, byte-identical for the same seed with 1 or 2 workers")
  func reproducible() throws {
    let folder = try TemporaryFolder()
    let (one, a) = try run(workers: 1, into: folder)
    let (two, b) = try run(workers: 2, into: folder)
    #expect(a.status == .completed)
    #expect(b.status == .completed)
    let text = try String(contentsOf: one.folder.appendingPathComponent("copier.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "scenario,run_id,seed,reveal_interval_tempos,churn,copier_relative_dividend,ci_low,ci_high")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("copier,\(one.runID),7,0,0.1,"))
    #expect(try String(contentsOf: two.folder.appendingPathComponent("copier.csv"), encoding: .utf8) == text)
  }
}
