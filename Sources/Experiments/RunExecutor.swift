import Foundation
import Recording
import ScenarioIO

/// How one planned run ended.
public struct RunOutcome: Sendable {
  public enum Status: Sendable, Equatable {
    /// Written now.
    case completed
    /// Already complete on disk (`--resume`).
    case skipped
    /// Failed; the folder holds no completion marker.
    case failed(RunFailure)
  }

  public var run: PlannedRun
  public var status: Status
}

/// Progress of an execution, reported to an optional callback (the CLI draws a line from it).
public struct ExecutionProgress: Sendable {
  /// Replications (and studies) finished so far, and in all.
  public var finishedJobs: Int
  public var totalJobs: Int
  /// Runs finished (completed, skipped or failed) so far, and in all.
  public var finishedRuns: Int
  public var totalRuns: Int
  /// The run a job just finished for (its folder below the output root; empty in the first
  /// report, sent before any job ends).
  public var latest: String
  /// True when that job was the run's last, so the run is now finished (`latest` names it).
  public var finishedLatest = false
}

/// Executes planned runs: replications in parallel on `workers` threads, each replication
/// independent, results combined in replication order, so the bytes never depend on the worker
/// count. A failing run is reported and never takes the others down.
///
/// Every run is written safely: its folder must lie under the output root (``OutputRoot``); a
/// ``FolderLock`` keeps a second writer out (it fails with a clear message and touches
/// nothing); the new result is built whole beside the old one (``StagedFolder``), every file
/// synced, the completion marker last, and swapped in only on success, so a failed or
/// interrupted re-run leaves an earlier complete result as it was.
public final class RunExecutor: @unchecked Sendable {
  let kernel: any RunKernel
  let workers: Int
  let progress: (@Sendable (ExecutionProgress) -> Void)?
  let studies: [StudyKind]
  /// Whether the record tables are written as `.csv.gz` (``ResultTable``).
  let compress: Bool

  /// Name of the hidden folder, inside the staged run folder, that holds part files while the
  /// replications run (removed before the folder is swapped in).
  static let stagingName = ".parts"

  public init(
    kernel: any RunKernel, workers: Int, studies: [StudyKind] = StudyRegistry.all, compress: Bool = false,
    progress: (@Sendable (ExecutionProgress) -> Void)? = nil
  ) {
    self.studies = studies
    self.compress = compress
    self.kernel = kernel
    self.workers = max(1, workers)
    self.progress = progress
  }

  /// Runs `runs` (skipping those already complete when `resume` is set); outcomes are in input
  /// order.
  public func execute(_ runs: [PlannedRun], resume: Bool = false) -> [RunOutcome] {
    let state = ExecutionState(runs: runs)
    var simulationJobs: [(run: Int, replication: Int)] = []
    var studies: [Int] = []
    var slots: [Int: RunSlot] = [:]
    for (index, run) in runs.enumerated() {
      do {
        guard let slot = try RunSlot(run, resume: resume) else {
          state.finish(index, .skipped)
          continue
        }
        slots[index] = slot
      } catch {
        state.finish(index, .failed(RunFailure(ExperimentError.wrap(error))))
        continue
      }
      if run.scenario.spec.study != nil {
        studies.append(index)
      } else {
        state.schemas[index] = kernel.schema(for: run.scenario.spec)
        for replication in 0..<run.replications { simulationJobs.append((index, replication)) }
      }
    }
    state.totalJobs = simulationJobs.count + studies.count
    // A first report before any job ends, so a long first job is shown with its totals.
    report(state, latest: "", jobs: 0)
    for index in studies {
      let status = slots[index]!.close(runStudy(slots[index]!.writing))
      state.finish(index, status)
      report(state, latest: runs[index].relativeFolder, jobs: 1, finished: true)
    }
    let jobs = simulationJobs
    let openSlots = slots
    WorkerPool.run(count: jobs.count, workers: workers) { [self] job in
      let (index, replication) = jobs[job]
      let slot = openSlots[index]!
      guard let schema = state.schema(index), !state.hasFailed(index) else {
        let last = state.replicationDone(index, nil, failure: nil)
        if last { state.finish(index, slot.close(.failed(state.failure(index) ?? RunFailure(ExperimentError.incomplete("failed"))))) }
        report(state, latest: runs[index].relativeFolder, jobs: 1, finished: last)
        return
      }
      var result: ReplicationResult?
      var failure: RunFailure?
      do {
        result = try runReplication(slot.writing, replication: replication, schema: schema)
      } catch {
        failure = RunFailure(error, replication: replication)
      }
      let last = state.replicationDone(index, result, failure: failure)
      if last {
        let status = finalize(slot.writing, schema: schema, results: state.results(index), failure: state.failure(index))
        state.finish(index, slot.close(status))
      }
      report(state, latest: runs[index].relativeFolder, jobs: 1, finished: last)
    }
    return state.outcomes()
  }

