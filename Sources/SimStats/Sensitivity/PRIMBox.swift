/// Scenario discovery by PRIM, the patient rule induction method (Friedman & Fisher 1999, as
/// EMA Workbench's `prim` uses it): peel a box around the points where an outcome of interest
/// occurs.
///
/// Starting from the box holding every point, each step tries, for every numeric input, cutting
/// off the lowest or highest `alpha` fraction of the points still inside (at least one point)
/// and, for every categorical input with two or more categories left, removing one category;
/// it keeps the cut whose box has the highest density (share of interesting points inside).
/// Peeling stops when no cut leaves at least `minimumSupport` of all points in the box, or when
/// no cut raises the density. Ties go to the first input, a lower cut before an upper one.
public struct PRIMBox: Sendable, Equatable {
  /// One input's values, one per point.
  public enum Input: Sendable {
    case numeric([Double])
    case categorical([String])
  }

  /// One input's limits.
  public enum Limit: Sendable, Equatable {
    case interval(low: Double, high: Double)
    case choices([String])
  }

  public var limits: [Limit]
  /// Interesting points in the box / all interesting points.
  public var coverage: Double
  /// Interesting points in the box / points in the box.
  public var density: Double
  /// Points in the box / all points (the support).
  public var mass: Double
  /// Points in the box.
  public var count: Int
  /// Peeling steps taken.
  public var steps: Int

  /// The box for `interesting` (one flag per point) over `inputs`; `nil` without points or
  /// without an interesting point.
  ///
  /// - Complexity: O(steps · inputs · n log n).
  public static func find(inputs: [Input], interesting: [Bool], alpha: Double = 0.05, minimumSupport: Double = 0.05)
    -> PRIMBox?
  {
    let n = interesting.count
    let hits = interesting.filter { $0 }.count
    guard n > 0, hits > 0 else { return nil }
    var limits: [Limit] = inputs.map { input in
      switch input {
      case .numeric(let values): .interval(low: values.min() ?? 0, high: values.max() ?? 0)
      case .categorical(let values): .choices(orderedUnique(values))
      }
    }
    var inside = Array(0..<n)
    var steps = 0
    func density(_ rows: [Int]) -> Double {
      Double(rows.filter { interesting[$0] }.count) / Double(rows.count)
    }
    let minimumCount = max(1, Int((minimumSupport * Double(n)).rounded(.up)))
    while true {
      var best: (rows: [Int], limit: Limit, input: Int, density: Double)?
      func consider(_ rows: [Int], _ limit: Limit, _ input: Int) {
        guard rows.count >= minimumCount, rows.count < inside.count else { return }
        let value = density(rows)
        if best == nil || value > best!.density { best = (rows, limit, input, value) }
      }
      for (j, input) in inputs.enumerated() {
        switch (input, limits[j]) {
        case (.numeric(let values), .interval(let low, let high)):
          let sorted = inside.map { values[$0] }.sorted()
          let cut = max(1, Int(alpha * Double(sorted.count)))
          guard cut < sorted.count else { continue }
          let lower = sorted[cut]
          if lower > sorted[0] {
            consider(inside.filter { values[$0] >= lower }, .interval(low: lower, high: high), j)
          }
          let upper = sorted[sorted.count - 1 - cut]
          if upper < sorted[sorted.count - 1] {
            consider(inside.filter { values[$0] <= upper }, .interval(low: low, high: upper), j)
          }
        case (.categorical(let values), .choices(let left)) where left.count >= 2:
          for removed in left {
            consider(inside.filter { values[$0] != removed }, .choices(left.filter { $0 != removed }), j)
          }
        default: continue
        }
      }
      guard let chosen = best, chosen.density > density(inside) else { break }
      inside = chosen.rows
      limits[chosen.input] = chosen.limit
      steps += 1
    }
    let inBox = inside.filter { interesting[$0] }.count
    return PRIMBox(
      limits: limits, coverage: Double(inBox) / Double(hits), density: Double(inBox) / Double(inside.count),
      mass: Double(inside.count) / Double(n), count: inside.count, steps: steps)
  }

  /// `values` without repeats, in first-seen order.
  static func orderedUnique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }
}
