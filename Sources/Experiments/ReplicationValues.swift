import Foundation
import Recording

/// Per-replication reductions of a complete run's network metrics, read back from its
/// `network.csv` (or `network.csv.gz`): for each replication, one ``SeriesSummary`` per requested metric.
///
/// The values are the ones the recorder reduced when the run was written (the CSV holds each
/// double's round-trip text and rows keep their record order), so the final values and time
/// means equal those behind `summary.csv`. Memory is constant in the number of records.
enum ReplicationValues {
  /// Reductions by replication (0..<replications), each parallel to `metrics`.
  ///
  /// - Throws: ``ExperimentError/badPath(_:_:)`` when the file is missing, lacks a metric or
  ///   a replication, or holds a malformed row.
  static func read(folder: URL, metrics: [String], replications: Int) throws -> [[SeriesSummary]] {
    guard let url = ResultTable.url("network", in: folder) else {
      throw ExperimentError.badPath(folder.appendingPathComponent("network.csv").path, "missing")
    }
    let reader = try CSVLineReader(url: url)
    guard let headerLine = try reader.next(), let header = CSVFormat.fields(of: Substring(headerLine)),
      let replicationColumn = header.firstIndex(of: "replication")
    else { throw ExperimentError.badPath(url.path, "has no header with a replication column") }
    let columns = try metrics.map { name in
      guard let index = header.firstIndex(of: name) else { throw ExperimentError.badPath(url.path, "has no column \(name)") }
      return index
    }
    var series = Array(repeating: Array(repeating: SeriesSummary(), count: metrics.count), count: replications)
    var seen = Array(repeating: false, count: replications)
    var line = 1
    while let text = try reader.next() {
      line += 1
      guard let fields = CSVFormat.fields(of: Substring(text)), fields.count == header.count,
        let replication = Int(fields[replicationColumn]), replication >= 0, replication < replications
      else { throw ExperimentError.badPath(url.path, "line \(line) is not a row of this run") }
      seen[replication] = true
      for (metric, column) in columns.enumerated() {
        series[replication][metric].add(fields[column].isEmpty ? nil : Double(fields[column]))
      }
    }
    if let missing = seen.firstIndex(of: false) {
      throw ExperimentError.badPath(url.path, "holds no rows of replication \(missing)")
    }
    return series
  }
}
