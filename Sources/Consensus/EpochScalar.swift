#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number type one epoch runs in: `I32F32` (bit-exact, spec §0.3) or `Double` (fast).
///
/// The epoch pipeline is written once, generically over this protocol, so both arithmetics
/// follow exactly the same steps and differ only in rounding (spec §14).
@usableFromInline
protocol EpochScalar: Comparable {
  /// A prepared divisor for dividing many values by the same positive sum.
  associatedtype Divisor

  static var zero: Self { get }
  static var one: Self { get }
  /// Addition (saturating for fixed point).
  static func + (a: Self, b: Self) -> Self
  /// Subtraction (saturating for fixed point).
  static func - (a: Self, b: Self) -> Self
  /// Multiplication (floored for fixed point).
  static func * (a: Self, b: Self) -> Self
  /// Safe division: 0 when `b` is 0 (truncating for fixed point).
  static func safeDiv(_ a: Self, _ b: Self) -> Self

  /// The integer `v` (e.g. a stored u16 weight read "as a number", spec §3.5).
  static func integer(_ v: Int64) -> Self
  /// A stored u16 proportion `p / 65535`.
  static func proportion(u16 p: UInt16) -> Self
  /// `numerator / 65535` for a u16 hyperparameter (κ, β, α bounds).
  static func fraction65535(_ numerator: UInt16) -> Self
  /// ᾱ = 1 − BondsMovingAverage / 10⁶ (spec §5.2 step 3).
  static func emaRate(bondsMovingAverage: UInt64) -> Self
  /// Conversion of a finite `Double` (round to nearest for fixed point).
  static func from(_ d: Double) -> Self
  /// The value as a `Double`.
  var doubleValue: Double { get }
  /// The stored u16 proportion `floor(x · 65535)`, saturating to [0, 65535].
  var u16Proportion: UInt16 { get }
  /// `floor(x · amount)` in base units (spec §6), 0 for x ≤ 0.
  func baseUnits(of amount: UInt64) -> UInt64

  /// Prepares division by a positive sum.
  static func divisor(_ d: Self) -> Divisor
  /// `x / d` for x ≥ 0 with a prepared divisor; identical to `x / d` for fixed point.
  static func divide(_ x: Self, by d: Divisor) -> Self
  /// Whether a loop of `divide` on contiguous operands vectorises (a division instruction per
  /// lane in `Double`; the fixed-point prepared division is scalar code), so that gathering
  /// divisors into a contiguous row first pays. Where it does not (fixed point), the epoch's row
  /// loops call the row forms below instead (`divide(_:by:count:into:)`, `multiply`, `combine`,
  /// `sum`, …), which take lanes of their own (``FixedLanes``).
  static var dividesInLanes: Bool { get }
  /// `out[e] = divide(x[e], by: d[e])` for `e < count` (contiguous operands; `out` may be `x`),
  /// however is fastest.
  static func divide(_ x: UnsafePointer<Self>, by d: UnsafePointer<Divisor>, count: Int, into out: UnsafeMutablePointer<Self>)
  /// `out[e] = x[e] * y[e]` for `e < count` (`out` may be `x` or `y`), however is fastest.
  static func multiply(_ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>, count: Int, into out: UnsafeMutablePointer<Self>)
  /// `out[e] = x[e] * c` for `e < count` (`out` may be `x`), however is fastest.
  static func multiply(_ x: UnsafePointer<Self>, by c: Self, count: Int, into out: UnsafeMutablePointer<Self>)
  /// Liquid alpha's sigmoid exponents (spec §5.3.1): `v[e] = entry(e)` for `e < count`, where
  /// `v` holds each entry's consensus on entry and `entry(e)` is factor·(d − half) with d the
  /// buy-side min(max(w − c, 0), 1) if w ≥ b, else the sell-side min(max(b − w, 0), 1),
  /// computed one entry at a time from c = v[e], w[e] and b[e]; the same values, however is fastest.
  static func liquidExponents(
    _ v: UnsafeMutablePointer<Self>, weights w: UnsafePointer<Self>, bonds b: UnsafePointer<Self>, factor: Self,
    half: Self, count: Int, entry: (Int) -> Self)
  /// Liquid alpha's EMA values from the sigmoid's exponentials (spec §5.3.1–§5.3.2):
  /// `out[e] = entry(e)` for `e < count`, where `entry(e)` is
  /// min((1 − r)·b[e] + max(r·w[e], 0), 1) with r = clamp(low + safeDiv(1, 1 + x[e])·(high − low),
  /// low, high) computed one entry at a time; the same values, however is fastest.
  static func liquidEMA(
    exponentials x: UnsafePointer<Self>, weights w: UnsafePointer<Self>, bonds b: UnsafePointer<Self>, low: Self,
    high: Self, count: Int, into out: UnsafeMutablePointer<Self>, entry: (Int) -> Self)
  /// The sum x[0] + x[1] + … + x[count − 1] from 0, added in that order, however is fastest.
  static func sum(_ x: UnsafePointer<Self>, count: Int) -> Self
  /// `s[e] = s[e] + x[e]` for `e < count` (with `keptOnly`, x[e] added only where it is > 0),
  /// however is fastest.
  static func add(_ x: UnsafePointer<Self>, to s: UnsafeMutablePointer<Self>, count: Int, keptOnly: Bool)
  /// `r[e] = r[e] + c * x[e]` for `e < count`, however is fastest.
  static func addProducts(_ r: UnsafeMutablePointer<Self>, _ x: UnsafePointer<Self>, by c: Self, count: Int)
  /// `out[e] = c₁ * x[e] + c₂ * y[e]` for `e < count` (`out` may be `x` or `y`), however is fastest.
  static func combine(
    _ c1: Self, _ x: UnsafePointer<Self>, _ c2: Self, _ y: UnsafePointer<Self>, count: Int, into out: UnsafeMutablePointer<Self>)
  /// `divide(integer(p), by: d)` for `d = divisor(integer(65 535))`: a stored u16 proportion
  /// read back (``U16Proportion``), however is fastest.
  static func proportion(u16 p: UInt16, by d: Divisor) -> Self
  /// The sum of non-negative integers (each `integer(·)`, ≤ 65 535) whose exact total is
  /// `total`, bit-identical to adding them with `+` in any order: every partial sum is an integer
  /// below the total, exact in `Double` below 2⁵³ (more entries than memory holds) and in fixed
  /// point below 2³¹; beyond 2³¹ the saturating fixed-point sum reaches, and stays at, the maximum.
  static func integerTotal(_ total: Int64) -> Self

