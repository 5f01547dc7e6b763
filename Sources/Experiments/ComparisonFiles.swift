import Foundation
import Recording
import SimStats

/// The files of a ``Comparison`` in `OUT/compare/<name>/`, each written atomically under the
/// folder's lock, the path confined to the output root:
///
/// - `compare.csv` — tidy, one row per metric × aggregate × scenario: the scenario's mean over
///   replications with its bounded 95 % interval, and its paired difference from the first
///   scenario with the 95 % paired-t interval;
/// - `values.csv` — every per-replication value compared, so any paired test can be redone;
/// - `compare.json` — the runs compared (scenario, run id, folder, content hash), seed,
///   replications and the interval methods.
///
/// Nothing depends on the worker count or on whether a run was run now or read back.
enum ComparisonFiles {
  static let tableName = "compare.csv"
  static let valuesName = "values.csv"
  static let manifestName = "compare.json"

  static let columns = [
    "comparison", "metric", "unit", "lower_bound", "upper_bound", "aggregate", "position", "scenario", "run_id",
    "reference", "n", "mean", "sd", "ci_low", "ci_high", "diff_n", "diff_mean", "diff_sd", "diff_ci_low",
    "diff_ci_high",
  ]
  static let valueColumns = ["comparison", "metric", "aggregate", "position", "scenario", "run_id", "replication", "value"]

  static func write(_ comparison: Comparison, outputRoot: URL) throws {
    let folder = try OutputRoot(outputRoot).confined(comparison.relativeFolder)
    let lock = try FolderLock(folder)
    defer { lock.release() }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let table = try CSVFile(destination: folder.appendingPathComponent(tableName), columns: columns)
    let values = try CSVFile(destination: folder.appendingPathComponent(valuesName), columns: valueColumns)
    let reference = comparison.arms[0].run
    for row in comparison.rows {
      let run = comparison.arms[row.position].run
      let identity = [comparison.name, row.metric.name]
      let bounds = [CSVFormat.number(row.metric.bounds.lower), CSVFormat.number(row.metric.bounds.upper)]
      let arm = [row.aggregate, String(row.position), run.name, run.runID]
      try table.append(
        identity + [row.metric.unit] + bounds + arm + [reference.name]
          + numbers(row.estimate) + numbers(row.difference))
      for (replication, value) in row.values.enumerated() {
        try values.append(identity + arm + [String(replication), row.metric.format(value)])
      }
    }
    _ = try table.commit()
    _ = try values.commit()
    _ = try AtomicFile.write(manifest(comparison).encoded(), to: folder.appendingPathComponent(manifestName))
  }

  /// n, mean, sd, ci_low, ci_high (empty where undefined).
  static func numbers(_ estimate: MeanEstimate?) -> [String] {
    guard let estimate else { return ["0", "", "", "", ""] }
    return [
      String(estimate.n), CSVFormat.number(estimate.mean), CSVFormat.number(estimate.sd),
      CSVFormat.number(estimate.low), CSVFormat.number(estimate.high),
    ]
  }

  static func manifest(_ comparison: Comparison) -> JSONValue {
    .object([
      "format": .string("taosim-compare"),
      "results_format": .integer(Int64(ResultsFormat.version)),
      "tool_version": .string(ResultsFormat.toolVersion),
      "name": .string(comparison.name),
      "seed": .integer(Int64(bitPattern: comparison.seed)),
      "replications": .integer(Int64(comparison.replications)),
      "level": .number(Comparison.level),
      "reference": .object([
        "scenario": .string(comparison.arms[0].run.name), "run_id": .string(comparison.arms[0].run.runID),
      ]),
      "runs": .array(
        comparison.arms.map { arm in
          .object([
            "position": .integer(Int64(arm.position)), "scenario": .string(arm.run.name),
            "run_id": .string(arm.run.runID), "folder": .string(arm.run.relativeFolder),
            "content_hash": .string(arm.run.contentHash), "overrides": .array(arm.run.scenario.overrides.map(JSONValue.string)),
          ])
        }),
      "aggregates": .array(Comparison.aggregates.map(JSONValue.string)),
      "methods": .object([
        "difference": .string(
          "per replication r: d_r = value_r(scenario) - value_r(reference); mean of d over replications where both are "
            + "defined; paired-t interval mean(d) +- t(0.975, n-1) sd(d)/sqrt(n), clipped to [a-b, b-a] for a metric "
            + "bounded in [a, b]; no interval for n < 2"),
        "mean": .string(
          "mean over replications; metrics bounded in [a, b]: logit-transformed t interval (delta method) mapped back "
            + "to (a, b); one-sided bounds: t interval clipped to the bound; unbounded: t interval"),
      ]),
      "tables": .object([
        tableName: .array(columns.map(JSONValue.string)), valuesName: .array(valueColumns.map(JSONValue.string)),
      ]),
    ])
  }
}
