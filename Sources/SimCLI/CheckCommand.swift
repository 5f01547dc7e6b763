import ArgumentParser
import Experiments
import Foundation

/// `taosim check`: invariants and `expect:` clauses, as a report and optionally JUnit XML.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check runs against the built-in invariants and their scenarios' expect: clauses.",
    discussion: """
      A PATH is a run folder (with manifest.json), a scenario file, or a folder: a folder is \
      walked and every run and sweep point in it is checked; incomplete runs, interrupted writes \
      and missing sweep points fail, and so does a folder holding no complete run. Scenario files \
      are run first unless their run is already complete in --out. Invariants: conservation held \
      while simulating (the manifest's health block); files match the completion marker; no NaN or infinite values; shares in [0, 1]; counts >= 0; time \
      runs forward; every replication has the same records. A clause reads summary.csv: \
      AGGREGATE.METRIC[.STATISTIC] OP NUMBER, e.g. final.top10_validator_share <= 0.5 (the mean over \
      replications of the last value) or mean.copier_relative_dividend.ci_high < 1. \
      Exit 1 on any violation, 2 on an invalid scenario.

      Example:
        taosim check Scenarios/ci/expectations.yaml --junit check.xml
      """)

  @Argument(help: "Run folders, scenario files or folders of scenarios.")
  var paths: [String]

  @Option(help: "Also write a JUnit XML report to this file.")
  var junit: String?

  @Option(help: "Folder where scenarios are run (and complete runs are reused).")
  var out: String = "Results"

  @Option(help: "Worker threads for scenarios that must be run first.")
  var workers: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "No progress on stderr (the report still prints).")
  var quiet = false

  func run() throws {
    let runner = ExperimentRunner(kernel: CLI.kernel(), workers: workers, progress: CLI.progress(quiet: quiet))
    let result: ExperimentRunner.CheckResult
    do {
      result = try runner.check(paths, outputRoot: CLI.outputRoot(out))
    } catch let error as ExperimentError {
      CLI.warn(error.description)
      throw ExitCode(2)
    }
    for (file, error) in result.invalid {
      CLI.warn("\(file): invalid")
      for problem in error.problems { CLI.warn("  \(problem)") }
    }
    _ = CLI.printOutcomes(result.failedRuns)
    var violations = 0
    for report in result.reports {
      print("\(report.label)  (\(CLI.display(report.folder)))")
      for finding in report.findings {
        print("  \(finding.passed ? "PASS" : "FAIL")  \(finding.name): \(finding.detail)")
      }
      violations += report.failures
    }
    for problem in result.problems { print("FAIL  \(problem)") }
    for line in result.checked { print("checked \(line)") }
    let total = result.reports.reduce(0) { $0 + $1.findings.count }
    print("\(result.reports.count) run(s), \(total) check(s), \(violations) violation(s)")
    if let junit {
      do {
        try JUnitReport.write(result.reports, to: URL(fileURLWithPath: junit))
      } catch {
        CLI.warn("cannot write \(junit): \(error)")
        throw ExitCode(2)
      }
    }
    if !result.invalid.isEmpty { throw ExitCode(2) }
    if violations > 0 || !result.failedRuns.isEmpty || !result.problems.isEmpty { throw ExitCode.failure }
  }
}