  /// `v[k] = divide(v[k], by: divisor(sum))` for `k < count`, where every `v[k]` is
  /// `integer(·)` of a u16 value and `sum = integerTotal(total) > 0` is their sum (a weight row,
  /// spec §3.5): the same values, computed however is fastest.
  static func divide(integers v: UnsafeMutablePointer<Self>, count: Int, total: Int64, sum: Self)
  /// `divide(integer(p), by: divisor(integerTotal(t)))` for a u16 value p ≤ t, with the integer
  /// t (1 ≤ t < 2³¹) given as `total = Double(t)`: one stored bond over its column's total.
  static func quotient(integer p: UInt16, total: Double) -> Self
  /// Normalised stake weights s from the integer stake weights (spec §3.2): each
  /// `stake[i]` is S̃ᵢ in units of 2⁻³² (α·2³² + t·τ raw); zero entries stay zero.
  static func stakeShares(_ stake: [Wide128]) -> [Self]
  /// An exact fixed-point share (spec §3.2) in this arithmetic: both arithmetics store the same
  /// StakeWeight and grant the same permits (spec §14 item 3).
  static func exactShare(_ x: I32F32) -> Self
  /// `x` if `keep`, else 0, without a branch (hot selection loops).
  static func masked(_ x: Self, _ keep: Bool) -> Self
  /// exp(x) with the argument clamped to [−20, 20] (liquid-alpha sigmoid, spec §5.3.1).
  static func clampedExp(_ x: Self) -> Self
  /// `v[e] = clampedExp(v[e])` for `e < count`, however is fastest.
  static func clampedExp(_ v: UnsafeMutablePointer<Self>, count: Int)
}

extension I32F32: EpochScalar {
  @usableFromInline typealias Divisor = FixedDivisor

  @inlinable static var dividesInLanes: Bool { false }

