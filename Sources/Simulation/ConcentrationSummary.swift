/// The four concentration indices of `SimStats.Concentration` computed from one sort.
///
/// Same definitions and conventions (empty or all-zero holdings give zeros; negative or
/// non-finite holdings are not expected here). Used on the per-epoch hot path where calling the
/// four separate functions would sort seven times.
enum ConcentrationSummary {
  static func of(_ holdings: [Double], top k: Int = 10) -> ConcentrationMetrics {
    guard !holdings.isEmpty else { return ConcentrationMetrics() }
    let ascending = holdings.sorted()
    var total = 0.0
    for v in ascending { total += v }
    guard total > 0 else { return ConcentrationMetrics() }
    let n = ascending.count
    var topSum = 0.0
    for v in ascending[max(0, n - k)...] { topSum += v }
    var weighted = 0.0
    var hhi = 0.0
    for (i, v) in ascending.enumerated() {
      weighted += Double(2 * (i + 1) - n - 1) * v
      let share = v / total
      hhi += share * share
    }
    var running = 0.0
    var nakamoto = n
    for (count, v) in ascending.reversed().enumerated() {
      running += v
      if running > total / 2 {
        nakamoto = count + 1
        break
      }
    }
    return ConcentrationMetrics(
      top10Share: min(1, topSum / total), gini: weighted / (Double(n) * total), hhi: hhi, nakamoto: nakamoto)
  }

  /// The median of `values` (mean of the two middle values for an even count); `nil` if empty.
  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    let m = s.count / 2
    return s.count % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m])
  }
}
