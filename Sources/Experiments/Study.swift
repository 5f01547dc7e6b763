import Foundation
import Recording
import ScenarioIO
import Simulation

/// A study: an experiment with its own procedure and output files, selected by a scenario's
/// kind-tagged `study:` block and run by `taosim run` like any scenario.
///
/// To add one: write a type conforming to `Study` (its parameters are read by
/// ``readParameters(_:)`` with the same reader as every other scenario key, so unknown keys,
/// ranges and `--set study.x=…` work unchanged), then add `StudyKind(MyStudy.self)` to
/// ``StudyRegistry/all``.
public protocol Study: Sendable {
  /// The typed parameters of the `study:` block.
  associatedtype Parameters: Sendable
  /// The `kind:` tag, e.g. `retention`.
  static var kind: String { get }
  /// One line for `taosim describe studies`.
  static var summary: String { get }
  /// Reads the block's keys (besides `kind`); every key needs a default, a range and a doc.
  static func readParameters(_ reader: ObjectReader) -> Parameters
  /// Problems of the worlds the study would build from `world` (the scenario's model), found
  /// when the scenario is read so that `validate` refuses what `run` would; default none.
  static func problems(_ parameters: Parameters, world: WorldConfig) -> [String]
  init(parameters: Parameters)
  /// Runs the study, writing its tables through `context` (atomically, into the run folder).
  func run(in context: StudyContext) throws -> StudyResult
}

/// A number a study reports for `summary.csv` and `expect:` clauses: one sample per replication
/// (or one sample in all).
public struct StudyMetric: Sendable {
  public var column: MetricColumn
  public var samples: [Double]
  /// The aggregates under which it is listed (`final.x`, `mean.x`, …).
  public var aggregates: [String]

  public init(_ column: MetricColumn, samples: [Double], aggregates: [String] = ["final", "mean"]) {
    self.column = column
    self.samples = samples
    self.aggregates = aggregates
  }
}

extension Study {
  public static func problems(_ parameters: Parameters, world: WorldConfig) -> [String] { [] }
}

/// What a study returns besides its files.
public struct StudyResult: Sendable {
  public var metrics: [StudyMetric]
  public init(metrics: [StudyMetric] = []) { self.metrics = metrics }
}

/// What a study is given: its run (scenario, seed, replications, folder), the worker count and a
/// way to write tables. Worlds come through the same seam as runs (``WorldKernel/simulate``).
public final class StudyContext: @unchecked Sendable {
  /// The run being executed (``PlannedRun/scenario`` holds the typed `study:` parameters).
  public let run: PlannedRun
  /// Worker threads the study may use.
  public let workers: Int
  /// The study kinds known to this execution (for ``variant(_:)``).
  let kinds: [StudyKind]
  private let lock = NSLock()
  private(set) var written: [(name: String, entry: CompletionMarker.Entry)] = []
  private(set) var tableColumns: [(name: String, columns: [MetricColumn])] = []

  init(run: PlannedRun, workers: Int, kinds: [StudyKind]) {
    self.kinds = kinds
    self.run = run
    self.workers = workers
  }

  /// Opens `name` (e.g. `retention.csv`) in the run folder. Every row starts with the identity
  /// columns `scenario, run_id, seed`, then `columns`; call ``StudyTable/commit()`` when done.
  public func table(_ name: String, columns: [MetricColumn]) throws -> StudyTable {
    precondition(!name.contains("/") && name.hasSuffix(".csv"), "a study table is a .csv file in the run folder")
    let identity = ["scenario", "run_id", "seed"]
    let file = try CSVFile(destination: run.folder.appendingPathComponent(name), columns: identity + columns.map(\.name))
    lock.lock()
    tableColumns.append((name, Columns.identityDocs(identity) + columns))
    lock.unlock()
    return StudyTable(
      file: file, prefix: CSVFormat.line([run.name, run.runID, String(run.seed)]), name: name, columns: columns,
      context: self)
  }

  /// The scenario with `settings` (`key.path=value`, as for `--set`) applied and validated.
  public func variant(_ settings: [String]) throws -> LoadedScenario {
    try ScenarioLoader.variant(of: run.scenario, settings: settings, extensions: StudyRegistry.extensions(kinds: kinds))
  }

