import Foundation
import Recording
import ScenarioIO

/// The experiment layer's front door: loads scenarios and runs them singly, in batches, as
/// sweeps and as shards of batches and sweeps. The CLI only parses arguments and calls this.
public struct ExperimentRunner: Sendable {
  public let kernel: any RunKernel
  public let workers: Int
  public let progress: (@Sendable (ExecutionProgress) -> Void)?
  /// The study kinds scenarios may name (default: every registered study).
  public let studies: [StudyKind]
  /// Write the record tables (network, subnets, neurons) gzip-compressed as `.csv.gz`
  /// (`--compress`); the run id and the decompressed bytes are the same either way.
  public var compress = false

  public init(
    kernel: any RunKernel, workers: Int = 1, studies: [StudyKind] = StudyRegistry.all,
    progress: (@Sendable (ExecutionProgress) -> Void)? = nil
  ) {
    self.studies = studies
    self.kernel = kernel
    self.workers = max(1, workers)
    self.progress = progress
  }

  /// The scenario-format extensions: study kinds, and the kernel's network metrics for `expect:`.
  public var extensions: ScenarioExtensions {
    let kernel = self.kernel
    return StudyRegistry.extensions(
      kinds: studies, metricNames: kernel.catalog.network.map(\.name), acceptsMetric: { kernel.acceptsMetric($0) })
  }

  /// Loads and validates a scenario file with `--set` overrides.
  public func load(_ path: String, overrides: [String] = []) throws(ScenarioError) -> LoadedScenario {
    try ScenarioLoader.load(path: path, overrides: overrides, extensions: extensions)
  }

  /// Replications whose genesis ``preflight(_:)`` builds (the first ones; the rest are checked
  /// by their runs, so `validate` stays fast with many replications).
  public static let preflightReplications = 16

  /// Refuses `run` before anything is written if its starting state cannot be built: the
  /// genesis of its first ``preflightReplications`` replications is built (and discarded) as
  /// the run would build it. `validate` and `run` both call this, so they refuse the same
  /// scenarios. Studies build their own worlds and are checked when their block is read.
  ///
  /// - Throws: ``ScenarioError`` at the scenario's `genesis` section (or its top) naming the
  ///   replication and the reason.
  public func preflight(_ run: PlannedRun) throws(ScenarioError) {
    guard run.scenario.spec.study == nil else { return }
    for replication in 0..<min(run.replications, Self.preflightReplications) {
      do {
        try kernel.preflight(run.scenario.spec, rootSeed: run.seed, replication: replication)
      } catch {
        let tree = run.scenario.tree
        let location = tree["genesis"]?.location ?? tree.location
        let point = run.sweepPoint.map { ", sweep point \($0.index)" } ?? ""
        throw ScenarioError(problems: [
          ScenarioProblem(
            location: location, path: "genesis",
            message: "replication \(replication) (seed \(run.seed)\(point)) cannot start: \(error)")
        ])
      }
    }
  }

  /// Plans a run of `scenario` and checks it as ``preflight(_:)`` does.
  public func check(_ scenario: LoadedScenario, seed: UInt64? = nil, replications: Int? = nil) throws(ScenarioError) {
    if let refusal = Self.sweepRefusal(scenario) { throw refusal }
    try preflight(PlannedRun(scenario: scenario, seed: seed, replications: replications, outputRoot: URL(fileURLWithPath: ".")))
  }

  /// Plans and executes one run.
  public func run(
    _ scenario: LoadedScenario, seed: UInt64? = nil, replications: Int? = nil, outputRoot: URL, resume: Bool = false
  ) -> RunOutcome {
    let run = PlannedRun(scenario: scenario, seed: seed, replications: replications, outputRoot: outputRoot)
    return executor.execute([run], resume: resume)[0]
  }

  var executor: RunExecutor {
    RunExecutor(kernel: kernel, workers: workers, studies: studies, compress: compress, progress: progress)
  }

  /// The error for running a scenario with a `sweep:` block as one run (which would ignore the
  /// sweep), or `nil` when it has none.
  public static func sweepRefusal(_ scenario: LoadedScenario) -> ScenarioError? {
    guard scenario.spec.sweep != nil else { return nil }
    return ScenarioError(problems: [
      ScenarioProblem(
        location: scenario.tree["sweep"]?.location ?? scenario.tree.location, path: "sweep",
        message: "has a sweep: block; run it with taosim sweep (a single run would ignore the sweep)")
    ])
  }

  /// The error for sharding a scenario without a `sweep:` block over a cluster (every shard's
  /// `taosim sweep` would refuse it), or `nil` when it has one.
  public static func sweepRequirement(_ scenario: LoadedScenario) -> ScenarioError? {
    guard scenario.spec.sweep == nil else { return nil }
    return ScenarioError(problems: [
      ScenarioProblem(
        location: scenario.tree.location, path: "sweep",
        message: "has no sweep: block; taosim slurm runs a sweep as shards (run this file with taosim run or taosim batch)")
    ])
  }

  // MARK: - Batches

