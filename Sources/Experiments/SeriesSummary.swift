/// Running reductions of one metric's series within one replication: final value, time mean,
/// minimum and maximum. Memory is constant in the number of records.
///
/// Missing values (`nil`) are skipped; the mean is the plain sum in record order divided by the
/// count, so it is the same on every machine.
public struct SeriesSummary: Sendable, Equatable {
  public private(set) var final: Double?
  public private(set) var sum = 0.0
  public private(set) var count = 0
  public private(set) var minimum: Double?
  public private(set) var maximum: Double?

  public init() {}

  /// Adds the next value of the series.
  public mutating func add(_ value: Double?) {
    guard let value, value.isFinite else { return }
    final = value
    sum += value
    count += 1
    minimum = Swift.min(minimum ?? value, value)
    maximum = Swift.max(maximum ?? value, value)
  }

  /// The time mean, or `nil` when no value was seen.
  public var mean: Double? { count > 0 ? sum / Double(count) : nil }

  /// The reduction named by `aggregate` (`final`, `mean`, `min`, `max`).
  public func value(_ aggregate: String) -> Double? {
    switch aggregate {
    case "final": final
    case "mean": mean
    case "min": minimum
    case "max": maximum
    default: nil
    }
  }

  /// The reductions written to `summary.csv`, in order.
  public static let aggregates = ["final", "mean", "min", "max"]
}
