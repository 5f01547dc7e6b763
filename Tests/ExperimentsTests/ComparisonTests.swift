import Foundation
import TestSupport
import Testing

@testable import Experiments

/// `taosim compare` end to end on the tiny World: two emission policies, four replications on
/// common random numbers.
@Suite("Paired comparisons on the tiny world")
struct ComparisonTests {
  static let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios/ci/tiny.yaml").path

  /// The tiny world (price-ema) and the same world under root-weights.
  static func scenarios(_ folder: TemporaryFolder, _ runner: ExperimentRunner) throws -> [LoadedScenario] {
    let other = try folder.write(
      "tiny-root-weights.yaml",
      "extends: \(tiny)\nname: tiny-root-weights\nemission:\n  policy:\n    kind: root-weights\n")
    return [try runner.load(tiny), try runner.load(other)]
  }

  static func compare(workers: Int, in folder: TemporaryFolder) throws -> Comparison {
    let runner = ExperimentRunner(kernel: WorldKernel(), workers: workers)
    let loaded = try scenarios(folder, runner)
    return try runner.compare(loaded + [loaded[0]], replications: 4, outputRoot: folder.url.appendingPathComponent("out"))
  }

  @Test("the paired interval of a difference is narrower than the unpaired one")
  func pairingNarrowsIntervals() throws {
    let folder = try TemporaryFolder()
    let comparison = try Self.compare(workers: 2, in: folder)
    var compared = 0
    // How the policy divides emission among the two subnets is the treatment itself: price-ema
    // gives them equal shares in every replication (spread ≈ 0), root-weights unequal ones, so
    // the arms are not correlated and pairing (3 degrees of freedom instead of 6) cannot narrow
    // these intervals.
    let policyOutputs: Set = ["subnet_emission_gini", "subnet_emission_hhi", "emission_per_utility_cv"]
    for row in comparison.rows where row.position == 1 && !policyOutputs.contains(row.metric.name) {
      let reference = try #require(comparison.rows.first { $0.metric == row.metric && $0.aggregate == row.aggregate && $0.position == 0 })
      let (x, y) = (reference.values.compactMap { $0 }, row.values.compactMap { $0 })
      guard x.count == 4, y.count == 4, let sx = reference.estimate?.sd, let sy = row.estimate?.sd, sx > 0, sy > 0,
        let low = row.difference?.low, let high = row.difference?.high
      else { continue }
      // Unpaired two-sample t interval with n = 4 each: half-width t(0.975, 6) · √((sx² + sy²)/4).
      let unpaired = 2 * 2.446911851144969 * ((sx * sx + sy * sy) / 4).squareRoot()
      #expect(high - low < unpaired, "\(row.metric.name) \(row.aggregate): paired \(high - low) vs unpaired \(unpaired)")
      compared += 1
    }
    #expect(compared >= 10)
  }

  @Test("a scenario compared with itself differs by exactly 0 with a zero-width interval")
  func selfComparison() throws {
    let folder = try TemporaryFolder()
    let comparison = try Self.compare(workers: 1, in: folder)
    #expect(comparison.outcomes.count == 2)  // the repeated scenario is one run
    let rows = comparison.rows.filter { $0.position == 2 }
    #expect(!rows.isEmpty)
    for row in rows where row.difference != nil {
      #expect(row.difference?.mean == 0 && row.difference?.low == 0 && row.difference?.high == 0, "\(row.metric.name)")
    }
  }

  @Test("a share's interval stays in [0, 1] and its paired difference in [−1, 1]")
  func boundedIntervals() throws {
    let folder = try TemporaryFolder()
    let comparison = try Self.compare(workers: 2, in: folder)
    for row in comparison.rows where row.metric.unit == "share" {
      for end in [row.estimate?.low, row.estimate?.high].compactMap({ $0 }) { #expect(end >= 0 && end <= 1) }
      for end in [row.difference?.low, row.difference?.high].compactMap({ $0 }) { #expect(end >= -1 && end <= 1) }
    }
  }

  @Test("the comparison's files are byte-identical with 1 and 2 workers, and complete runs are read back")
  func filesDoNotDependOnWorkers() throws {
    let one = try TemporaryFolder()
    let two = try TemporaryFolder()
    let first = try Self.compare(workers: 1, in: one)
    _ = try Self.compare(workers: 2, in: two)
    let a = try filesBelow(one.url.appendingPathComponent("out/compare"))
    let b = try filesBelow(two.url.appendingPathComponent("out/compare"))
    #expect(a.keys.sorted() == ["\(first.name)/compare.csv", "\(first.name)/compare.json", "\(first.name)/values.csv"])
    #expect(differences(a, b) == [])
    let again = try Self.compare(workers: 2, in: one)
    #expect(again.outcomes.allSatisfy { $0.status == .skipped })
    #expect(differences(a, try filesBelow(one.url.appendingPathComponent("out/compare"))) == [])
    let header = String(decoding: try #require(a["\(first.name)/compare.csv"]), as: UTF8.self).split(separator: "\n")[0]
    #expect(header == Substring(ComparisonFiles.columns.joined(separator: ",")))
  }

  @Test("a results folder holding a comparison still checks: the comparison folder is not a run")
  func discoverySkipsComparisons() throws {
    let folder = try TemporaryFolder()
    _ = try Self.compare(workers: 2, in: folder)
    let found = RunDiscovery(folder.url.appendingPathComponent("out"))
    #expect(found.runs.count == 2)
    #expect(found.incomplete.isEmpty)
  }

  @Test("one replication gives means without intervals")
  func singleReplication() throws {
    let folder = try TemporaryFolder()
    let runner = ExperimentRunner(kernel: WorldKernel(), workers: 1)
    let comparison = try runner.compare(
      try Self.scenarios(folder, runner), replications: 1, outputRoot: folder.url)
    #expect(comparison.rows.allSatisfy { $0.estimate?.low == nil && $0.difference?.low == nil })
    #expect(comparison.table().contains("n = 1 < 2: no interval exists"))
  }
}