  /// Computes `body(i)` for i in 0..<count on ``workers`` threads and returns the results in
  /// index order, so the outcome never depends on the worker count. The first error (by index)
  /// is rethrown after all jobs ended.
  public func parallelMap<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let results = IndexedResults<T>(count: count)
    WorkerPool.run(count: count, workers: workers) { index in
      results.store(index, Result { try body(index) })
    }
    return try results.values()
  }

  func record(_ name: String, _ entry: CompletionMarker.Entry) {
    lock.lock()
    written.append((name, entry))
    lock.unlock()
  }
}

/// A study's output table: rows of formatted fields after the identity columns.
public final class StudyTable {
  private let file: CSVFile
  private let prefix: String
  private let name: String
  private let columns: [MetricColumn]
  private let context: StudyContext

  init(file: CSVFile, prefix: String, name: String, columns: [MetricColumn], context: StudyContext) {
    self.file = file
    self.prefix = prefix
    self.name = name
    self.columns = columns
    self.context = context
  }

  /// Appends a row of numbers, formatted per column (``MetricColumn/format(_:)``: whole-valued
  /// units as integers, others in ``CSVFormat/number(_:)`` form; `nil` = empty field).
  public func append(_ values: [Double?]) throws {
    precondition(values.count == columns.count, "\(values.count) values for \(columns.count) columns")
    try file.append(prefixed: prefix, zip(columns, values).map { $0.format($1) })
  }

  /// Appends a row of already formatted fields.
  public func append(fields: [String]) throws {
    try file.append(prefixed: prefix, fields)
  }

  /// Renames the finished table into place.
  public func commit() throws {
    let (bytes, digest) = try file.commit()
    context.record(name, CompletionMarker.Entry(bytes: bytes, digest: digest.hex))
  }
}

/// A registered study kind (type-erased).
public struct StudyKind: Sendable {
  public let kind: String
  public let summary: String
  let read: @Sendable (ObjectReader) -> any Sendable
  let check: @Sendable (any Sendable, WorldConfig) -> [String]
  let execute: @Sendable (any Sendable, StudyContext) throws -> StudyResult

  /// Registers `type`.
  public init<S: Study>(_ type: S.Type) {
    kind = S.kind
    summary = S.summary
    read = { S.readParameters($0) }
    check = { parameters, world in
      guard let typed = parameters as? S.Parameters else { return [] }
      return S.problems(typed, world: world)
    }
    execute = { parameters, context in
      guard let typed = parameters as? S.Parameters else {
        throw ExperimentError.model("study '\(S.kind)' was given parameters of another kind")
      }
      return try S(parameters: typed).run(in: context)
    }
  }
}

/// Every study kind `taosim` knows.
public enum StudyRegistry {
  /// The registered kinds, in `describe` order. Add new studies here.
  public static let all: [StudyKind] = [
    StudyKind(RetentionMonteCarlo.self), StudyKind(CopierStudy.self), StudyKind(ConcentrationStudy.self),
  ]

  /// The scenario-format extensions: study readers and metric names for `expect:`.
  public static func extensions(
    kinds: [StudyKind] = all, metricNames: [String] = [], acceptsMetric: (@Sendable (String) -> Bool)? = nil
  ) -> ScenarioExtensions {
    ScenarioExtensions(
      studies: kinds.map { kind in StudyKindReader(kind: kind.kind, summary: kind.summary, read: kind.read) },
      metricNames: metricNames, acceptsMetric: acceptsMetric,
      check: { spec in problems(spec, kinds: kinds) })
  }

  /// The problems found when `spec`'s World is built (at the scenario entries they come from),
  /// then, when there are none, those of the worlds its study would build (at `study`).
  static func problems(_ spec: ScenarioSpec, kinds: [StudyKind]) -> [ScenarioProblem] {
    let world = WorldBuilder.config(spec)
    let model = WorldBuilder.problems(world, of: spec)
    guard model.isEmpty, let study = spec.study, let kind = kinds.first(where: { $0.kind == study.kind }) else {
      return model
    }
    return kind.check(study.parameters, world).map { study.origin.problem($0) }
  }

}

/// Results of parallel jobs, stored by index under a lock.
final class IndexedResults<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<T, any Error>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ result: Result<T, any Error>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }

  /// The values in index order; rethrows the lowest-index error.
  func values() throws -> [T] {
    lock.lock()
    defer { lock.unlock() }
    return try slots.map { slot in
      guard let slot else { throw ExperimentError.model("a parallel job did not run") }
      return try slot.get()
    }
  }
}
