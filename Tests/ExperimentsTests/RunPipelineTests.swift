import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// A tiny scenario for the synthetic kernel: 3 subnets, tempo 100, 720 blocks.
let tinyScenario = """
  seed: 11
  replications: 3
  horizon_days: 0.1
  network:
    subnets: 3
  subnet:
    tempo_blocks: 100
  record:
    network_every_blocks: 200
    neuron_every_epochs: 4
  expect:
    - final.top10_validator_share <= 0.6
    - mean.validator_count >= 0
  """

@Suite("Runs: layout, determinism, failures, resume")
struct RunPipelineTests {
  func runner(workers: Int = 1, kernel: SyntheticKernel = SyntheticKernel()) -> ExperimentRunner {
    ExperimentRunner(kernel: kernel, workers: workers)
  }

  @Test("a run writes the documented files, identity columns first, and a marker last")
  func layout() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let outcome = runner().run(try runner().load(path), outputRoot: folder.url.appendingPathComponent("out"))
    #expect(outcome.status == .completed)
    let run = outcome.run
    #expect(run.folder.path.hasSuffix("out/tiny/\(run.runID)"))
    #expect(run.runID.hasPrefix("seed-11_reps-3_"))
    let names = try FileManager.default.contentsOfDirectory(atPath: run.folder.path).sorted()
    #expect(names == ["COMPLETE", "manifest.json", "network.csv", "neurons.csv", "subnets.csv", "summary.csv"])
    let network = try String(contentsOf: run.folder.appendingPathComponent("network.csv"), encoding: .utf8)
    let lines = network.split(separator: "\n")
    #expect(lines[0] == "scenario,run_id,replication,seed,epoch,block,day,top10_validator_share,issuance_tao,validator_count,copier_relative_dividend")
    #expect(lines[1].hasPrefix("tiny,\(run.runID),0,11,0,0,0.0,"))
    #expect(lines.count == 1 + 3 * 4)  // blocks 0, 200, 400, 600 in each of 3 replications
    let neurons = try String(contentsOf: run.folder.appendingPathComponent("neurons.csv"), encoding: .utf8)
    #expect(neurons.contains(",\"miner, honest\","))
    let manifest = try JSONValue.parse(String(contentsOf: run.folder.appendingPathComponent("manifest.json"), encoding: .utf8))
    #expect(manifest["run_id"]?.stringValue == run.runID)
    #expect(manifest["scenario"]?["seed"] == .integer(11))
    #expect(manifest["sources"] == .array([.string("tiny.yaml")]))
    #expect(manifest["timing"] == nil)
    #expect(CompletionMarker.isComplete(run.folder, runID: run.runID))
  }

  @Test("1 and 2 workers write byte-identical results", arguments: [1, 3])
  func workersDoNotMatter(replications: Int) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let scenario = try runner().load(path, overrides: ["replications=\(replications)"])
    let one = folder.url.appendingPathComponent("one")
    let two = folder.url.appendingPathComponent("two")
    #expect(runner(workers: 1).run(scenario, outputRoot: one).status == .completed)
    #expect(runner(workers: 2).run(scenario, outputRoot: two).status == .completed)
    #expect(differences(try filesBelow(one), try filesBelow(two)) == [])
  }

  @Test("the run id follows the content: a changed value or seed gives another folder")
  func runIDsFollowContent() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let root = folder.url
    let base = PlannedRun(scenario: try runner().load(path), outputRoot: root)
    let same = PlannedRun(scenario: try runner().load(path), outputRoot: root)
    let reseeded = PlannedRun(scenario: try runner().load(path), seed: 12, outputRoot: root)
    let changed = PlannedRun(scenario: try runner().load(path, overrides: ["network.subnets=4"]), outputRoot: root)
    #expect(base.runID == same.runID)
    #expect(Set([base.runID, reseeded.runID, changed.runID]).count == 3)
  }

  @Test("a failing replication fails its run, leaves no marker and spares the other runs")
  func failureIsContained() throws {
    let folder = try TemporaryFolder()
    let a = try folder.write("batch/a.yaml", tinyScenario)
    _ = a
    try folder.write("batch/b.yaml", tinyScenario + "\n# b\ndescription: b\n")
    let failing = runner(workers: 2, kernel: SyntheticKernel(failingReplication: 1))
    let report = try failing.batch([folder.url.appendingPathComponent("batch").path], outputRoot: folder.url.appendingPathComponent("out"))
    #expect(report.outcomes.count == 2)
    #expect(report.outcomes.allSatisfy { $0.status.isFailure })
    for outcome in report.outcomes {
      #expect(!FileManager.default.fileExists(atPath: outcome.run.folder.appendingPathComponent("COMPLETE").path))
      // No staged folder, part files or lock file is left beside it either.
      let beside = try FileManager.default.contentsOfDirectory(atPath: outcome.run.folder.deletingLastPathComponent().path)
      #expect(beside.allSatisfy { !$0.hasPrefix(".") }, "\(beside)")
    }
  }

  @Test("--resume after an interrupted batch re-runs only the unfinished run and ends byte-identical")
  func resumeAfterInterruption() throws {
    let folder = try TemporaryFolder()
    for name in ["a", "b", "c"] {
      try folder.write("batch/\(name).yaml", tinyScenario + "\ndescription: \(name)\n")
    }
    let batch = folder.url.appendingPathComponent("batch").path
    let reference = folder.url.appendingPathComponent("reference")
    let resumed = folder.url.appendingPathComponent("resumed")
    let first = try runner(workers: 2).batch([batch], outputRoot: reference)
    #expect(first.outcomes.map(\.status) == [.completed, .completed, .completed])
    _ = try runner(workers: 2).batch([batch], outputRoot: resumed)
    // What a kill during run b leaves: no marker, a truncated table, a stray temp file, parts.
    let b = resumed.appendingPathComponent(first.outcomes[1].run.relativeFolder)
    try FileManager.default.removeItem(at: b.appendingPathComponent("COMPLETE"))
    try Data("scenario,run_id\nb,trunc".utf8).write(to: b.appendingPathComponent("network.csv"))
    try Data("partial".utf8).write(to: b.appendingPathComponent(".summary.csv.1-1.tmp"))
    try FileManager.default.createDirectory(at: b.appendingPathComponent(".staging"), withIntermediateDirectories: true)
    let again = try runner(workers: 2).batch([batch], outputRoot: resumed, resume: true)
    #expect(again.outcomes.map(\.status) == [.skipped, .completed, .skipped])
    #expect(differences(try filesBelow(reference), try filesBelow(resumed)) == [])
  }

  @Test("an invalid file in a batch is reported and the valid ones still run")
  func invalidFileInBatch() throws {
    let folder = try TemporaryFolder()
    try folder.write("batch/good.yaml", tinyScenario)
    try folder.write("batch/bad.yaml", "seed: x\n")
    let report = try runner().batch([folder.url.appendingPathComponent("batch").path], outputRoot: folder.url)
    #expect(report.invalid.map { ($0.file as NSString).lastPathComponent } == ["bad.yaml"])
    #expect(report.outcomes.map(\.status) == [.completed])
  }

  @Test("summary.csv has n, mean, sd and a Student-t interval per metric and aggregate")
  func summary() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let outcome = runner().run(try runner().load(path), outputRoot: folder.url)
    let text = try String(contentsOf: outcome.run.folder.appendingPathComponent("summary.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "scenario,run_id,seed,replications,scope,netuid,metric,unit,aggregate,n,mean,sd,ci_low,ci_high,min,max")
    // 4 network metrics × 4 aggregates + 3 subnets × 1 metric × 4 aggregates.
    #expect(lines.count == 1 + 16 + 12)
    let final = try #require(lines.first { $0.contains(",network,,issuance_tao,TAO,final,") })
    let fields = final.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(fields[9] == "3")
    let (mean, low, high) = (Double(fields[10])!, Double(fields[12])!, Double(fields[13])!)
    #expect(low < mean && mean < high)
  }
}

