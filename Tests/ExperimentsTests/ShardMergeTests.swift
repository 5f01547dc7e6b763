import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

let sweepScenario = tinyScenario + """

  sweep:
    mode: grid
    replicates: 2
    parameters:
      - path: network.subnets
        values: [1, 2, 3]
      - path: horizon_days
        values: [0.05, 0.1]
  """

@Suite("Sweeps, shards and merge")
struct ShardMergeTests {
  let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)

  @Test("a sweep writes one folder per point, sweep.json and sweep.csv, with common seeds")
  func sweepLayout() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let report = try runner.sweep(try runner.load(path), outputRoot: folder.url)
    #expect(report.plan.runs.count == 6)
    #expect(report.indexWritten)
    #expect(Set(report.plan.runs.map(\.seed)) == [11])
    #expect(Set(report.plan.runs.map(\.runID)).count == 6)
    let index = try String(contentsOf: report.plan.folder.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let lines = index.split(separator: "\n")
    #expect(lines[0].hasPrefix("scenario,sweep_id,point,run_id,folder,seed,replications,network.subnets,horizon_days,complete,"))
    #expect(lines[0].contains(",top10_validator_share_final,top10_validator_share_final_ci_low,top10_validator_share_final_ci_high,"))
    #expect(lines[0].contains(",top10_validator_share_mean,top10_validator_share_mean_ci_low,top10_validator_share_mean_ci_high,"))
    #expect(lines[4].contains(",point-0003,11,2,2,0.1,true,"))
    // Common random numbers: point 0 and point 2 (1 vs 2 subnets) share their network draws.
    let network0 = try String(contentsOf: report.plan.runs[0].folder.appendingPathComponent("network.csv"), encoding: .utf8)
    let network2 = try String(contentsOf: report.plan.runs[2].folder.appendingPathComponent("network.csv"), encoding: .utf8)
    let strip: (String) -> [String] = { $0.split(separator: "\n").dropFirst().map { $0.split(separator: ",").dropFirst(4).joined(separator: ",") } }
    #expect(strip(network0) == strip(network2))
  }

  @Test("shards merged in any order equal the unsharded sweep byte for byte", arguments: [1, 2, 4, 7])
  func shardedEqualsUnsharded(count: Int) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let scenario = try runner.load(path)
    let single = folder.url.appendingPathComponent("single")
    let shards = folder.url.appendingPathComponent("shards")
    let merged = folder.url.appendingPathComponent("merged")
    _ = try runner.sweep(scenario, outputRoot: single)
    for index in (0..<count).reversed() {
      let report = try runner.sweep(scenario, outputRoot: shards, shard: ShardSelection(index: index, count: count))
      #expect(!report.indexWritten)
    }
    _ = try Merge.merge(inputs: [shards], output: merged)
    #expect(differences(try filesBelow(single), try filesBelow(merged)) == [])
  }

  @Test("merge refuses a partial set, lists what is missing and writes nothing")
  func partialSetRefused() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let scenario = try runner.load(path)
    let shards = folder.url.appendingPathComponent("shards")
    let merged = folder.url.appendingPathComponent("merged")
    for index in [0, 2] { _ = try runner.sweep(scenario, outputRoot: shards, shard: ShardSelection(index: index, count: 3)) }
    do {
      _ = try Merge.merge(inputs: [shards], output: merged)
      Issue.record("a partial sweep was merged")
    } catch let refusal as Merge.Refusal {
      #expect(refusal.problems.count == 2)
      #expect(refusal.problems.allSatisfy { $0.hasPrefix("missing run grid/sweep-") })
      #expect(refusal.problems[0].contains("point-0001"))
    }
    #expect(!FileManager.default.fileExists(atPath: merged.path))
  }

  @Test("merge detects shards from a different scenario version")
  func versionMismatch() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let shards = folder.url.appendingPathComponent("shards")
    _ = try runner.sweep(try runner.load(path), outputRoot: shards, shard: ShardSelection(index: 0, count: 2))
    let edited = try runner.load(path, overrides: ["seed=12"])
    _ = try runner.sweep(edited, outputRoot: shards, shard: ShardSelection(index: 1, count: 2))
    do {
      _ = try Merge.merge(inputs: [shards], output: folder.url.appendingPathComponent("merged"))
      Issue.record("two versions were merged")
    } catch let refusal as Merge.Refusal {
      #expect(refusal.problems.contains { $0.contains("different scenario versions") })
    }
  }

  @Test("a run altered after completion is refused by merge")
  func alteredRunRefused() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let shards = folder.url.appendingPathComponent("shards")
    let report = try runner.sweep(try runner.load(path), outputRoot: shards, shard: ShardSelection(index: 0, count: 1))
    let table = report.plan.runs[3].folder.appendingPathComponent("summary.csv")
    var bytes = try Data(contentsOf: table)
    bytes[bytes.count - 2] = bytes[bytes.count - 2] == 0x31 ? 0x32 : 0x31
    try bytes.write(to: table)
    #expect(throws: Merge.Refusal.self) { _ = try Merge.merge(inputs: [shards], output: folder.url.appendingPathComponent("m")) }
  }

  @Test("shard indices come from --shard/--of or the scheduler's environment")
  func shardResolution() throws {
    #expect(try ShardSelection.resolve(shard: nil, of: nil, environment: [:]).selection == nil)
    #expect(try ShardSelection.resolve(shard: 1, of: 4, environment: [:]).selection == ShardSelection(index: 1, count: 4))
    let slurm = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "8"]
    #expect(try ShardSelection.resolve(shard: nil, of: nil, environment: slurm).selection == ShardSelection(index: 3, count: 8))
    #expect(try ShardSelection.resolve(shard: nil, of: 16, environment: slurm).selection == ShardSelection(index: 3, count: 16))
    let k8s = ["JOB_COMPLETION_INDEX": "5"]
    #expect(try ShardSelection.resolve(shard: nil, of: 6, environment: k8s).selection == ShardSelection(index: 5, count: 6))
    #expect(try ShardSelection.resolve(shard: nil, of: nil, environment: k8s).selection == nil)
    #expect(throws: ExperimentError.self) { try ShardSelection.resolve(shard: 4, of: 4, environment: [:]) }
    #expect(throws: ExperimentError.self) { try ShardSelection.resolve(shard: nil, of: 4, environment: [:]) }
    #expect(throws: ExperimentError.self) { try ShardSelection.resolve(shard: 1, of: nil, environment: [:]) }
    #expect(ShardSelection(index: 3, count: 16).manifestName == "shard-0003-of-0016.json")
  }

  @Test("a sharded batch merges into the unsharded batch's files")
  func shardedBatch() throws {
    let folder = try TemporaryFolder()
    for name in ["a", "b", "c"] { try folder.write("batch/\(name).yaml", tinyScenario + "\ndescription: \(name)\n") }
    let batch = folder.url.appendingPathComponent("batch").path
    let single = folder.url.appendingPathComponent("single")
    let shards = folder.url.appendingPathComponent("shards")
    let merged = folder.url.appendingPathComponent("merged")
    _ = try runner.batch([batch], outputRoot: single)
    for index in 0..<2 { _ = try runner.batch([batch], outputRoot: shards, shard: ShardSelection(index: index, count: 2)) }
    _ = try Merge.merge(inputs: [shards], output: merged)
    #expect(differences(try filesBelow(single), try filesBelow(merged)) == [])
  }
}
