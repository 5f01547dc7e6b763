import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

@Suite("taosim check: invariants and expect clauses")
struct CheckTests {
  let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)

  @Test("a run whose expectations hold passes every check")
  func passes() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let result = try runner.check([path], outputRoot: folder.url)
    let report = try #require(result.reports.first)
    #expect(report.failures == 0, "\(report.findings.filter { !$0.passed })")
    #expect(report.findings.count == 7 + 2)  // 7 invariants (health included), 2 clauses
    #expect(JUnitReport.xml(result.reports).contains("failures=\"0\""))
  }

  @Test("a violated expect clause fails with its value, in the report and the JUnit XML")
  func violatedClause() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let scenario = try runner.load(path, overrides: ["expect=[final.top10_validator_share.max < 0.3]"])
    let run = runner.run(scenario, outputRoot: folder.url)
    let report = try Check.evaluate(folder: run.run.folder)
    let failed = report.findings.filter { !$0.passed }
    #expect(failed.map(\.name) == ["expect final.top10_validator_share.max < 0.3"])
    #expect(failed[0].detail.hasPrefix("final.top10_validator_share.max = 0."))
    let xml = JUnitReport.xml([report])
    #expect(xml.contains("failures=\"1\""))
    #expect(xml.contains("<failure message=\"final.top10_validator_share.max = 0."))
  }

  @Test("tampered or impossible values are caught by the invariants")
  func invariantsCatchTampering() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let run = runner.run(try runner.load(path), outputRoot: folder.url).run
    let network = run.folder.appendingPathComponent("network.csv")
    var lines = try String(contentsOf: network, encoding: .utf8).split(separator: "\n").map(String.init)
    var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[7] = "1.5"  // a share above 1
    fields[9] = "nan"
    lines[2] = fields.joined(separator: ",")
    lines.swapAt(3, 4)  // time running backwards
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: network)
    let report = try Check.evaluate(folder: run.folder)
    let failed = Set(report.findings.filter { !$0.passed }.map(\.name))
    #expect(
      failed == [
        "files match the completion marker", "no NaN, infinite or non-numeric values", "shares lie in [0, 1]",
        "time runs forward",
      ])
  }

  @Test("expect clauses naming unknown metrics are refused when the scenario is read")
  func unknownMetric() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario + "\n  - final.no_such_metric < 1\n")
    do {
      _ = try runner.load(path)
      Issue.record("loaded")
    } catch {
      #expect(error.problems.map(\.message) == ["unknown metric 'no_such_metric'; see taosim describe metrics"])
    }
  }
}
