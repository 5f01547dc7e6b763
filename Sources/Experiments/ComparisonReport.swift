import Foundation
import Recording
import SimStats

/// The terminal table of a ``Comparison``: per metric (final values, then time means), each
/// scenario's mean with its interval and its paired difference from the first; `*` marks a
/// difference whose interval excludes zero.
extension Comparison {
  /// The table, `aggregates` (default: both) only.
  public func table(aggregates: [String] = Comparison.aggregates) -> String {
    var lines: [[String]] = [["metric", "aggregate", "scenario", "mean", "95% CI", "diff vs " + arms[0].run.name, "95% paired CI", "n"]]
    for row in rows where aggregates.contains(row.aggregate) && row.estimate != nil {
      let estimate = row.estimate!
      var cells = [row.metric.name, row.aggregate, arms[row.position].run.name, Self.short(estimate.mean)]
      cells.append(Self.interval(estimate))
      if row.position == 0 {
        cells += ["(reference)", "", String(estimate.n)]
      } else if let difference = row.difference {
        cells += [
          Self.short(difference.mean), Self.interval(difference) + (Self.excludesZero(difference) ? " *" : ""),
          String(difference.n),
        ]
      } else {
        cells += ["", "", "0"]
      }
      lines.append(cells)
    }
    let widths = (0..<lines[0].count).map { index in lines.map { $0[index].count }.max() ?? 0 }
    let text = lines.map { line in
      line.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    let note =
      replications < 2
      ? "n = \(replications) < 2: no interval exists; run more replications (--replications)."
      : "* the paired 95% interval excludes 0. Intervals of bounded metrics respect the bounds (taosim describe metrics)."
    return (text + [note]).joined(separator: "\n")
  }

  /// True when the interval exists and lies strictly on one side of 0.
  public static func excludesZero(_ estimate: MeanEstimate) -> Bool {
    guard let low = estimate.low, let high = estimate.high else { return false }
    return low > 0 || high < 0
  }

  static func interval(_ estimate: MeanEstimate) -> String {
    guard let low = estimate.low, let high = estimate.high else { return "(n < 2)" }
    return "[\(short(low)), \(short(high))]"
  }

  static func short(_ value: Double) -> String { SummaryReport.short(CSVFormat.number(value)) }
}
