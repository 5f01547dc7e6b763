import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// Nothing already complete is ever lost: a failed re-run, a second writer or a refused merge
/// leaves an earlier good result byte for byte, and `--resume` trusts digests, not sizes.
@Suite("No data loss")
struct DataLossTests {
  func runner(_ kernel: SyntheticKernel = SyntheticKernel()) -> ExperimentRunner {
    ExperimentRunner(kernel: kernel, workers: 2)
  }

  @Test("a re-run without --resume that fails leaves the earlier complete result intact")
  func failedRerunKeepsResult() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let first = runner().run(try runner().load(path), outputRoot: folder.url)
    #expect(first.status == .completed)
    let before = try filesBelow(folder.url)
    let second = runner(SyntheticKernel(failingReplication: 1)).run(try runner().load(path), outputRoot: folder.url)
    #expect(second.status.isFailure)
    #expect(CompletionMarker.isComplete(first.run.folder, runID: first.run.runID))
    #expect(differences(before, try filesBelow(folder.url)) == [])
  }

  @Test("a second writer into the same run folder gets a clear error and leaves the first writer's files alone")
  func secondWriterIsRefused() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let scenario = try runner().load(path)
    let run = PlannedRun(scenario: scenario, outputRoot: folder.url)
    // The first writer: holds the lock and has started its staged folder.
    let lock = try FolderLock(run.folder)
    let staged = try StagedFolder(destination: run.folder)
    try Data("partial".utf8).write(to: staged.staging.appendingPathComponent("network.csv"))
    let outcome = runner().run(scenario, outputRoot: folder.url)
    guard case .failed(let reason) = outcome.status else { Issue.record("the second writer was not refused"); return }
    #expect(reason.description.contains("being written by another taosim process"))
    #expect(reason.error is ExperimentError)
    #expect(try String(contentsOf: staged.staging.appendingPathComponent("network.csv"), encoding: .utf8) == "partial")
    lock.release()
    #expect(runner().run(scenario, outputRoot: folder.url).status == .completed)
  }

  @Test("a finished run leaves no lock, staging or temporary file behind")
  func noLeftovers() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let outcome = runner().run(try runner().load(path), outputRoot: folder.url)
    _ = runner().run(try runner().load(path), outputRoot: folder.url)
    let parent = outcome.run.folder.deletingLastPathComponent()
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [outcome.run.runID])
    #expect(try filesBelow(folder.url).keys.allSatisfy { !$0.contains("/.") })
  }

  @Test("--resume re-runs a run whose file has the right size but other bytes, and restores it")
  func resumeComparesDigests() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let first = runner().run(try runner().load(path), outputRoot: folder.url)
    let before = try filesBelow(folder.url)
    let network = first.run.folder.appendingPathComponent("network.csv")
    try alterKeepingSize(network)
    let resumed = runner().run(try runner().load(path), outputRoot: folder.url, resume: true)
    #expect(resumed.status == .completed)
    #expect(differences(before, try filesBelow(folder.url)) == [])
  }

  @Test("an interrupted two-step swap is undone by the next writer")
  func interruptedSwapIsUndone() throws {
    let folder = try TemporaryFolder()
    let destination = folder.url.appendingPathComponent("run")
    let aside = folder.url.appendingPathComponent(".run.old")
    try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
    try Data("good".utf8).write(to: aside.appendingPathComponent("COMPLETE"))
    let staged = try StagedFolder(destination: destination)
    #expect(try String(contentsOf: destination.appendingPathComponent("COMPLETE"), encoding: .utf8) == "good")
    staged.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["run"])
  }

  @Test("a refused merge writes and deletes nothing, leaving an earlier good merge as it was")
  func refusedMergeKeepsEarlierMerge() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let shards = folder.url.appendingPathComponent("shards")
    let runner = runner()
    var report: ExperimentRunner.SweepReport?
    for index in 0..<2 {
      report = try runner.sweep(try runner.load(path), outputRoot: shards, shard: ShardSelection(index: index, count: 2))
    }
    let merged = folder.url.appendingPathComponent("merged")
    _ = try Merge.merge(inputs: [shards], output: merged)
    let before = try filesBelow(merged)
    // Same size, other bytes, in the last point of the sweep: only a digest catches it.
    let last = try #require(report?.plan.runs.last).folder.appendingPathComponent("network.csv")
    try alterKeepingSize(last)
    #expect(throws: Merge.Refusal.self) { _ = try Merge.merge(inputs: [shards], output: merged) }
    #expect(differences(before, try filesBelow(merged)) == [])
  }
}

/// Changes one digit near the end of `file`: the size stays, the digest does not.
func alterKeepingSize(_ file: URL) throws {
  var bytes = [UInt8](try Data(contentsOf: file))
  let index = bytes.count - 2
  bytes[index] = bytes[index] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
  try Data(bytes).write(to: file)
}
