import ArgumentParser
import Experiments
import Foundation

/// `taosim run`: one scenario, its replications in parallel, results in `OUT/<scenario>/<run-id>/`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a scenario and write its results (CSV tables and a manifest).",
    discussion: """
      Writes OUT/<scenario>/<run-id>/ with manifest.json, network.csv, subnets.csv, optional \
      neurons.csv and summary.csv, then COMPLETE. The run id is a hash of the resolved scenario, \
      seed, replications and overrides, so the same inputs always give the same folder and bytes, \
      with any --workers. A scenario with a study: block runs that study instead.

      Example:
        taosim run Scenarios/baseline.yaml --set network.subnets=8 --replications 8
      """)

  @Argument(help: "The scenario file (YAML).")
  var scenario: String

  @OptionGroup var settings: RunSettings

  @Flag(help: "Skip the run if it is already complete in --out.")
  var resume = false

  func run() throws {
    let runner = settings.runner()
    let loaded = try CLI.load(runner, scenario, overrides: settings.overrides)
    CLI.printWarnings(runner, loaded)
    do {
      try runner.check(loaded, seed: settings.seed, replications: settings.replications)
    } catch {
      throw CLI.scenarioFailure(error)
    }
    let start = ContinuousClock.now
    let outcome = runner.run(
      loaded, seed: settings.seed, replications: settings.replications,
      outputRoot: CLI.outputRoot(settings.out), resume: resume)
    if case .failed(let reason) = outcome.status {
      CLI.warn("run failed: \(reason)")
      throw ExitCode.failure
    }
    print("results: \(CLI.display(outcome.run.folder))")
    print("\(outcome.run.replications) replication(s), seed \(outcome.run.seed), \(CLI.elapsed(since: start))"
      + (outcome.status == .skipped ? " (already complete, not re-run)" : ""))
    if let table = try? SummaryReport.table(folder: outcome.run.folder) { print(table) }
  }
}
