import Foundation
import Recording

/// A short text table of a run's network metrics for the terminal: final value (mean over
/// replications with its 95 % interval) and time mean.
public enum SummaryReport {
  /// The table for the run in `folder`, or `nil` without a summary.
  public static func table(folder: URL, maximumRows: Int = 40) throws -> String? {
    let url = folder.appendingPathComponent(SummaryTable.fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let reader = try CSVLineReader(url: url)
    guard let headerLine = try reader.next(), let header = CSVFormat.fields(of: Substring(headerLine)) else { return nil }
    func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
    let (scope, metric, unit, aggregate) = (column("scope"), column("metric"), column("unit"), column("aggregate"))
    let (n, mean, low, high) = (column("n"), column("mean"), column("ci_low"), column("ci_high"))
    var order: [String] = []
    var finals: [String: [String]] = [:]
    var means: [String: [String]] = [:]
    // Only network and study rows are shown: other rows are skipped unparsed when their bytes
    // show that the scope column cannot hold either word (see ``mayHoldScope(_:)``).
    let prefilter = scope > 0 && scope < header.count - 1
    while let line = try reader.next() {
      if prefilter && !mayHoldScope(line) { continue }
      guard let fields = CSVFormat.fields(of: Substring(line)), fields.count == header.count,
        fields[scope] == "network" || fields[scope] == "study"
      else { continue }
      let key = fields[metric]
      if !order.contains(key) { order.append(key) }
      if fields[aggregate] == "final" { finals[key] = fields }
      if fields[aggregate] == "mean" { means[key] = fields }
    }
    guard !order.isEmpty else { return nil }
    var rows: [[String]] = [["metric", "unit", "final (mean over reps)", "95% CI", "time mean", "n"]]
    for key in order.prefix(maximumRows) {
      let final = finals[key]
      let interval = final.map { $0[low].isEmpty ? "" : "[\(short($0[low])), \(short($0[high]))]" } ?? ""
      rows.append([
        key, final?[unit] ?? "", final.map { short($0[mean]) } ?? "", interval, means[key].map { short($0[mean]) } ?? "",
        final?[n] ?? "",
      ])
    }
    let widths = (0..<rows[0].count).map { index in rows.map { $0[index].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { index, cell in cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }

  /// Whether an inner field of the CSV `line` may be `network` or `study`: false only when the
  /// line has no quote and neither `,network,` nor `,study,` among its bytes. Without a quote
  /// every field lies between two commas, so an inner field that is one of these words shows
  /// its bytes with a comma on each side. O(line length), no allocation.
  static func mayHoldScope(_ line: String) -> Bool {
    var line = line
    return line.withUTF8 { bytes in
      bytes.contains(UInt8(ascii: "\"")) || contains(bytes, networkField) || contains(bytes, studyField)
    }
  }

  private static let networkField = Array(",network,".utf8)
  private static let studyField = Array(",study,".utf8)

  /// Whether `needle` occurs in `bytes`.
  private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard needle.count <= bytes.count else { return false }
    var start = 0
    while start + needle.count <= bytes.count {
      if bytes[start] == needle[0] {
        var k = 1
        while k < needle.count && bytes[start + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      start += 1
    }
    return false
  }

  /// Four significant digits, for display only (files keep full precision).
  static func short(_ text: String) -> String {
    guard let value = Double(text) else { return text }
    if value == value.rounded(), abs(value) < 1e9 { return String(Int64(value)) }
    return String(format: "%.4g", value)
  }
}