  /// Counts finished jobs and reports the count; the callback runs under the state's lock, so
  /// reports arrive in order (a report never shows fewer finished jobs than the one before).
  private func report(_ state: ExecutionState, latest: String, jobs: Int, finished: Bool = false) {
    state.advance(jobs: jobs, latest: latest, finished: finished, then: progress)
  }

  private func runReplication(_ run: PlannedRun, replication: Int, schema: RecordSchema) throws -> ReplicationResult {
    let staging = run.folder.appendingPathComponent(Self.stagingName)
    let recorder = try ReplicationRecorder(run: run, replication: replication, schema: schema, staging: staging)
    do {
      try kernel.run(run.scenario.spec, rootSeed: run.seed, replication: replication, sink: recorder)
      return try recorder.finish()
    } catch {
      recorder.discard()
      throw error
    }
  }

  /// Concatenates the parts in replication order, writes the summary and manifest, then the
  /// completion marker, all into the staged folder `run.folder`.
  private func finalize(_ run: PlannedRun, schema: RecordSchema, results: [ReplicationResult], failure: RunFailure?)
    -> RunOutcome.Status
  {
    let staging = run.folder.appendingPathComponent(Self.stagingName)
    defer { try? FileManager.default.removeItem(at: staging) }
    if let failure { return .failed(failure) }
    do {
      var files: [String: CompletionMarker.Entry] = [:]
      var tables: [(String, [MetricColumn])] = []
      let record = run.scenario.spec.record
      let identity = Columns.identityDocs(ReplicationRecorder.identityColumns + ReplicationRecorder.timeColumns)
      var parts: [(String, [String], [MetricColumn])] = [
        ("network", ReplicationRecorder.networkColumns(schema), identity + schema.network)
      ]
      if record.subnetEveryEpochs > 0 {
        parts.append(
          ("subnets", ReplicationRecorder.subnetColumns(schema), identity + Columns.identityDocs(["netuid"]) + schema.subnet))
      }
      if record.neuronEveryEpochs > 0 {
        parts.append(
          ("neurons", ReplicationRecorder.neuronColumns(schema),
            identity + Columns.identityDocs(["netuid", "uid"]) + schema.neuronText + schema.neuron))
      }
      for (table, columns, docs) in parts {
        let name = ResultTable.fileName(table, compressed: compress)
        files[name] = try concatenate(
          (0..<run.replications).map { ReplicationRecorder.part(table, $0, in: staging) },
          header: columns, into: run.folder.appendingPathComponent(name), gzip: compress)
        tables.append((name, docs))
      }
      files[SummaryTable.fileName] = try SummaryTable.write(run: run, schema: schema, results: results)
      tables.append((SummaryTable.fileName, SummaryTable.columnDocs))
      let reported = results.compactMap(\.health)
      let health = reported.count == results.count && !reported.isEmpty ? reported.dropFirst().reduce(reported[0], +) : nil
      try? FileManager.default.removeItem(at: staging)
      try writeManifestAndMarker(run, tables: tables, files: files, health: health)
      return .completed
    } catch {
      return .failed(RunFailure(ExperimentError.wrap(error)))
    }
  }

  /// Writes the manifest, syncs the folder's files and entries, then writes the marker.
  private func writeManifestAndMarker(
    _ run: PlannedRun, tables: [(String, [MetricColumn])], files: [String: CompletionMarker.Entry],
    health: RunHealth? = nil
  ) throws {
    var files = files
    let manifest = RunManifest.json(run: run, tables: tables.map { (name: $0.0, columns: $0.1) }, health: health)
    let (bytes, digest) = try AtomicFile.write(manifest.encoded(), to: run.folder.appendingPathComponent(RunManifest.fileName))
    files[RunManifest.fileName] = CompletionMarker.Entry(bytes: bytes, digest: digest.hex)
    try Durability.syncContents(of: run.folder)
    try CompletionMarker(runID: run.runID, toolVersion: ResultsFormat.toolVersion, files: files).write(into: run.folder)
  }

