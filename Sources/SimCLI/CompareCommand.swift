import ArgumentParser
import Experiments
import Foundation

/// `taosim compare`: paired comparison of scenarios on common random numbers.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare scenarios replication by replication (paired, on common random numbers).",
    discussion: """
      Runs every scenario with the same seed and replications 0..<N (the first scenario's unless \
      --seed / --replications are given), so replication r of each sees the same keyed random \
      world. Runs already complete in --out are read, not re-run. For each network metric (final \
      value and time mean per replication) prints and writes each scenario's mean with its 95 % \
      interval and its paired difference from the FIRST scenario with the 95 % paired-t \
      interval; '*' marks a difference whose interval excludes zero. Intervals of bounded metrics \
      stay inside their bounds (see `taosim describe metrics`). With N < 2 there is no interval.

      Writes OUT/compare/<name>/compare.csv (tidy), values.csv (every per-replication value) and \
      compare.json (the runs compared, with their run ids).

      Example:
        taosim compare Scenarios/policies/price-ema.yaml \\
          Scenarios/policies/equal.yaml --replications 8 --set horizon_days=30
      """)

  @Argument(help: "Scenario files (YAML); the first is the reference.")
  var scenarios: [String]

  @OptionGroup var settings: RunSettings

  @Option(help: "Name of the comparison folder under OUT/compare/ (default: scenario names and a hash of the run ids).")
  var name: String?

  @Option(help: "Aggregates to print: final, mean or both (files always hold both).")
  var show: String = "both"

  func validate() throws {
    if scenarios.count < 2 { throw ValidationError("name at least two scenarios") }
    if !["final", "mean", "both"].contains(show) { throw ValidationError("--show must be final, mean or both") }
  }

  func run() throws {
    let runner = settings.runner()
    let loaded = try scenarios.map { try CLI.load(runner, $0, overrides: settings.overrides) }
    let start = ContinuousClock.now
    let comparison: Comparison
    do {
      comparison = try runner.compare(
        loaded, seed: settings.seed, replications: settings.replications, outputRoot: CLI.outputRoot(settings.out),
        name: name)
    } catch {
      CLI.warn(error.description)
      if case .usage = error { throw ExitCode(2) }
      throw ExitCode.failure
    }
    _ = CLI.printOutcomes(comparison.outcomes)
    let folder = CLI.outputRoot(settings.out).appendingPathComponent(comparison.relativeFolder)
    print("comparison: \(CLI.display(folder)) (seed \(comparison.seed), \(comparison.replications) replication(s), \(CLI.elapsed(since: start)))")
    print(comparison.table(aggregates: show == "both" ? Comparison.aggregates : [show]))
  }
}
