import ArgumentParser
import Experiments
import Foundation

/// `taosim analyze`: sensitivity indices and PRIM boxes from a sweep's outcome table.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Sensitivity indices (Sobol, Morris) and scenario discovery (PRIM) for a sweep.",
    discussion: """
      Reads SWEEP_DIR/sweep.json and SWEEP_DIR/sweep.csv and writes SWEEP_DIR/sensitivity.csv \
      (tidy: one estimate per row). For a sobol design: first-order (Saltelli 2010) and total \
      (Jansen) indices of every --outputs column with bootstrap 95% intervals; for a morris \
      design: mu, mu_star (with its bootstrap 95% interval) and sigma. With --where, on any \
      sweep: the PRIM box (peeling alpha 0.05 down to --min-support) of the points where the \
      condition holds, with its coverage, density, mass and every parameter's limits.

      An output is a sweep.csv column; a bare metric name means its final value (metric_final), \
      metric_mean its time mean. A condition is COLUMN OP VALUE (OP: < <= > >= == !=), joined \
      by 'and' / 'or'. Bootstrap resamples come from keyed streams (the sweep's seed and the \
      output's name): the same sweep gives the same file.

      Example:
        taosim sweep Scenarios/studies/designs-sensitivity.yaml --out Results
        taosim analyze Results/designs-sensitivity/sweep-<hash> \\
          --outputs top10_validator_share copier_relative_dividend_mean \\
          --where "top10_validator_share > 0.5"
      """)

  @Argument(help: "A sweep folder (OUT/<scenario>/sweep-<hash>).")
  var sweep: String

  @Option(parsing: .upToNextOption, help: "Outcome columns to analyse (metric, metric_final, metric_mean, …).")
  var outputs: [String] = []

  @Option(name: .customLong("where"), help: "A condition for PRIM scenario discovery, e.g. \"top10_validator_share > 0.5\".")
  var condition: String?

  @Option(help: "PRIM: the smallest share of points a box may keep.")
  var minSupport: Double = 0.05

  @Option(help: "Bootstrap resamples for the intervals.")
  var resamples: Int = 1000

  func validate() throws {
    if outputs.isEmpty && condition == nil { throw ValidationError("name --outputs, --where or both") }
    if !(minSupport > 0 && minSupport <= 1) { throw ValidationError("--min-support must lie in (0, 1]") }
    if !(2...100_000).contains(resamples) { throw ValidationError("--resamples must lie in [2, 100000]") }
  }

  func run() throws {
    var request = SweepAnalysis.Request(outputs: outputs, condition: condition)
    request.minimumSupport = minSupport
    request.resamples = resamples
    let report: SweepAnalysis.Report
    do {
      report = try SweepAnalysis.analyze(folder: URL(fileURLWithPath: sweep, isDirectory: true), request: request)
    } catch {
      CLI.warn(error.description)
      throw ExitCode(2)
    }
    for row in report.rows {
      let interval = row.low.isEmpty ? "" : "  [\(row.low), \(row.high)]"
      let parameter = row.parameter.isEmpty ? "" : " \(row.parameter)"
      print("\(row.method) \(row.output)\(parameter) \(row.statistic) = \(row.value)\(interval)  (n \(row.n))")
    }
    print("sensitivity: \(CLI.display(report.file)) (\(report.design) design, \(report.rows.count) rows)")
  }
}
