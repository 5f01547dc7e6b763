/// The closed range a metric's values can take; either end may be open (`nil`).
///
/// Declared once per metric (with its column) and used by the interval functions so that an
/// interval never claims values the metric cannot take: a share's interval stays in [0, 1], a
/// count's above 0, and a paired difference of two [a, b] values in [a − b, b − a].
public struct ValueBounds: Sendable, Equatable, CustomStringConvertible {
  /// The smallest possible value, or `nil` without one.
  public var lower: Double?
  /// The largest possible value, or `nil` without one.
  public var upper: Double?

  public init(lower: Double? = nil, upper: Double? = nil) {
    precondition(lower == nil || upper == nil || lower! < upper!, "empty bounds")
    self.lower = lower
    self.upper = upper
  }

  /// No bound at either end.
  public static let unbounded = ValueBounds()
  /// [0, 1]: shares, fractions, flags, Gini, HHI.
  public static let unitInterval = ValueBounds(lower: 0, upper: 1)
  /// [0, ∞): counts.
  public static let nonNegative = ValueBounds(lower: 0)
  /// [−1, 1]: correlations.
  public static let correlation = ValueBounds(lower: -1, upper: 1)

  /// True when both ends are finite (the logit interval applies).
  public var isTwoSided: Bool { lower != nil && upper != nil }

  /// The bounds of x − y for x and y within `self`: [lower − upper, upper − lower] when both
  /// ends are set, else unbounded (the difference of two counts can have either sign).
  public var difference: ValueBounds {
    guard let lower, let upper else { return .unbounded }
    return ValueBounds(lower: lower - upper, upper: upper - lower)
  }

  /// `x` moved to the nearest bound when it lies outside.
  public func clamp(_ x: Double) -> Double {
    var value = x
    if let lower, value < lower { value = lower }
    if let upper, value > upper { value = upper }
    return value
  }

  /// `[a, b]`, `[a, ∞)`, `(−∞, b]` or `(−∞, ∞)`.
  public var description: String {
    let low = lower.map { "[\(Self.text($0))" } ?? "(−∞"
    let high = upper.map { "\(Self.text($0))]" } ?? "∞)"
    return low + ", " + high
  }

  static func text(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
  }
}
