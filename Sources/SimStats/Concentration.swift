/// Concentration indices over non-negative holdings (stake, dividends, emission).
///
/// Conventions shared by every index:
/// - Negative or non-finite holdings are a caller bug: the function returns `nil`.
/// - Empty input and all-zero input describe "nothing is held": shares are 0, Gini is 0,
///   HHI is 0 and the Nakamoto coefficient is 0.
/// - Ties are harmless: every index depends only on the multiset of values.
public enum Concentration {
  /// The four indices of one set of holdings, computed from one ascending sort (the hot path of
  /// every record: calling the four functions separately would sort seven times).
  public struct Summary: Sendable, Equatable {
    /// Share held by the `k` largest holders (10 unless asked otherwise).
    public var topShare: Double
    /// Gini coefficient.
    public var gini: Double
    /// Herfindahl–Hirschman index on the 0…1 scale.
    public var hhi: Double
    /// Nakamoto coefficient (fewest holders with more than half).
    public var nakamoto: Int

    public init(topShare: Double = 0, gini: Double = 0, hhi: Double = 0, nakamoto: Int = 0) {
      self.topShare = topShare
      self.gini = gini
      self.hhi = hhi
      self.nakamoto = nakamoto
    }
  }

  /// The four indices of `holdings` (top-`k` share, Gini, HHI, Nakamoto) from one sort; the one
  /// implementation behind ``topShare(_:k:)``, ``gini(_:)``, ``herfindahlHirschman(_:)`` and
  /// ``nakamoto(_:)``. Sums run in ascending order, so the result does not depend on input order.
  /// Holdings are not checked (the single-index functions check them).
  ///
  /// - Complexity: O(n log n).
  public static func summary(_ holdings: [Double], top k: Int = 10) -> Summary {
    guard !holdings.isEmpty else { return Summary() }
    let ascending = holdings.sorted()
    var total = 0.0
    for v in ascending { total += v }
    guard total > 0 else { return Summary() }
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
    return Summary(topShare: min(1, topSum / total), gini: weighted / (Double(n) * total), hhi: hhi, nakamoto: nakamoto)
  }

  /// Share of the total held by the `k` largest holders (k ≥ the count gives 1 when anything is held).
  ///
  /// - Complexity: O(n log n).
  public static func topShare(_ holdings: [Double], k: Int) -> Double? {
    guard valid(holdings), k >= 0 else { return nil }
    return summary(holdings, top: k).topShare
  }

  /// Gini coefficient with the sample formula G = Σ_i (2i − n − 1)·x_(i) / (n·Σx) over ascending
  /// order statistics (0 = perfect equality, (n−1)/n = one holder has everything).
  public static func gini(_ holdings: [Double]) -> Double? {
    guard valid(holdings) else { return nil }
    return summary(holdings).gini
  }

  /// Herfindahl–Hirschman index Σ s_i² of the shares s_i = x_i / Σx, on the 0…1 scale
  /// (1 = monopoly, 1/n = perfectly even).
  public static func herfindahlHirschman(_ holdings: [Double]) -> Double? {
    guard valid(holdings) else { return nil }
    return summary(holdings).hhi
  }

  /// Nakamoto coefficient: the fewest holders whose holdings together exceed half the total
  /// (strictly more than 50%).
  public static func nakamoto(_ holdings: [Double]) -> Int? {
    guard valid(holdings) else { return nil }
    return summary(holdings).nakamoto
  }

  /// The median of `values` (mean of the two middle values for an even count); `nil` if empty.
  public static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    let m = s.count / 2
    return s.count % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m])
  }

  static func valid(_ holdings: [Double]) -> Bool { holdings.allSatisfy { $0.isFinite && $0 >= 0 } }
}
