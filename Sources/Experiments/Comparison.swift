import Foundation
import Recording
import ScenarioIO
import SimStats

/// A paired comparison of scenarios on common random numbers: every scenario runs with the same
/// root seed and replications 0..<n, so replication r of each sees the same keyed random world
/// and differences are formed replication by replication.
///
/// Runs already complete in the output root are read, not re-run (their `COMPLETE` markers
/// are checked as by `--resume`). The result per network metric and aggregate (final value,
/// time mean) is each scenario's mean over replications with its bounded 95 % interval
/// (``Statistics/boundedMean(_:bounds:level:)``) and its paired difference from the first
/// scenario with the 95 % paired-t interval (``Statistics/pairedDifference(_:_:bounds:level:)``).
public struct Comparison: Sendable {
  /// The interval level.
  public static let level = 0.95
  /// The per-replication reductions compared.
  public static let aggregates = ["final", "mean"]

  /// One compared scenario: its position on the command line and its run.
  public struct Arm: Sendable {
    public var position: Int
    public var run: PlannedRun
  }

  /// One metric × aggregate × scenario.
  public struct Row: Sendable {
    public var metric: MetricColumn
    public var aggregate: String
    public var position: Int
    /// Each replication's value (nil where undefined), by replication.
    public var values: [Double?]
    /// Mean over replications with its bounded interval (`nil` when never defined).
    public var estimate: MeanEstimate?
    /// The paired difference from the first scenario (`nil` when no replication pairs).
    public var difference: MeanEstimate?
  }

  /// The scenarios in command-line order; the first is the reference.
  public var arms: [Arm]
  /// Rows by metric (the reference's network metrics, in its schema order, that every scenario
  /// reports), then aggregate, then position.
  public var rows: [Row]
  /// `compare/<name>` under the output root.
  public var name: String
  public var seed: UInt64
  public var replications: Int
  /// How each distinct run was obtained (run now or read back).
  public var outcomes: [RunOutcome]

  /// The folder under the output root: `compare/<name>`.
  public var relativeFolder: String { "compare/" + name }

  /// The default name: the scenario names joined by `-vs-` (or the first and a count when
  /// long), then the first 12 hex digits of the SHA-256 of the run ids, so that other seeds,
  /// replications or overrides never overwrite this comparison.
  static func defaultName(_ runs: [PlannedRun]) -> String {
    var label = runs.map(\.name).joined(separator: "-vs-")
    if label.utf8.count > 96 { label = runs[0].name.prefix(60) + "-vs-\(runs.count - 1)-others" }
    return label + "_" + SHA256.hex(runs.map(\.runID).joined(separator: "\n")).prefix(12)
  }

  /// Builds the rows from each arm's per-replication reductions (parallel to `metrics`).
  static func rows(metrics: [MetricColumn], reductions: [[[SeriesSummary]]]) -> [Row] {
    var rows: [Row] = []
    for (index, metric) in metrics.enumerated() {
      for aggregate in aggregates {
        let values = reductions.map { arm in arm.map { $0[index].value(aggregate) } }
        for position in values.indices {
          rows.append(
            Row(
              metric: metric, aggregate: aggregate, position: position, values: values[position],
              estimate: Statistics.boundedMean(values[position].compactMap { $0 }, bounds: metric.bounds, level: level),
              difference: Statistics.pairedDifference(values[0], values[position], bounds: metric.bounds, level: level)))
        }
      }
    }
    return rows
  }
}

extension ExperimentRunner {
  /// Runs (or reads) `scenarios` on common random numbers and writes the comparison into
  /// `outputRoot/compare/<name>/` (``ComparisonFiles``).
  ///
  /// - Parameters: `seed` and `replications` default to the first scenario's and apply to all.
  /// - Throws: ``ExperimentError/usage(_:)`` for fewer than two scenarios, a study or sweep
  ///   scenario, or a bad name; ``ExperimentError/run(_:_:)`` when a run fails.
  public func compare(
    _ scenarios: [LoadedScenario], seed: UInt64? = nil, replications: Int? = nil, outputRoot: URL,
    name: String? = nil
  ) throws(ExperimentError) -> Comparison {
    guard scenarios.count >= 2 else { throw .usage("compare needs at least two scenarios") }
    for scenario in scenarios where scenario.spec.study != nil || scenario.spec.sweep != nil {
      throw .usage("\(scenario.spec.name): a study or sweep scenario cannot be compared; compare plain scenarios")
    }
    let seed = seed ?? scenarios[0].spec.seed
    let replications = replications ?? scenarios[0].spec.replications
    let runs = scenarios.map { PlannedRun(scenario: $0, seed: seed, replications: replications, outputRoot: outputRoot) }
    let name = name ?? Comparison.defaultName(runs)
    if let problem = PathName.problem(name) { throw .usage("--name: \(problem)") }
    var distinct: [PlannedRun] = []
    for run in runs where !distinct.contains(where: { $0.relativeFolder == run.relativeFolder }) { distinct.append(run) }
    let outcomes = executor.execute(distinct, resume: true)
    for outcome in outcomes {
      if case .failed(let failure) = outcome.status { throw .run(outcome.run.name, failure) }
    }
    let schemas = runs.map { kernel.schema(for: $0.scenario.spec).network }
    let metrics = schemas[0].filter { column in schemas.allSatisfy { $0.contains { $0.name == column.name } } }
    let reductions: [[[SeriesSummary]]]
    do {
      reductions = try runs.map {
        try ReplicationValues.read(folder: $0.folder, metrics: metrics.map(\.name), replications: replications)
      }
    } catch {
      throw ExperimentError.wrap(error)
    }
    let comparison = Comparison(
      arms: runs.enumerated().map { Comparison.Arm(position: $0.offset, run: $0.element) },
      rows: Comparison.rows(metrics: metrics, reductions: reductions), name: name, seed: seed,
      replications: replications, outcomes: outcomes)
    do {
      try ComparisonFiles.write(comparison, outputRoot: outputRoot)
    } catch {
      throw ExperimentError.wrap(error)
    }
    return comparison
  }
}
