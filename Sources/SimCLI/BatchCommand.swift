import ArgumentParser
import Experiments
import Foundation

/// `taosim batch`: many scenarios, one run each; a failing run never loses the others.
struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Run many scenario files (folders expand to their *.yaml files, sorted).",
    discussion: """
      Each scenario runs as `taosim run` would (its own seed and replications, unless --seed or \
      --replications replace them; every --set applies to every file) into \
      OUT/<scenario>/<run-id>/. A scenario that is invalid or fails is reported and the others \
      still run; the exit code is 2 if any file was invalid, else 1 if any run failed. Completion \
      is recorded (COMPLETE) only after all of a run's files are in place, so --resume after an \
      interruption re-runs exactly the unfinished runs. With --shard I --of N only every N-th run \
      (starting at I) runs, plus a shard manifest under OUT/shards/ for `taosim merge`.

      Example:
        taosim batch Scenarios/policies --workers 2 --resume
        taosim batch Scenarios/policies --set network.subnets=8 --replications 4
      """)

  @Argument(help: "Scenario files or folders.")
  var paths: [String]

  @OptionGroup var settings: RunSettings

  @Flag(help: "Skip runs that are already complete in --out.")
  var resume = false

  @OptionGroup var sharding: ShardOptions

  func run() throws {
    let shard = try sharding.resolve()
    let runner = settings.runner()
    let start = ContinuousClock.now
    let report: ExperimentRunner.BatchReport
    do {
      report = try runner.batch(
        paths, overrides: settings.overrides, seed: settings.seed, replications: settings.replications,
        outputRoot: CLI.outputRoot(settings.out), resume: resume, shard: shard)
    } catch {
      CLI.warn(error.description)
      throw ExitCode(2)
    }
    for (file, error) in report.invalid {
      CLI.warn("\(file): invalid, skipped")
      for problem in error.problems { CLI.warn("  \(problem)") }
    }
    let failures = CLI.printOutcomes(report.outcomes)
    let completed = report.outcomes.filter { $0.status == .completed }.count
    let skipped = report.outcomes.filter { $0.status == .skipped }.count
    print(
      "\(report.outcomes.count) run(s)\(shard.map { " in \($0)" } ?? ""): \(completed) done, \(skipped) skipped, "
        + "\(failures) failed, \(report.invalid.count) invalid file(s); \(CLI.elapsed(since: start))")
    if !report.invalid.isEmpty { throw ExitCode(2) }
    if failures > 0 { throw ExitCode.failure }
  }
}