/// A study used to test the study seam: writes one table from a parallel map and reports a metric.
struct SquaresStudy: Study {
  struct Parameters: Sendable {
    var count: Int
    var scale: Double
  }

  static let kind = "squares"
  static let summary = "test study: squares of 0..<count times scale"

  static func readParameters(_ reader: ObjectReader) -> Parameters {
    Parameters(
      count: reader.integer("count", default: 5, in: 1...1_000, doc: "how many squares"),
      scale: reader.number("scale", default: 1, in: .closed(0, 10), doc: "factor"))
  }

  let parameters: Parameters
  init(parameters: Parameters) { self.parameters = parameters }

  func run(in context: StudyContext) throws -> StudyResult {
    let scale = parameters.scale
    let values = try context.parallelMap(parameters.count) { index in Double(index * index) * scale }
    let table = try context.table("squares.csv", columns: [
      MetricColumn("index", unit: "index", "i"), MetricColumn("square", unit: "number", "i² × scale"),
    ])
    for (index, value) in values.enumerated() { try table.append([Double(index), value]) }
    try table.commit()
    return StudyResult(metrics: [StudyMetric(MetricColumn("largest_square", unit: "number", "max"), samples: [values.last ?? 0])])
  }
}

@Suite("Studies")
struct StudyTests {
  @Test("a study block is typed by the study's reader, overridable with --set, and run into a run folder")
  func studyRuns() throws {
    let kinds = [StudyKind(SquaresStudy.self)]
    let folder = try TemporaryFolder()
    let path = try folder.write("sq.yaml", "seed: 1\nstudy:\n  kind: squares\n  count: 4\nexpect:\n  - final.largest_square == 18\n")
    let extensions = StudyRegistry.extensions(kinds: kinds)
    let loaded = try ScenarioLoader.load(path: path, overrides: ["study.scale=2"], extensions: extensions)
    #expect((loaded.spec.study?.parameters as? SquaresStudy.Parameters)?.scale == 2)
    let run = PlannedRun(scenario: loaded, outputRoot: folder.url)
    let outcome = RunExecutor(kernel: SyntheticKernel(), workers: 2, studies: kinds).execute([run])[0]
    #expect(outcome.status == .completed)
    let table = try String(contentsOf: run.folder.appendingPathComponent("squares.csv"), encoding: .utf8)
    #expect(table == "scenario,run_id,seed,index,square\n" + (0..<4).map { "sq,\(run.runID),1,\($0),\(Double($0 * $0 * 2))\n" }.joined())
    let report = try Check.evaluate(folder: run.folder)
    #expect(report.failures == 0, "\(report.findings.filter { !$0.passed })")
    do {
      _ = try ScenarioLoader.load(path: path, overrides: ["study.colour=1", "study.count=0"], extensions: extensions)
      Issue.record("loaded")
    } catch {
      #expect(error.problems.map(\.message) == [
        "unknown key 'colour' for kind 'squares'; known keys: kind, count, scale", "0 is outside the allowed range [1, 1000]",
      ])
    }
  }
}

@Suite("Batches: duplicate runs")
struct BatchDuplicateTests {
  @Test("two files naming the same run are run once, so no folder has two writers")
  func duplicatesRunOnce() throws {
    let folder = try TemporaryFolder()
    try folder.write("a/tiny.yaml", tinyScenario)
    try folder.write("b/tiny.yaml", tinyScenario)
    let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)
    let report = try runner.batch(
      [folder.url.appendingPathComponent("a").path, folder.url.appendingPathComponent("b").path], outputRoot: folder.url)
    #expect(report.outcomes.map(\.status) == [.completed])
  }
}