  @inlinable @inline(__always) static func integer(_ v: Int64) -> I32F32 { I32F32(integer: v) }
  @inlinable @inline(__always) static func safeDiv(_ a: I32F32, _ b: I32F32) -> I32F32 { a / b }
  @inlinable @inline(__always) static func masked(_ x: I32F32, _ keep: Bool) -> I32F32 {
    I32F32(raw: x.raw & (0 &- Int64(unsafeBitCast(keep, to: UInt8.self))))
  }
  @inlinable static func fraction65535(_ numerator: UInt16) -> I32F32 {
    I32F32(integer: Int64(numerator)) / I32F32(integer: 65_535)
  }
  @inlinable static func emaRate(bondsMovingAverage bma: UInt64) -> I32F32 {
    // BMA/10⁶ in I64F64, truncated to I32F32 (= ⌊BMA·2³²/10⁶⌋), subtracted from 1.
    let clamped = min(bma, 1 << 40)
    let q = (clamped << 32) / 1_000_000
    return I32F32.one - I32F32(raw: Int64(q))
  }
  @inlinable static func from(_ d: Double) -> I32F32 { I32F32(rounding: d) }
  @inlinable @inline(__always) static func divisor(_ d: I32F32) -> FixedDivisor { FixedDivisor(d) }
  /// ⌊p · 2³² / 65 535⌋ without a division: 2³² = 65 535 · 65 537 + 1, so p · 2³² / 65 535 is
  /// p · 65 537 + p / 65 535, whose floor is p · 65 537 plus 1 for p = 65 535 only ((p + 1) >> 16).
  /// The value of `divide(integer(p), by: d)` for d = divisor(integer(65 535)), every u16 checked
  /// by the tests.
  @inlinable @inline(__always) static func proportion(u16 p: UInt16, by _: FixedDivisor) -> I32F32 {
    let v = Int64(p)
    return I32F32(raw: v &* 65_537 &+ ((v &+ 1) >> 16))
  }
  @inlinable @inline(__always) static func divide(_ x: I32F32, by d: FixedDivisor) -> I32F32 {
    d.divide(x)
  }
  @inlinable @inline(__always) static func divide(
    _ x: UnsafePointer<I32F32>, by d: UnsafePointer<FixedDivisor>, count: Int, into out: UnsafeMutablePointer<I32F32>
  ) {
    FixedDivisor.quotients(x, by: d, count: count, into: out)
  }
  @inlinable @inline(__always) static func integerTotal(_ total: Int64) -> I32F32 {
    total > Int64(Int32.max) ? I32F32(raw: .max) : I32F32(integer: total)
  }

  @inlinable @inline(__always) static func exactShare(_ x: I32F32) -> I32F32 { x }

