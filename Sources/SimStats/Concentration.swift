/// Concentration indices over non-negative holdings (stake, dividends, emission).
///
/// Conventions shared by every index:
/// - Negative or non-finite holdings are a caller bug: the function returns `nil`.
/// - Empty input and all-zero input describe "nothing is held": shares are 0, Gini is 0,
///   HHI is 0 and the Nakamoto coefficient is 0.
/// - Ties are harmless: every index depends only on the multiset of values.
public enum Concentration {
  /// Share of the total held by the `k` largest holders (k ≥ the count gives 1 when anything is held).
  ///
  /// - Complexity: O(n log n).
  public static func topShare(_ holdings: [Double], k: Int) -> Double? {
    guard valid(holdings), k >= 0 else { return nil }
    let total = sum(holdings)
    guard total > 0 else { return 0 }
    let top = holdings.sorted(by: >).prefix(k)
    return min(1, sum(Array(top)) / total)
  }

  /// Gini coefficient with the sample formula G = Σ_i (2i − n − 1)·x_(i) / (n·Σx) over ascending
  /// order statistics (0 = perfect equality, (n−1)/n = one holder has everything).
  public static func gini(_ holdings: [Double]) -> Double? {
    guard valid(holdings) else { return nil }
    let n = holdings.count
    let total = sum(holdings)
    guard n > 0, total > 0 else { return 0 }
    let sorted = holdings.sorted()
    var weighted = 0.0
    for (index, value) in sorted.enumerated() {
      weighted += Double(2 * (index + 1) - n - 1) * value
    }
    return weighted / (Double(n) * total)
  }

  /// Herfindahl–Hirschman index Σ s_i² of the shares s_i = x_i / Σx, on the 0…1 scale
  /// (1 = monopoly, 1/n = perfectly even).
  public static func herfindahlHirschman(_ holdings: [Double]) -> Double? {
    guard valid(holdings) else { return nil }
    let total = sum(holdings)
    guard total > 0 else { return 0 }
    var index = 0.0
    for value in holdings {
      let share = value / total
      index += share * share
    }
    return index
  }

  /// Nakamoto coefficient: the fewest holders whose holdings together exceed half the total
  /// (strictly more than 50%).
  public static func nakamoto(_ holdings: [Double]) -> Int? {
    guard valid(holdings) else { return nil }
    let total = sum(holdings)
    guard total > 0 else { return 0 }
    var running = 0.0
    for (count, value) in holdings.sorted(by: >).enumerated() {
      running += value
      if running > total / 2 { return count + 1 }
    }
    return holdings.count
  }

  static func valid(_ holdings: [Double]) -> Bool { holdings.allSatisfy { $0.isFinite && $0 >= 0 } }

  /// Sum in ascending order of magnitude, so that the result does not depend on input order.
  static func sum(_ values: [Double]) -> Double {
    var total = 0.0
    for value in values.sorted() { total += value }
    return total
  }
}
