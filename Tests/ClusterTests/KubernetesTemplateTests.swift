import Foundation
import Testing
import Yams

/// Checks `docs/kubernetes-indexed-job.yaml` keeps the sharding contract of `taosim slurm`.
@Suite("Kubernetes Indexed Job template")
struct KubernetesTemplateTests {
  /// The template's documents, parsed.
  func documents() throws -> [[String: Any]] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/kubernetes-indexed-job.yaml"), encoding: .utf8)
    return try Yams.load_all(yaml: text).map { try #require($0 as? [String: Any]) }
  }

  func args(_ job: [String: Any]) throws -> [String] {
    let spec = try #require(job["spec"] as? [String: Any])
    let template = try #require(spec["template"] as? [String: Any])
    let podSpec = try #require(template["spec"] as? [String: Any])
    let containers = try #require(podSpec["containers"] as? [[String: Any]])
    return try #require(containers.first?["args"] as? [String])
  }

  func value(after flag: String, in args: [String]) -> String? {
    args.firstIndex(of: flag).flatMap { args.indices.contains($0 + 1) ? args[$0 + 1] : nil }
  }

  @Test("the shard job is Indexed, takes the shard from JOB_COMPLETION_INDEX and passes --of = completions")
  func indexedJobContract() throws {
    let docs = try documents()
    #expect(docs.count == 3)
    let shardJob = docs[0]
    let spec = try #require(shardJob["spec"] as? [String: Any])
    #expect(spec["completionMode"] as? String == "Indexed")
    let completions = try #require(spec["completions"] as? Int)
    let shardArgs = try args(shardJob)
    #expect(shardArgs.first == "sweep")
    #expect(value(after: "--of", in: shardArgs) == String(completions))
    #expect(!shardArgs.contains("--shard"))
    #expect(spec["restartPolicy"] == nil)
  }

  @Test("the merge job reads the folder the shards write and the re-run job names its shard explicitly")
  func mergeAndRerunAgree() throws {
    let docs = try documents()
    let shardArgs = try args(docs[0]), mergeArgs = try args(docs[1]), rerunArgs = try args(docs[2])
    #expect(mergeArgs.first == "merge")
    #expect(mergeArgs.count > 1 && mergeArgs[1] == value(after: "--out", in: shardArgs))
    #expect(rerunArgs.first == "sweep" && rerunArgs[1] == shardArgs[1])
    #expect(value(after: "--of", in: rerunArgs) == value(after: "--of", in: shardArgs))
    #expect(value(after: "--out", in: rerunArgs) == value(after: "--out", in: shardArgs))
    let shard = try #require(value(after: "--shard", in: rerunArgs).flatMap(Int.init))
    let n = try #require(value(after: "--of", in: shardArgs).flatMap(Int.init))
    #expect((0..<n).contains(shard))
  }
}
