import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// `taosim check` cannot pass on nothing: an empty folder, a folder of crashed runs, a sweep
/// with a missing point or a manifest recording a conservation violation all fail.
@Suite("Checks that can fail")
struct CheckCoverageTests {
  let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)

  @Test("an empty folder holds no complete run and fails")
  func emptyFolder() throws {
    let folder = try TemporaryFolder()
    let result = try runner.check([folder.url.path], outputRoot: folder.url.appendingPathComponent("out"))
    #expect(result.problems == ["\(folder.url.path) holds no complete run"])
  }

  @Test("a folder of crashed runs fails, one report per incomplete run")
  func crashedRuns() throws {
    let folder = try TemporaryFolder()
    try folder.write("tiny/.seed-1_reps-1_aaaaaaaaaaaa.new/.parts/network.0.part", "1,2\n")
    try folder.write("tiny/seed-2_reps-1_bbbbbbbbbbbb/.staging/network.0.part", "1,2\n")
    try folder.write("tiny/seed-3_reps-1_cccccccccccc/network.csv", "a,b\n")
    let result = try runner.check([folder.url.path], outputRoot: folder.url.appendingPathComponent("out"))
    #expect(result.reports.count == 3)
    #expect(result.reports.allSatisfy { $0.failures == 1 })
    #expect(!result.problems.isEmpty)
  }

  @Test("a sweep folder is checked point by point, and a missing point fails")
  func sweepFolder() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("grid.yaml", sweepScenario)
    let out = folder.url.appendingPathComponent("out")
    let report = try runner.sweep(try runner.load(path), outputRoot: out)
    let complete = try runner.check([report.plan.folder.path], outputRoot: out)
    #expect(complete.reports.count == report.plan.runs.count)
    #expect(complete.reports.allSatisfy { $0.failures == 0 })
    #expect(complete.problems.isEmpty)
    try FileManager.default.removeItem(at: report.plan.runs[3].folder)
    let partial = try runner.check([out.path], outputRoot: out)
    let failing = partial.reports.filter { $0.failures > 0 }
    #expect(failing.map(\.folder.lastPathComponent) == ["point-0003"])
  }

  @Test("a manifest's health block is read: a recorded violation or a missing block fails")
  func healthBlock() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let outcome = runner.run(try runner.load(path), outputRoot: folder.url)
    let manifest = try JSONValue.parse(
      String(contentsOf: outcome.run.folder.appendingPathComponent("manifest.json"), encoding: .utf8))
    let health = try #require(manifest["health"])
    #expect(health["violations"] == .integer(0))
    #expect(health["invariant_checks"] == .integer(3 * 4))
    #expect(Check.healthFinding(manifest).passed)
    guard case .object(var object) = manifest, case .object(var block) = health else { return }
    block["violations"] = .integer(1)
    object["health"] = .object(block)
    #expect(!Check.healthFinding(.object(object)).passed)
    object["health"] = nil
    #expect(!Check.healthFinding(.object(object)).passed)
  }
}