  /// What a batch did.
  public struct BatchReport: Sendable {
    /// Scenario files that could not be loaded, with their problems.
    public var invalid: [(file: String, error: ScenarioError)]
    /// Outcomes of the runs this process was responsible for.
    public var outcomes: [RunOutcome]
    /// The shard, if sharded.
    public var shard: ShardSelection?
  }

  /// Scenario files named by `paths`: files as given, folders expanded to their `*.yaml` /
  /// `*.yml` files sorted by name (not recursive).
  public static func expand(_ paths: [String]) throws(ExperimentError) -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .badPath(path, "no such file or folder")
      }
      guard isDirectory.boolValue else {
        files.append(path)
        continue
      }
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        .sorted(by: JSONValue.byteOrder)
      files += names.map { (path as NSString).appendingPathComponent($0) }
    }
    return files
  }

  /// Runs every scenario in `paths` (in order), or this shard's slice of them. A scenario that
  /// fails to load or run is reported and the others still run. `overrides`, `seed` and
  /// `replications` apply to every file, as `taosim run` applies them to one (a `--set` path a
  /// file does not accept makes that file invalid).
  public func batch(
    _ paths: [String], overrides: [String] = [], seed: UInt64? = nil, replications: Int? = nil,
    outputRoot: URL, resume: Bool = false, shard: ShardSelection? = nil
  ) throws(ExperimentError) -> BatchReport {
    let files = try Self.expand(paths)
    var invalid: [(String, ScenarioError)] = []
    var planned: [PlannedRun] = []
    for file in files {
      do {
        let scenario = try load(file, overrides: overrides)
        if let refusal = Self.sweepRefusal(scenario) {
          invalid.append((file, refusal))
          continue
        }
        let run = PlannedRun(scenario: scenario, seed: seed, replications: replications, outputRoot: outputRoot)
        try preflight(run)
        // Two files with the same name and resolved content are one run (one folder, one writer).
        if !planned.contains(where: { $0.relativeFolder == run.relativeFolder }) { planned.append(run) }
      } catch {
        invalid.append((file, error))
      }
    }
    let start = ContinuousClock.now
    let mine = planned.enumerated().filter { shard?.contains($0.offset) ?? true }.map(\.element)
    let outcomes = executor.execute(mine, resume: resume)
    if let shard {
      let key = "batch-" + SHA256.hex(planned.map(\.relativeFolder).joined(separator: "\n")).prefix(12)
      do {
        try ShardManifest.write(
          outputRoot: outputRoot, planKind: "batch", planKey: key, planID: key, sweepFolder: nil, runs: planned,
          selection: shard, outcomes: outcomes, seconds: Self.seconds(since: start))
      } catch {
        throw ExperimentError.wrap(error)
      }
    }
    return BatchReport(invalid: invalid, outcomes: outcomes, shard: shard)
  }

  // MARK: - Sweeps

  /// What a sweep did.
  public struct SweepReport: Sendable {
    public var plan: SweepPlan
    public var outcomes: [RunOutcome]
    public var shard: ShardSelection?
    /// True when `sweep.csv` was written (unsharded sweeps: rewritten as points complete and
    /// at the end; a failed point's row says `complete` false).
    public var indexWritten: Bool
  }

  /// Expands and runs a sweep (or this shard's slice of its points).
  public func sweep(
    _ scenario: LoadedScenario, seed: UInt64? = nil, replications: Int? = nil, outputRoot: URL,
    shard: ShardSelection? = nil, resume: Bool = false
  ) throws -> SweepReport {
    let plan = try SweepPlan(
      base: scenario, seed: seed, replications: replications, outputRoot: outputRoot, extensions: extensions)
    for run in plan.runs { try preflight(run) }
    let start = ContinuousClock.now
    let mine = plan.runs.enumerated().filter { shard?.contains($0.offset) ?? true }.map(\.element)
    _ = try OutputRoot(outputRoot).confined(scenario.spec.name + "/" + plan.sweepID)
    try plan.writePlan()
    let outcomes: [RunOutcome]
    if shard == nil {
      let index = SweepIndex(plan: plan.planJSON, folder: plan.folder)
      try index.write()
      let refresh = IndexRefresh(index)
      let forward = progress
      outcomes = RunExecutor(kernel: kernel, workers: workers, studies: studies, compress: compress) { update in
        forward?(update)
        if update.finishedLatest { refresh.pointFinished() }
      }.execute(mine, resume: resume)
      try index.write()
    } else {
      outcomes = executor.execute(mine, resume: resume)
    }
    if let shard {
      try ShardManifest.write(
        outputRoot: outputRoot, planKind: "sweep", planKey: scenario.spec.name + "--" + plan.sweepID,
        planID: plan.sweepID, sweepFolder: scenario.spec.name + "/" + plan.sweepID, runs: plan.runs, selection: shard,
        outcomes: outcomes, seconds: Self.seconds(since: start))
    }
    return SweepReport(plan: plan, outcomes: outcomes, shard: shard, indexWritten: shard == nil)
  }

  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}

extension RunOutcome.Status {
  /// True for `.failed`.
  public var isFailure: Bool {
    if case .failed = self { return true }
    return false
  }
}
