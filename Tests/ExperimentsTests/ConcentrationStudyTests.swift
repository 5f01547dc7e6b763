import Foundation
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

@Suite("The stake-concentration study")
struct ConcentrationStudyTests {
  /// The shipped scenario shrunk to seconds: 2 subnets × 32 UIDs for 20 days, 2 replicates.
  func run(workers: Int, into folder: TemporaryFolder) throws -> (PlannedRun, RunOutcome) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = root.appendingPathComponent("Scenarios/studies/stake-concentration.yaml").path
    let loaded = try ScenarioLoader.load(
      path: path,
      overrides: [
        "network.subnets=2", "network.uids_per_subnet=32", "network.validators_per_subnet=8",
        "network.root_validators=2", "nominators.count=8", "horizon_days=20", "replications=2",
        "study.record_every_days=10",
        "attacks[0].delegators=4",
      ], extensions: StudyRegistry.extensions())
    let run = PlannedRun(scenario: loaded, outputRoot: folder.url.appendingPathComponent("w\(workers)"))
    return (run, RunExecutor(kernel: SyntheticKernel(), workers: workers).execute([run])[0])
  }

  @Test("one row per policy and period, shares in [0, 1], byte-identical with 1 or 2 workers")
  func writesComparableRows() throws {
    let folder = try TemporaryFolder()
    let (one, a) = try run(workers: 1, into: folder)
    let (two, b) = try run(workers: 2, into: folder)
    #expect(a.status == .completed)
    #expect(b.status == .completed)
    let text = try String(contentsOf: one.folder.appendingPathComponent("stake_concentration.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(lines.first?.suffix(7).joined(separator: ",")
      == "policy,day,top10_validator_share,ci_low,ci_high,gini_stake,attacker_stake_share")
    // Days 0 (the genesis record), 10 and 20 of each policy.
    #expect(lines.dropFirst().map { String($0[3]) } == ["price-ema", "price-ema", "price-ema", "tao-flow", "tao-flow", "tao-flow", "equal", "equal", "equal"])
    #expect(lines.dropFirst().map { String($0[4]) } == ["0.0", "10.0", "20.0", "0.0", "10.0", "20.0", "0.0", "10.0", "20.0"])
    for line in lines.dropFirst() {
      let share = try #require(Double(line[5]))
      #expect(share > 0 && share <= 1)
    }
    #expect(try String(contentsOf: two.folder.appendingPathComponent("stake_concentration.csv"), encoding: .utf8) == text)
  }
}