  private func runStudy(_ run: PlannedRun) -> RunOutcome.Status {
    guard let block = run.scenario.spec.study, let kind = studies.first(where: { $0.kind == block.kind }) else {
      return .failed(RunFailure(ExperimentError.incomplete("unknown study kind")))
    }
    let context = StudyContext(run: run, workers: workers, kinds: studies)
    do {
      let result = try kind.execute(block.parameters, context)
      var files: [String: CompletionMarker.Entry] = [:]
      for (name, entry) in context.written { files[name] = entry }
      let empty = RecordSchema(network: [], subnet: [], neuron: [])
      files[SummaryTable.fileName] = try SummaryTable.write(
        run: run, schema: empty, results: [], studyMetrics: result.metrics)
      let tables = context.tableColumns.map { ($0.name, $0.columns) } + [(SummaryTable.fileName, SummaryTable.columnDocs)]
      try writeManifestAndMarker(run, tables: tables, files: files)
      return .completed
    } catch {
      return .failed(RunFailure(error))
    }
  }

  /// Streams `parts` (in order) under one header into `destination`, atomically (gzip-compressed
  /// with `gzip`).
  private func concatenate(_ parts: [URL], header: [String], into destination: URL, gzip: Bool) throws
    -> CompletionMarker.Entry
  {
    let file = try AtomicFile(destination: destination, gzip: gzip)
    try file.write(CSVFormat.line(header) + "\n")
    for part in parts {
      guard let handle = FileHandle(forReadingAtPath: part.path) else {
        throw RecordingError.cannotRead(path: part.path, reason: "missing part file")
      }
      defer { try? handle.close() }
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        try file.write(bytes: [UInt8](chunk))
      }
    }
    let (bytes, digest) = try file.commit()
    return CompletionMarker.Entry(bytes: bytes, digest: digest.hex)
  }
}

/// Shared bookkeeping of one ``RunExecutor/execute(_:resume:)`` call, guarded by a lock.
final class ExecutionState: @unchecked Sendable {
  private let lock = NSLock()
  let runs: [PlannedRun]
  var schemas: [Int: RecordSchema] = [:]
  private var statuses: [Int: RunOutcome.Status] = [:]
  private var replicationResults: [Int: [ReplicationResult]] = [:]
  private var failures: [Int: RunFailure] = [:]
  private var done: [Int: Int] = [:]
  var totalJobs = 0
  private var finishedJobs = 0

  init(runs: [PlannedRun]) { self.runs = runs }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  func schema(_ index: Int) -> RecordSchema? { locked { schemas[index] } }
  func hasFailed(_ index: Int) -> Bool { locked { failures[index] != nil } }
  func failure(_ index: Int) -> RunFailure? { locked { failures[index] } }
  func finish(_ index: Int, _ status: RunOutcome.Status) { locked { statuses[index] = status } }

  /// Records a finished replication; returns true for the run's last one.
  func replicationDone(_ index: Int, _ result: ReplicationResult?, failure: RunFailure?) -> Bool {
    locked {
      if let result { replicationResults[index, default: []].append(result) }
      if let failure, failures[index] == nil { failures[index] = failure }
      done[index, default: 0] += 1
      return done[index] == runs[index].replications
    }
  }

  /// The run's replication results in replication order.
  func results(_ index: Int) -> [ReplicationResult] {
    locked { (replicationResults[index] ?? []).sorted { $0.replication < $1.replication } }
  }

  func advance(jobs: Int, latest: String, finished: Bool, then report: ((ExecutionProgress) -> Void)?) {
    locked {
      finishedJobs += jobs
      report?(
        ExecutionProgress(
          finishedJobs: finishedJobs, totalJobs: totalJobs, finishedRuns: statuses.count, totalRuns: runs.count,
          latest: latest, finishedLatest: finished))
    }
  }

  func outcomes() -> [RunOutcome] {
    locked {
      runs.indices.map { RunOutcome(run: runs[$0], status: statuses[$0] ?? .failed(RunFailure(ExperimentError.incomplete("not run")))) }
    }
  }
}
