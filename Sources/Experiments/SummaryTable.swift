import Foundation
import Recording
import SimStats

/// `summary.csv`: each metric's per-replication reductions (final, time mean, min, max)
/// combined across replications: n, mean, sd, 95 % interval (Student-t, respecting the metric's
/// bounds), min, max.
///
/// Rows: network metrics first, then subnet metrics by netuid, then study metrics. `sd` and the
/// interval are empty with fewer than two replications; `n` counts replications where the
/// metric was defined.
enum SummaryTable {
  static let fileName = "summary.csv"
  static let columns = [
    "scenario", "run_id", "seed", "replications", "scope", "netuid", "metric", "unit", "aggregate", "n", "mean",
    "sd", "ci_low", "ci_high", "min", "max",
  ]

  static var columnDocs: [MetricColumn] {
    Columns.identityDocs(["scenario", "run_id", "seed", "replications"]) + [
      MetricColumn("scope", unit: "text", "network, subnet or study"),
      MetricColumn("netuid", unit: "index", "the subnet for scope subnet; empty otherwise"),
      MetricColumn("metric", unit: "text", "the metric (a column of network.csv or subnets.csv, or a study metric)"),
      MetricColumn("unit", unit: "text", "the metric's unit"),
      MetricColumn("aggregate", unit: "text", "per-replication reduction: final, mean (over time), min, max"),
      MetricColumn("n", unit: "count", "replications where the metric was defined"),
      MetricColumn("mean", unit: "metric", "mean over replications"),
      MetricColumn("sd", unit: "metric", "sample standard deviation over replications"),
      MetricColumn("ci_low", unit: "metric", "lower end of the 95% interval of the mean (bounded metrics: logit or clipped; taosim describe metrics)"),
      MetricColumn("ci_high", unit: "metric", "upper end of the 95% interval of the mean (bounded metrics: logit or clipped; taosim describe metrics)"),
      MetricColumn("min", unit: "metric", "smallest replication value"),
      MetricColumn("max", unit: "metric", "largest replication value"),
    ]
  }

  /// The statistics of one sample, formatted; the interval respects the metric's bounds
  /// (``Statistics/boundedMean(_:bounds:level:)``: logit interval for a metric bounded on both
  /// sides, t interval clipped to a one-sided bound, plain t interval otherwise).
  static func statistics(_ samples: [Double], bounds: ValueBounds) -> [String] {
    let estimate = Statistics.boundedMean(samples, bounds: bounds, level: 0.95)
    return [
      String(samples.count), CSVFormat.number(estimate?.mean), CSVFormat.number(estimate?.sd),
      CSVFormat.number(estimate?.low), CSVFormat.number(estimate?.high), CSVFormat.number(samples.min()),
      CSVFormat.number(samples.max()),
    ]
  }

  /// Writes the table for a simulation run.
  static func write(
    run: PlannedRun, schema: RecordSchema, results: [ReplicationResult], studyMetrics: [StudyMetric] = []
  ) throws -> CompletionMarker.Entry {
    let file = try CSVFile(destination: run.folder.appendingPathComponent(fileName), columns: columns)
    let prefix = [run.name, run.runID, String(run.seed), String(run.replications)]
    for (index, column) in schema.network.enumerated() {
      for aggregate in column.aggregates.map(\.rawValue) {
        let samples = results.compactMap { $0.network[index].value(aggregate) }
        try file.append(prefix + ["network", "", column.name, column.unit, aggregate] + statistics(samples, bounds: column.bounds))
      }
    }
    let netuids = Set(results.flatMap { $0.subnets.map(\.netuid) }).sorted()
    for netuid in netuids {
      for (index, column) in schema.subnet.enumerated() {
        for aggregate in column.aggregates.map(\.rawValue) {
          let samples = results.compactMap { result in
            result.subnets.first(where: { $0.netuid == netuid })?.series[index].value(aggregate)
          }
          try file.append(
            prefix + ["subnet", String(netuid), column.name, column.unit, aggregate]
              + statistics(samples, bounds: column.bounds))
        }
      }
    }
    for metric in studyMetrics {
      for aggregate in metric.aggregates {
        try file.append(
          prefix + ["study", "", metric.column.name, metric.column.unit, aggregate]
            + statistics(metric.samples, bounds: metric.column.bounds))
      }
    }
    let (bytes, digest) = try file.commit()
    return CompletionMarker.Entry(bytes: bytes, digest: digest.hex)
  }
}