  /// The quotient ⌊p · 2³² / total⌋ of each u16 value p (`divide` gives exactly that: the raw
  /// values are p · 2³² and total · 2³², and p ≤ total keeps it ≤ 2³², unsaturated) taken in
  /// `Double` when total < 2³¹: p · 2³² (< 2⁴⁸) and total are exact, the correctly rounded
  /// quotient q̃ is at least the true quotient's floor and at most one above it (no integer lies
  /// strictly between a value and its rounding, and integers ≤ 2³³ are exact), and the sign of
  /// the fused q·total − p·2³² (exact before its one rounding, so its sign is exact) says which.
  /// (Below 2⁵³ the quotient never rounds up to the next integer: that would need the remainder
  /// below p·2³²/2⁵³ < 1; the check costs one multiply-add and keeps the argument local.)
  /// Larger totals (saturated sums) keep the prepared division.
  @inlinable static func divide(integers v: UnsafeMutablePointer<I32F32>, count: Int, total: Int64, sum: I32F32) {
    if total <= 0 || total > Int64(Int32.max) {
      let d = divisor(sum)
      for k in 0..<count { v[k] = divide(v[k], by: d) }
      return
    }
    let s = Double(total)
    // In lanes: every raw value p · 2³² is below 2⁴⁸, an exact double
    // (``FixedLanes/flooredQuotients(_:_:)``).
    let t = FixedLanes.D4(repeating: s)
    @inline(__always) func lanes(_ k: Int) -> Bool {
      FixedLanes.store(FixedLanes.flooredQuotients(FixedLanes.doubles(FixedLanes.load(v, k)), t), v, k)
      return true
    }
    @inline(__always) func scalar(_ k: Int) {
      v[k] = quotient(raw: v[k].raw, total: s)
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// ⌊p · 2³² / t⌋ for the raw value p · 2³² of a u16 p ≤ t and `total = Double(t)`, t < 2³¹
  /// (``divide(integers:count:total:sum:)``).
  @inlinable @inline(__always) static func quotient(raw: Int64, total s: Double) -> I32F32 {
    let numerator = Double(raw)
    let q = (numerator / s).rounded(.down)
    let above = (-numerator).addingProduct(q, s) > 0  // q · total > p · 2³²
    // The integer 0 ≤ q′ < 2⁴⁸ (a u16 over a total ≥ 1) read from the bits of 1.5·2⁵² + q′ (exact
    // below 2⁵¹), without the range checks of `Int64(_:)`.
    let floor = above ? q - 1 : q
    return I32F32(raw: Int64(bitPattern: (floor + 0x1.8p52).bitPattern) &- 0x4338_0000_0000_0000)
  }

  @inlinable @inline(__always) static func quotient(integer p: UInt16, total: Double) -> I32F32 {
    quotient(raw: Int64(p) << 32, total: total)
  }

  @usableFromInline static func stakeShares(_ stake: [Wide128]) -> [I32F32] {
    var result = [I32F32](repeating: .zero, count: stake.count)
    if stake.isEmpty { return result }
    stake.withUnsafeBufferPointer { sp in
      result.withUnsafeMutableBufferPointer { rp in
        stakeShares(sp.baseAddress!, count: sp.count, into: rp.baseAddress!, as: I32F32.self)
      }
    }
    return result
  }

  /// ``stakeShares(_:)`` over borrowed storage, converted to `T` by ``EpochScalar/exactShare(_:)``.
  @inlinable static func stakeShares<T: EpochScalar>(
    _ stake: UnsafePointer<Wide128>, count: Int, into result: UnsafeMutablePointer<T>, as _: T.Type
  ) {
    var total = Wide128(hi: 0, lo: 0)
    for i in 0..<count { total = total + stake[i] }
    result.initialize(repeating: .zero, count: count)
    if total.hi == 0 && total.lo == 0 { return }
    // Keep quotient · divisor inside 128 bits for absurd totals (> 2⁶¹ base units): scale all
    // stakes down by the same power of two (exact for every realistic supply).
    var scale = 0
    while total.hi >> 29 != 0 {
      total = total.shiftedRight(1)
      scale += 1
    }
    let divisor = SmallQuotientDivisor(total)
    for i in 0..<count where stake[i].hi != 0 || stake[i].lo != 0 {
      let numerator = stake[i].shiftedRight(scale).shiftedLeft(32)
      result[i] = T.exactShare(I32F32(raw: Int64(numerator.dividedSmallQuotient(by: divisor))))
    }
  }

  @inlinable static func clampedExp(_ x: I32F32) -> I32F32 {
    // The chain evaluates a fixed-point series; a Double exp rounded back to I32F32 reproduces
    // every Yuma-3 test value (spec §16 item 7). Departure from bit-exactness documented there.
    let c = min(max(x, I32F32(integer: -20)), I32F32(integer: 20))
    return I32F32(rounding: Exponential.exp(c.doubleValue))
  }

  /// The same values, the exponentials taken four at a time: each argument's `Double` is written
  /// over it, and each result rounded back over that. Both conversions run four at a time through
  /// the 1.5·2⁵² constant M: for an integer |x| < 2⁵¹ the bits of M plus x are the double M + x,
  /// so (M + x) − M is `Double(x)`; for a double |y| < 2⁵¹, M + y rounds y to the nearest integer,
  /// ties to even, as `I32F32(rounding:)` does, and its bits minus M's are that integer. The
  /// arguments are clamped to ±20 (raw below 2³⁷); a result of 2¹⁹ or more takes
  /// `I32F32(rounding:)` itself.
  @inlinable static func clampedExp(_ v: UnsafeMutablePointer<I32F32>, count: Int) {
    typealias I4 = SIMD4<Int64>
    typealias D4 = SIMD4<Double>
    let low = I4(repeating: I32F32(integer: -20).raw)
    let high = I4(repeating: I32F32(integer: 20).raw)
    let magic = D4(repeating: 0x1.8p52)
    let magicBits = unsafeBitCast(magic, to: I4.self)
    let raw = UnsafeMutableRawPointer(v)
    let whole = count & ~3  // the rest one at a time, by the scalar form
    v.withMemoryRebound(to: Double.self, capacity: whole) { d in
      var e = 0
      while e < whole {
        let x = pointwiseMin(pointwiseMax(raw.loadUnaligned(fromByteOffset: e &* 8, as: I4.self), low), high)
        let converted = (unsafeBitCast(x &+ magicBits, to: D4.self) - magic) * D4(repeating: 1.0 / 4_294_967_296.0)
        raw.storeBytes(of: converted, toByteOffset: e &* 8, as: D4.self)
        e &+= 4
      }
      Exponential.exp(d, count: whole)
      e = 0
      while e < whole {
        let scaled = raw.loadUnaligned(fromByteOffset: e &* 8, as: D4.self) * D4(repeating: 4_294_967_296.0)
        if all(scaled .< D4(repeating: 0x1p51)) {
          raw.storeBytes(of: unsafeBitCast(scaled + magic, to: I4.self) &- magicBits, toByteOffset: e &* 8, as: I4.self)
        } else {
          for l in e..<(e &+ 4) { raw.storeBytes(of: I32F32(rounding: d[l]).raw, toByteOffset: l &* 8, as: Int64.self) }
        }
        e &+= 4
      }
    }
    for e in whole..<count { v[e] = clampedExp(v[e]) }
  }
}

/// A Double divisor. Division stays a true (correctly rounded) division: a reciprocal
/// multiplication can land one ulp below 1 for x = d and lose a whole stored u16 unit.
@usableFromInline
struct DoubleDivisor {
  @usableFromInline let value: Double
  @inlinable init(_ d: Double) { value = d }
}

extension Double: EpochScalar {
  @usableFromInline typealias Divisor = DoubleDivisor

  @inlinable static var one: Double { 1.0 }
  @inlinable static var dividesInLanes: Bool { true }

  @inlinable @inline(__always) static func safeDiv(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
  @inlinable @inline(__always) static func masked(_ x: Double, _ keep: Bool) -> Double {
    // A multiplication by 0.0 or 1.0 stays branch-free (x is finite here).
    x * Double(unsafeBitCast(keep, to: UInt8.self))
  }
  @inlinable @inline(__always) static func integer(_ v: Int64) -> Double { Double(v) }
  @inlinable @inline(__always) static func proportion(u16 p: UInt16) -> Double { Double(p) / 65_535.0 }
  @inlinable static func fraction65535(_ numerator: UInt16) -> Double { Double(numerator) / 65_535.0 }
  @inlinable static func emaRate(bondsMovingAverage bma: UInt64) -> Double {
    1.0 - Double(min(bma, 1 << 40)) / 1_000_000.0
  }
  @inlinable @inline(__always) static func from(_ d: Double) -> Double { d }
  @inlinable @inline(__always) var doubleValue: Double { self }
  @inlinable @inline(__always) var u16Proportion: UInt16 {
    // Clamped to [0, 65535] (NaN and x ≤ 0 to 0), floored, then read from the bits of
    // ⌊x⌋ + 2⁵² (exact for integers below 2⁵²): the same value as a checked `UInt16(x)`,
    // without its range checks and branches.
    let x = self * 65_535.0
    let clamped = x > 0 ? (x < 65_535.0 ? x : 65_535.0) : 0
    return UInt16(truncatingIfNeeded: (clamped.rounded(.down) + 0x1p52).bitPattern)
  }
  @inlinable @inline(__always) func baseUnits(of amount: UInt64) -> UInt64 {
    // A share that is not positive (or NaN) gives 0, selected rather than branched on (shares
    // of zero and non-zero entries alternate unpredictably); 0 converts to 0.
    let x = self > 0 ? self * Double(amount) : 0
    return x >= 18_446_744_073_709_551_615.0 ? .max : UInt64(x)
  }
  @inlinable @inline(__always) static func divisor(_ d: Double) -> DoubleDivisor { DoubleDivisor(d) }
  /// p / 65 535 correctly rounded without a division: q = p·y with y = RN(1/65 535), the
  /// exact residual r = p − 65 535·q (one fused multiply-add), then RN(q + r·y) (another).
  /// Equal to `Double(p) / 65_535` bit for bit for every u16 p — checked exhaustively by the
  /// tests — where q alone differs in 88 of them. Fused multiply-adds are instructions on the
  /// Haswell-class build (and vectorise); the portable build calls the C library's `fma`.
  @inlinable @inline(__always) static func proportion(u16 p: UInt16, by _: DoubleDivisor) -> Double {
    let y = 1.0 / 65_535.0
    let a = Double(p)
    let q = a * y
    let r = a.addingProduct(-q, 65_535.0)
    return q.addingProduct(r, y)
  }
  @inlinable @inline(__always) static func divide(_ x: Double, by d: DoubleDivisor) -> Double {
    x / d.value
  }
  @inlinable @inline(__always) static func divide(
    _ x: UnsafePointer<Double>, by d: UnsafePointer<DoubleDivisor>, count: Int, into out: UnsafeMutablePointer<Double>
  ) {
    for e in 0..<count { out[e] = x[e] / d[e].value }
  }
  @inlinable @inline(__always) static func multiply(
    _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int, into out: UnsafeMutablePointer<Double>
  ) {
    for e in 0..<count { out[e] = x[e] * y[e] }
  }
  @inlinable @inline(__always) static func multiply(
    _ x: UnsafePointer<Double>, by c: Double, count: Int, into out: UnsafeMutablePointer<Double>
  ) {
    for e in 0..<count { out[e] = x[e] * c }
  }
  @inlinable @inline(__always) static func sum(_ x: UnsafePointer<Double>, count: Int) -> Double {
    var s = 0.0
    for e in 0..<count { s = s + x[e] }
    return s
  }
  @inlinable @inline(__always) static func add(
    _ x: UnsafePointer<Double>, to s: UnsafeMutablePointer<Double>, count: Int, keptOnly: Bool
  ) {
    if keptOnly {
      for e in 0..<count { s[e] = s[e] + (x[e] > 0 ? x[e] : 0) }
    } else {
      for e in 0..<count { s[e] = s[e] + x[e] }
    }
  }
  @inlinable @inline(__always) static func addProducts(
    _ r: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, by c: Double, count: Int
  ) {
    for e in 0..<count { r[e] = r[e] + c * x[e] }
  }
  @inlinable @inline(__always) static func liquidExponents(
    _ v: UnsafeMutablePointer<Double>, weights _: UnsafePointer<Double>, bonds _: UnsafePointer<Double>,
    factor _: Double, half _: Double, count: Int, entry: (Int) -> Double
  ) {
    for e in 0..<count { v[e] = entry(e) }
  }
  @inlinable @inline(__always) static func liquidEMA(
    exponentials _: UnsafePointer<Double>, weights _: UnsafePointer<Double>, bonds _: UnsafePointer<Double>,
    low _: Double, high _: Double, count: Int, into out: UnsafeMutablePointer<Double>, entry: (Int) -> Double
  ) {
    for e in 0..<count { out[e] = entry(e) }
  }
  @inlinable @inline(__always) static func combine(
    _ c1: Double, _ x: UnsafePointer<Double>, _ c2: Double, _ y: UnsafePointer<Double>, count: Int,
    into out: UnsafeMutablePointer<Double>
  ) {
    for e in 0..<count { out[e] = c1 * x[e] + c2 * y[e] }
  }
  @inlinable @inline(__always) static func integerTotal(_ total: Int64) -> Double { Double(total) }
  @inlinable @inline(__always) static func quotient(integer p: UInt16, total: Double) -> Double { Double(p) / total }
  @inlinable static func divide(integers v: UnsafeMutablePointer<Double>, count: Int, total _: Int64, sum: Double) {
    let d = divisor(sum)
    for k in 0..<count { v[k] = divide(v[k], by: d) }
  }

  /// The exact fixed-point shares (spec §3.2), so both arithmetics store the same StakeWeight
  /// and grant the same permits, including the top-K tie rule (spec §14 item 3).
  @usableFromInline static func stakeShares(_ stake: [Wide128]) -> [Double] {
    I32F32.stakeShares(stake).map(\.doubleValue)
  }

  @inlinable @inline(__always) static func exactShare(_ x: I32F32) -> Double { x.doubleValue }

  @inlinable static func clampedExp(_ x: Double) -> Double { Exponential.exp(min(max(x, -20), 20)) }

  @inlinable static func clampedExp(_ v: UnsafeMutablePointer<Double>, count: Int) {
    for e in 0..<count { v[e] = min(max(v[e], -20), 20) }
    Exponential.exp(v, count: count)
  }
}
