import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// Every name that becomes a path is checked by one rule, and nothing is written outside the
/// output folder: not by a run whose name comes from its file name, not by a merge that reads
/// folder and file names from shard manifests and completion markers.
@Suite("Output confinement")
struct OutputConfinementTests {
  let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)

  @Test(
    "a file name that gives an unusable run name is refused when the scenario is read, and nothing is written",
    arguments: ["...yaml", "..yaml", ".yaml", ".hidden.yaml", "tab\there.yaml"])
  func fileDerivedNames(fileName: String) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(fileName, tinyScenario)
    let out = folder.url.appendingPathComponent("inner/out")
    #expect {
      _ = try runner.load(path)
    } throws: { error in
      let problems = (error as? ScenarioError)?.problems ?? []
      return problems.contains { $0.path.description == "name" && $0.message.contains("rename the file or set name:") }
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("inner").path))
  }

  @Test("a run whose folder would resolve outside the output root is refused before anything is written")
  func symbolicLinkEscape() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let out = folder.url.appendingPathComponent("out")
    let elsewhere = folder.url.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("tiny"), withDestinationURL: elsewhere)
    let outcome = runner.run(try runner.load(path), outputRoot: out)
    guard case .failed(let reason) = outcome.status else { Issue.record("the run was not refused"); return }
    #expect(reason.description.contains("outside the output folder"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])
  }

  /// Two shards of the sweep scenario in `shards`, ready to merge.
  func shardedSweep(in folder: TemporaryFolder) throws -> URL {
    let path = try folder.write("grid.yaml", sweepScenario)
    let shards = folder.url.appendingPathComponent("shards")
    for index in 0..<2 {
      _ = try runner.sweep(try runner.load(path), outputRoot: shards, shard: ShardSelection(index: index, count: 2))
    }
    return shards
  }

  /// Rewrites every shard manifest under `shards` with `edit`.
  func editManifests(_ shards: URL, _ edit: (String) -> String) throws {
    let root = shards.appendingPathComponent("shards")
    for key in try FileManager.default.contentsOfDirectory(atPath: root.path) {
      let folder = root.appendingPathComponent(key)
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        let url = folder.appendingPathComponent(name)
        try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
      }
    }
  }

  @Test(
    "merge refuses run and sweep folders from shard manifests that would leave the output, and writes nothing",
    arguments: [
      ("\"folder\": \"grid/", "\"folder\": \"../../escape/"), ("\"sweep_folder\": \"grid/", "\"sweep_folder\": \"../escape/"),
      ("\"folder\": \"grid/", "\"folder\": \"/tmp/escape/"),
    ])
  func hostileShardManifest(from: String, to: String) throws {
    let folder = try TemporaryFolder()
    let shards = try shardedSweep(in: folder)
    try editManifests(shards) { $0.replacingOccurrences(of: from, with: to) }
    let before = try filesBelow(folder.url)
    let out = folder.url.appendingPathComponent("a/merged")
    #expect {
      _ = try Merge.merge(inputs: [shards], output: out)
    } throws: { error in
      (error as? Merge.Refusal)?.problems.contains { $0.contains("unsafe") } == true
    }
    #expect(differences(before, try filesBelow(folder.url)) == [])
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("a").path))
  }

  @Test("merge refuses a completion marker that lists a file name outside its run folder, and writes nothing")
  func hostileMarker() throws {
    let folder = try TemporaryFolder()
    let shards = try shardedSweep(in: folder)
    let sweepRoot = shards.appendingPathComponent("grid")
    let sweep = try #require(try FileManager.default.contentsOfDirectory(atPath: sweepRoot.path).first)
    let point = sweepRoot.appendingPathComponent(sweep).appendingPathComponent("point-0000")
    let marker = try #require(CompletionMarker.read(from: point))
    var files = marker.files
    files["../../../../outside.csv"] = files["network.csv"]
    try CompletionMarker(runID: marker.runID, toolVersion: marker.toolVersion, files: files).write(into: point)
    try FileManager.default.copyItem(
      at: point.appendingPathComponent("network.csv"), to: folder.url.appendingPathComponent("outside.csv"))
    let before = try filesBelow(folder.url)
    #expect {
      _ = try Merge.merge(inputs: [shards], output: folder.url.appendingPathComponent("merged"))
    } throws: { error in
      (error as? Merge.Refusal)?.problems.contains { $0.contains("unsafe file name") } == true
    }
    #expect(differences(before, try filesBelow(folder.url)) == [])
  }
}
