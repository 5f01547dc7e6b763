import ArgumentParser
import Experiments
import Foundation

/// Printing and exit-code conventions shared by the commands: results on stdout, problems and
/// progress on stderr; exit 2 for unusable input (nothing written), 1 for failed runs or checks.
enum CLI {
  /// Writes `text` and a newline to stderr.
  static func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Prints every scenario problem and returns exit code 2.
  static func scenarioFailure(_ error: ScenarioError) -> ExitCode {
    for problem in error.problems { warn(problem.description) }
    warn("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"); nothing was written")
    return ExitCode(2)
  }

  /// Loads a scenario, or prints its problems and exits with code 2.
  static func load(_ runner: ExperimentRunner, _ path: String, overrides: [String]) throws -> LoadedScenario {
    do {
      return try runner.load(path, overrides: overrides)
    } catch {
      throw scenarioFailure(error)
    }
  }

  /// Prints the scenario's warnings on stderr as FILE:LINE:COLUMN: warning: key.path: message
  /// (the exit code is not changed).
  static func printWarnings(_ runner: ExperimentRunner, _ scenario: LoadedScenario) {
    for w in runner.warnings(scenario) { warn("\(w.location): warning: \(w.path): \(w.message)") }
  }

  /// The kernel that runs the World.
  static func kernel() -> any RunKernel { WorldKernel() }

  /// Progress on stderr (never on stdout, never in a result file), or `nil` with `--quiet`: a
  /// line redrawn in place on a terminal; otherwise a plain line every 30 s (or every
  /// `TAOSIM_PROGRESS_INTERVAL` seconds) and one line per finished run.
  static func progress(quiet: Bool) -> (@Sendable (ExecutionProgress) -> Void)? {
    guard !quiet else { return nil }
    let chosen = ProcessInfo.processInfo.environment["TAOSIM_PROGRESS_INTERVAL"].flatMap(Double.init)
    let interval = chosen.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? ProgressReporter.defaultInterval
    let mode: ProgressReporter.Mode = isatty(2) == 1 ? .terminal : .plain(interval: interval)
    return ProgressReporter(mode: mode, write: { FileHandle.standardError.write(Data($0.utf8)) }).callback
  }

  /// Seconds since `start`, for the wall-time line.
  static func elapsed(since start: ContinuousClock.Instant) -> String {
    let duration = ContinuousClock.now - start
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return String(format: "%.1f s", seconds)
  }

  /// `--out` as a URL.
  static func outputRoot(_ path: String) -> URL { URL(fileURLWithPath: path, isDirectory: true) }

  /// A run folder's path as the user would type it (relative to the working directory when inside it).
  static func display(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
  }

  /// One line per outcome; returns the number of failures.
  static func printOutcomes(_ outcomes: [RunOutcome]) -> Int {
    var failures = 0
    for outcome in outcomes {
      switch outcome.status {
      case .completed: print("done     \(display(outcome.run.folder))")
      case .skipped: print("skipped  \(display(outcome.run.folder)) (already complete)")
      case .failed(let reason):
        failures += 1
        print("FAILED   \(display(outcome.run.folder)): \(reason)")
      }
    }
    return failures
  }
}

/// Options shared by the commands that run scenarios.
struct RunSettings: ParsableArguments {
  @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario value, e.g. --set network.subnets=8 (repeatable).", valueName: "key.path=VALUE"))
  var overrides: [String] = []

  @Option(help: "Replace the scenario's root seed.")
  var seed: UInt64?

  @Option(help: "Replace the number of replications.")
  var replications: Int?

  @Option(help: "Worker threads; replications run in parallel (results do not depend on it).")
  var workers: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Folder that receives <scenario>/<run-id>/.")
  var out: String = "Results"

  @Flag(help: "No progress on stderr (results and the final report still print).")
  var quiet = false

  @Flag(help: "Write network, subnets and neurons tables gzip-compressed as .csv.gz (pandas reads them as they are).")
  var compress = false

  /// The runner these settings ask for (kernel, workers, progress, compression).
  func runner() -> ExperimentRunner {
    var runner = ExperimentRunner(kernel: CLI.kernel(), workers: workers, progress: CLI.progress(quiet: quiet))
    runner.compress = compress
    return runner
  }

  func validate() throws {
    if let replications, replications < 1 || replications > 100_000 {
      throw ValidationError("--replications must be in 1...100000")
    }
    if workers < 1 || workers > 1_024 { throw ValidationError("--workers must be in 1...1024") }
    if let seed, seed > UInt64(Int64.max) { throw ValidationError("--seed must be at most \(Int64.max)") }
  }
}

/// `--shard I --of N` (with the scheduler's environment as fallback).
struct ShardOptions: ParsableArguments {
  @Option(help: "Run only shard I of N (0-based; default: SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX).")
  var shard: Int?

  @Option(help: "The number of shards N (default: SLURM_ARRAY_TASK_COUNT with SLURM_ARRAY_TASK_ID).")
  var of: Int?

  func resolve() throws -> ShardSelection? {
    do {
      let (selection, note) = try ShardSelection.resolve(
        shard: shard, of: of, environment: ProcessInfo.processInfo.environment)
      if let note { CLI.warn(note) }
      return selection
    } catch {
      throw ValidationError(error.description)
    }
  }
}
