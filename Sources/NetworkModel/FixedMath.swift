/// Exact integer helpers for amounts in base units.
public enum FixedMath {
  /// ⌊a·b / c⌋ with a 128-bit intermediate; `0` when `c == 0`, saturating at `UInt64.max`.
  @inlinable public static func mulDiv(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    guard c != 0 else { return 0 }
    let product = a.multipliedFullWidth(by: b)
    guard product.high < c else { return .max }
    return c.dividingFullWidth(product).quotient
  }

  /// ⌊x⌋ as base units for a non-negative finite `x`, clamped to `0...UInt64.max`.
  @inlinable public static func floorAmount(_ x: Double) -> UInt64 {
    guard x.isFinite, x > 0 else { return 0 }
    guard x < 18_446_744_073_709_549_568 else { return .max }
    return UInt64(x)
  }

  /// Base units per whole token (1 TAO = 10⁹ rao; alpha uses the same unit, spec §0.1).
  public static let unitsPerToken: UInt64 = 1_000_000_000

  /// Whole tokens to base units (floored).
  @inlinable public static func units(_ tokens: Double) -> UInt64 { floorAmount(tokens * 1e9) }

  /// Base units to whole tokens.
  @inlinable public static func tokens(_ units: UInt64) -> Double { Double(units) / 1e9 }
}
