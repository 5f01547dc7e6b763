/// A signed fixed-point number with 32 integer and 32 fractional bits, stored as its raw `Int64`
/// (value = raw / 2³²), with the rounding rules of the chain's `substrate-fixed` types (spec §0.3).
///
/// - Multiplication: exact 128-bit product, then arithmetic shift right (floor toward −∞), saturating.
/// - Division: `(a · 2³²) / b` truncated toward zero, saturating; a zero divisor gives 0 (the chain's
///   "safe" division at every epoch call site).
/// - Addition and subtraction: exact, saturating.
public struct I32F32: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The raw two's-complement representation (value · 2³²).
  public var raw: Int64

  /// 2³² as a raw value: the number 1.
  public static let oneRaw: Int64 = 1 << 32

  /// Wraps a raw value.
  @inlinable @inline(__always)
  public init(raw: Int64) { self.raw = raw }

  /// The integer `v` as a fixed-point number (exact).
  @inlinable @inline(__always)
  public init(integer v: Int64) { raw = v << 32 }

  /// Round-to-nearest (ties to even) conversion from a finite `Double`, saturating
  /// (spec §0.3 "float → fixed").
  @inlinable
  public init(rounding d: Double) {
    let scaled = (d * 4_294_967_296.0).rounded(.toNearestOrEven)
    if scaled >= 9_223_372_036_854_775_807.0 {
      raw = .max
    } else if scaled <= -9_223_372_036_854_775_808.0 {
      raw = .min
    } else {
      raw = Int64(scaled)
    }
  }

  public static let zero = I32F32(raw: 0)
  public static let one = I32F32(raw: oneRaw)

  /// The nearest `Double` (exact for |raw| < 2⁵³).
  @inlinable @inline(__always)
  public var doubleValue: Double { Double(raw) * (1.0 / 4_294_967_296.0) }

  public var description: String { "\(doubleValue)" }

  @inlinable @inline(__always)
  public static func < (a: I32F32, b: I32F32) -> Bool { a.raw < b.raw }

  /// Saturating addition.
  @inlinable @inline(__always)
  public static func + (a: I32F32, b: I32F32) -> I32F32 {
    let (r, o) = a.raw.addingReportingOverflow(b.raw)
    return o ? I32F32(raw: b.raw > 0 ? .max : .min) : I32F32(raw: r)
  }

  /// Saturating subtraction.
  @inlinable @inline(__always)
  public static func - (a: I32F32, b: I32F32) -> I32F32 {
    let (r, o) = a.raw.subtractingReportingOverflow(b.raw)
    return o ? I32F32(raw: b.raw < 0 ? .max : .min) : I32F32(raw: r)
  }

  /// Saturating multiplication, floored (spec §0.3).
  @inlinable @inline(__always)
  public static func * (a: I32F32, b: I32F32) -> I32F32 {
    let (hi, lo) = a.raw.multipliedFullWidth(by: b.raw)
    let top = hi >> 31
    if top != 0 && top != -1 { return I32F32(raw: hi < 0 ? .min : .max) }
    return I32F32(raw: (hi << 32) | Int64(bitPattern: lo >> 32))
  }

  /// Safe, saturating division truncated toward zero; 0 when `b` is 0 (spec §0.3).
  @inlinable
  public static func / (a: I32F32, b: I32F32) -> I32F32 {
    if b.raw == 0 { return .zero }
    let qa = a.raw.magnitude
    let qb = b.raw.magnitude
    let negative = (a.raw < 0) != (b.raw < 0)
    if qa >> 31 >= qb { return I32F32(raw: negative ? .min : .max) }
    let q = qb.dividingFullWidth((high: qa >> 32, low: qa << 32)).quotient
    return I32F32(raw: negative ? -Int64(q) : Int64(q))
  }

  /// Floor of the value as an unsigned 16-bit integer, saturating (spec §0.3 "fixed → integer").
  @inlinable @inline(__always)
  public var flooredU16: UInt16 {
    if raw <= 0 { return 0 }
    let v = raw >> 32
    return v >= 65_535 ? 65_535 : UInt16(v)
  }

  /// The stored u16 proportion `floor(x · 65535)` (spec §0.3 quantisation; `fixed_proportion_to_u16`).
  ///
  /// The same value as `(self * I32F32(integer: 65_535)).flooredU16` without the 128-bit product:
  /// x ≤ 0 gives 0 and x ≥ 1 gives 65 535 either way, and for raw values in between the product
  /// fits in 48 bits.
  @inlinable @inline(__always)
  public var u16Proportion: UInt16 {
    let clamped = UInt64(truncatingIfNeeded: min(max(raw, 0), I32F32.oneRaw))
    return UInt16(truncatingIfNeeded: (clamped &* 65_535) >> 32)
  }

  /// A stored u16 proportion read back as `p / 65535` (I32F32 division, truncating).
  @inlinable @inline(__always)
  public static func proportion(u16 p: UInt16) -> I32F32 {
    I32F32(integer: Int64(p)) / I32F32(integer: 65_535)
  }

  /// `floor(x · amount)` in base units for a non-negative x, as the chain's I96F32 product then
  /// floor (spec §6), saturating at `UInt64.max`.
  @inlinable @inline(__always)
  public func baseUnits(of amount: UInt64) -> UInt64 {
    if raw <= 0 { return 0 }
    let (hi, lo) = UInt64(raw).multipliedFullWidth(by: amount)
    if hi >> 32 != 0 { return .max }
    return (hi << 32) | (lo >> 32)
  }
}
