import ArgumentParser
import Experiments
import Foundation

/// `taosim sweep`: a scenario's `sweep:` block, one run folder per point, optionally sharded.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Expand a scenario's sweep: block and run every point (or one shard of them).",
    discussion: """
      Writes OUT/<scenario>/sweep-<hash>/ with sweep.json (the plan), one point-NNNN/ run folder per \
      point, and sweep.csv: one row per point with its run id, parameter values, design coordinates \
      and every network metric's final and time-mean value with its 95% interval (rewritten as \
      points complete). With seeds: common (the default) replicate r of every point uses the same \
      random world.

      Modes: grid and zip combine listed values; lhs, sobol and morris sample parameters given as \
      min/max ranges, distributions or choices (samples: N); analyse them with taosim analyze.

      Sharding: --shard I --of N runs points I, I+N, I+2N, … and writes a shard manifest under \
      OUT/shards/. I may come from SLURM_ARRAY_TASK_ID (N then from SLURM_ARRAY_TASK_COUNT unless \
      --of is given) or JOB_COMPLETION_INDEX. `taosim merge` then checks completeness and writes \
      exactly the files an unsharded sweep writes.

      Example:
        taosim sweep Scenarios/ci/sweep-small.yaml --out Results
        taosim sweep Scenarios/ci/sweep-small.yaml --shard 0 --of 4 --out shards
        taosim sweep Scenarios/studies/designs-sensitivity.yaml --out Results
      """)

  @Argument(help: "The scenario file with a sweep: block.")
  var scenario: String

  @OptionGroup var settings: RunSettings

  @OptionGroup var sharding: ShardOptions

  @Flag(help: "Skip points that are already complete in --out.")
  var resume = false

  func run() throws {
    let shard = try sharding.resolve()
    let runner = settings.runner()
    let loaded = try CLI.load(runner, scenario, overrides: settings.overrides)
    let start = ContinuousClock.now
    let report: ExperimentRunner.SweepReport
    do {
      report = try runner.sweep(
        loaded, seed: settings.seed, replications: settings.replications, outputRoot: CLI.outputRoot(settings.out),
        shard: shard, resume: resume)
    } catch let error as ScenarioError {
      throw CLI.scenarioFailure(error)
    } catch let error as RecordingError {
      CLI.warn(error.description)
      throw ExitCode(2)
    }
    let failures = CLI.printOutcomes(report.outcomes)
    print("sweep: \(CLI.display(report.plan.folder)) (\(report.plan.runs.count) points)")
    if let shard {
      print("\(shard): \(report.outcomes.count) point(s), \(failures) failed; merge with: taosim merge \(settings.out) --out DIR")
    } else if report.indexWritten {
      print("outcomes: \(CLI.display(report.plan.folder.appendingPathComponent("sweep.csv")))")
    }
    print(CLI.elapsed(since: start))
    if failures > 0 { throw ExitCode.failure }
  }
}
