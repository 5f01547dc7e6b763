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

extension I32F32 {
  /// Four products x·y at once for raw values below 2⁴⁷ (so non-negative, values below 2¹⁵), as
  /// ``*(_:_:)`` gives them: with x = xₕ·2³² + xₗ and y likewise, ⌊x·y / 2³²⌋ =
  /// xₕyₕ·2³² + xₕyₗ + xₗyₕ + ⌊xₗyₗ / 2³²⌋ exactly (the other terms are integers), each partial
  /// product of two 32-bit halves one lane multiply, the total below 2⁶² + 2⁴⁸ + 2³² (never
  /// saturating).
  @inlinable @inline(__always)
  static func lanesProduct(_ x: SIMD4<UInt64>, _ y: SIMD4<UInt64>) -> SIMD4<UInt64> {
    let half = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
    let xl = x & half
    let xh = x &>> 32
    let yl = y & half
    let yh = y &>> 32
    return ((xh &* yh) &<< 32) &+ xh &* yl &+ xl &* yh &+ ((xl &* yl) &>> 32)
  }

  /// Whether every lane of x and y is below 2⁴⁷ (``lanesProduct(_:_:)``'s range).
  @inlinable @inline(__always)
  static func inProductRange(_ x: SIMD4<UInt64>, _ y: SIMD4<UInt64>) -> Bool {
    all((x | y) &>> 47 .== SIMD4<UInt64>(repeating: 0))
  }

  /// `out[e] = c₁ · x[e] + c₂ · y[e]` for `e < count` (`out` may be `x` or `y`), four at a time
  /// by ``lanesProduct(_:_:)`` where every operand is in its range (the sum of two such
  /// products is below 2⁶³, so the saturating addition adds exactly), any other four and the
  /// last `count % 4` one by one; the same values as ``*(_:_:)`` and ``+(_:_:)``.
  @inlinable
  static func combine(
    _ c1: I32F32, _ x: UnsafePointer<I32F32>, _ c2: I32F32, _ y: UnsafePointer<I32F32>, count: Int,
    into out: UnsafeMutablePointer<I32F32>
  ) {
    typealias U4 = SIMD4<UInt64>
    let k1 = U4(repeating: UInt64(bitPattern: c1.raw))
    let k2 = U4(repeating: UInt64(bitPattern: c2.raw))
    let xs = UnsafeRawPointer(x)
    let ys = UnsafeRawPointer(y)
    let output = UnsafeMutableRawPointer(out)
    let whole = count & ~3
    var e = 0
    while e < whole {
      let a = xs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      let b = ys.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      if inProductRange(a, k1) && inProductRange(b, k2) {
        output.storeBytes(of: lanesProduct(a, k1) &+ lanesProduct(b, k2), toByteOffset: e &* 8, as: U4.self)
      } else {
        for l in e..<(e &+ 4) { out[l] = c1 * x[l] + c2 * y[l] }
      }
      e &+= 4
    }
    for l in whole..<count { out[l] = c1 * x[l] + c2 * y[l] }
  }

  /// `out[e] = x[e] · c` for `e < count` (`out` may be `x`), four at a time by
  /// ``lanesProduct(_:_:)`` where the operands are in its range, else one by one; the same
  /// values as ``*(_:_:)``.
  @inlinable
  static func scaled(_ x: UnsafePointer<I32F32>, by c: I32F32, count: Int, into out: UnsafeMutablePointer<I32F32>) {
    typealias U4 = SIMD4<UInt64>
    let k = U4(repeating: UInt64(bitPattern: c.raw))
    let xs = UnsafeRawPointer(x)
    let output = UnsafeMutableRawPointer(out)
    let whole = count & ~3
    var e = 0
    while e < whole {
      let a = xs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      if inProductRange(a, k) {
        output.storeBytes(of: lanesProduct(a, k), toByteOffset: e &* 8, as: U4.self)
      } else {
        for l in e..<(e &+ 4) { out[l] = x[l] * c }
      }
      e &+= 4
    }
    for l in whole..<count { out[l] = x[l] * c }
  }

  /// x[0] + … + x[count − 1] from 0 in that order, as ``+(_:_:)`` adds them: where every raw
  /// value is below 2^(63 − b), b the bit length of `count` (so non-negative, and every partial
  /// sum below 2⁶³ never saturates), the exact sum, taken in four lanes; else one by one.
  @inlinable
  static func sum(_ x: UnsafePointer<I32F32>, count: Int) -> I32F32 {
    typealias U4 = SIMD4<UInt64>
    let raw = UnsafeRawPointer(x)
    let whole = count & ~3
    var lanes = U4(repeating: 0)
    var bits = U4(repeating: 0)
    var e = 0
    while e < whole {
      let v = raw.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      lanes &+= v
      bits |= v
      e &+= 4
    }
    var total = lanes[0] &+ lanes[1] &+ lanes[2] &+ lanes[3]
    var union = bits[0] | bits[1] | bits[2] | bits[3]
    for l in whole..<count {
      total &+= UInt64(bitPattern: x[l].raw)
      union |= UInt64(bitPattern: x[l].raw)
    }
    let room = 63 &- (Int.bitWidth &- count.leadingZeroBitCount)
    if room > 0 && union >> UInt64(room) == 0 { return I32F32(raw: Int64(bitPattern: total)) }
    var s = I32F32.zero
    for l in 0..<count { s = s + x[l] }
    return s
  }

  /// `s[e] = s[e] + x[e]` for `e < count` (with `keptOnly`, `+ (x[e] > 0 ? x[e] : 0)`), four at a
  /// time where all eight raw values are below 2⁶² (so non-negative: x > 0 ? x : 0 is x, and the
  /// sum is below 2⁶³, added exactly), any other four and the last `count % 4` one by one; the
  /// same values as ``+(_:_:)``.
  @inlinable
  static func add(_ x: UnsafePointer<I32F32>, to s: UnsafeMutablePointer<I32F32>, count: Int, keptOnly: Bool) {
    typealias U4 = SIMD4<UInt64>
    let xs = UnsafeRawPointer(x)
    let ss = UnsafeMutableRawPointer(s)
    let whole = count & ~3
    @inline(__always) func one(_ l: Int) { s[l] = s[l] + (keptOnly ? (x[l] > .zero ? x[l] : .zero) : x[l]) }
    var e = 0
    while e < whole {
      let a = xs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      let b = ss.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      if all(((a | b) &>> 62) .== U4(repeating: 0)) {
        ss.storeBytes(of: a &+ b, toByteOffset: e &* 8, as: U4.self)
      } else {
        for l in e..<(e &+ 4) { one(l) }
      }
      e &+= 4
    }
    for l in whole..<count { one(l) }
  }

  /// `r[e] = r[e] + c · x[e]` for `e < count`, four at a time by ``lanesProduct(_:_:)`` where
  /// x and c are in its range and r is below 2⁶² (so non-negative): the product is below 2⁶², the
  /// sum below 2⁶³, and the saturating addition adds exactly; any other four and the last
  /// `count % 4` one by one. The same values as ``*(_:_:)`` and ``+(_:_:)``.
  @inlinable
  static func addProducts(_ r: UnsafeMutablePointer<I32F32>, _ x: UnsafePointer<I32F32>, by c: I32F32, count: Int) {
    typealias U4 = SIMD4<UInt64>
    let k = U4(repeating: UInt64(bitPattern: c.raw))
    let xs = UnsafeRawPointer(x)
    let rs = UnsafeMutableRawPointer(r)
    let whole = count & ~3
    var e = 0
    while e < whole {
      let a = xs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      let sum = rs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      if inProductRange(a, k) && all((sum &>> 62) .== U4(repeating: 0)) {
        rs.storeBytes(of: sum &+ lanesProduct(a, k), toByteOffset: e &* 8, as: U4.self)
      } else {
        for l in e..<(e &+ 4) { r[l] = r[l] + c * x[l] }
      }
      e &+= 4
    }
    for l in whole..<count { r[l] = r[l] + c * x[l] }
  }

  /// `out[e] = x[e] · y[e]` for `e < count`, four at a time by ``lanesProduct(_:_:)`` where all
  /// eight operands are in its range, else one by one; the same values as ``*(_:_:)``.
  @inlinable
  static func products(
    _ x: UnsafePointer<I32F32>, _ y: UnsafePointer<I32F32>, count: Int, into out: UnsafeMutablePointer<I32F32>
  ) {
    typealias U4 = SIMD4<UInt64>
    let xs = UnsafeRawPointer(x)
    let ys = UnsafeRawPointer(y)
    let output = UnsafeMutableRawPointer(out)
    let whole = count & ~3
    var e = 0
    while e < whole {
      let a = xs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      let b = ys.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      if inProductRange(a, b) {
        output.storeBytes(of: lanesProduct(a, b), toByteOffset: e &* 8, as: U4.self)
      } else {
        for l in e..<(e &+ 4) { out[l] = x[l] * y[l] }
      }
      e &+= 4
    }
    for l in whole..<count { out[l] = x[l] * y[l] }
  }
}

extension I32F32 {
  /// ``EpochScalar/liquidExponents(_:weights:bonds:factor:half:count:entry:)`` four at a time
  /// in lanes where the consensus, weights and bonds are below 2⁴⁷ (raw, so non-negative: the
  /// differences and clamps are exact) and |factor| and |half| below 2⁴⁷ (so |d − half| too),
  /// else `entry` one by one. The floored product of the signs' magnitudes is
  /// ``lanesProduct(_:_:)``; a negative product is floored toward −∞: −(that + 1) when the
  /// magnitudes' product has a non-zero low word (the low word of the product of their low
  /// halves), else −that.
  @inlinable
  static func liquidExponents(
    _ v: UnsafeMutablePointer<I32F32>, weights w: UnsafePointer<I32F32>, bonds b: UnsafePointer<I32F32>,
    factor: I32F32, half: I32F32, count: Int, entry: (Int) -> I32F32
  ) {
    typealias U4 = SIMD4<UInt64>
    typealias I4 = SIMD4<Int64>
    let zero = I4(repeating: 0)
    let one = I4(repeating: I32F32.oneRaw)
    let halfRaw = I4(repeating: half.raw)
    let x = I4(repeating: factor.raw)
    let xMagnitude = unsafeBitCast(x.replacing(with: zero &- x, where: x .< zero), to: U4.self)
    let xNegative = x .< zero
    let scalarsInRange = factor.raw.magnitude >> 47 == 0 && half.raw.magnitude >> 47 == 0
    let vs = UnsafeMutableRawPointer(v)
    let ws = UnsafeRawPointer(w)
    let bs = UnsafeRawPointer(b)
    let whole = count & ~3
    var e = 0
    while e < whole {
      let c = vs.loadUnaligned(fromByteOffset: e &* 8, as: I4.self)
      let wv = ws.loadUnaligned(fromByteOffset: e &* 8, as: I4.self)
      let bv = bs.loadUnaligned(fromByteOffset: e &* 8, as: I4.self)
      if scalarsInRange && all((unsafeBitCast(c | wv | bv, to: U4.self) &>> 47) .== U4(repeating: 0)) {
        let buy = pointwiseMin(pointwiseMax(wv &- c, zero), one)
        let sell = pointwiseMin(pointwiseMax(bv &- wv, zero), one)
        let y = buy.replacing(with: sell, where: .!(wv .>= bv)) &- halfRaw
        let yMagnitude = unsafeBitCast(y.replacing(with: zero &- y, where: y .< zero), to: U4.self)
        let magnitude = unsafeBitCast(lanesProduct(xMagnitude, yMagnitude), to: I4.self)
        let half32 = U4(repeating: 0xFFFF_FFFF)
        let lowWord = ((xMagnitude & half32) &* (yMagnitude & half32)) & half32
        let carry = zero.replacing(with: I4(repeating: 1), where: unsafeBitCast(lowWord, to: I4.self) .!= zero)
        let below = zero &- (magnitude &+ carry)
        let negative = xNegative .^ (y .< zero)
        vs.storeBytes(of: magnitude.replacing(with: below, where: negative), toByteOffset: e &* 8, as: I4.self)
      } else {
        for l in e..<(e &+ 4) { v[l] = entry(l) }
      }
      e &+= 4
    }
    for l in whole..<count { v[l] = entry(l) }
  }

  /// ``EpochScalar/liquidEMA(exponentials:weights:bonds:low:high:count:into:entry:)`` four at a
  /// time in lanes where every operand allows it, else `entry` one by one. In lanes: an
  /// exponential x below 2⁵⁰ (raw, so non-negative) makes u = 1 + x an integer below 2⁵¹
  /// without saturating, an exact `Double` read from the bits of 1.5·2⁵² + u, and
  /// safeDiv(1, u) = ⌊2⁶⁴/u⌋ ≤ 2³² is the correctly rounded
  /// quotient's floor corrected by one fused multiply-add's sign, as in
  /// ``FixedDivisor/quotients(_:by:count:into:)``; the products by ``lanesProduct(_:_:)`` with
  /// their operands in its range (high − low, the bond and the weight below 2⁴⁷, so
  /// non-negative; the rate and 1 − rate lie in [low, high] ⊆ [0, 1]), the sums below 2⁶³ (the
  /// saturating additions add exactly); max(r·w, 0) is the non-negative r·w.
  @inlinable
  static func liquidEMA(
    exponentials x: UnsafePointer<I32F32>, weights w: UnsafePointer<I32F32>, bonds b: UnsafePointer<I32F32>,
    low: I32F32, high: I32F32, count: Int, into out: UnsafeMutablePointer<I32F32>, entry: (Int) -> I32F32
  ) {
    typealias U4 = SIMD4<UInt64>
    typealias I4 = SIMD4<Int64>
    typealias D4 = SIMD4<Double>
    let magic = D4(repeating: 0x1.8p52)
    let magicBits = unsafeBitCast(magic, to: U4.self)
    let oneRaw = U4(repeating: UInt64(I32F32.oneRaw))
    let lowRaw = I4(repeating: low.raw)
    let highRaw = I4(repeating: high.raw)
    let span = U4(repeating: UInt64(bitPattern: (high - low).raw))
    let xs = UnsafeRawPointer(x)
    let ws = UnsafeRawPointer(w)
    let bs = UnsafeRawPointer(b)
    let output = UnsafeMutableRawPointer(out)
    let whole = count & ~3
    let spanInRange = inProductRange(span, span) && low.raw >= 0 && high.raw <= I32F32.oneRaw
    var e = 0
    while e < whole {
      let ex = xs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      let wv = ws.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      let bv = bs.loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
      if spanInRange && all((ex &>> 50) .== U4(repeating: 0)) && inProductRange(wv, bv) {
        let u = oneRaw &+ ex
        let t = unsafeBitCast(u &+ magicBits, to: D4.self) - magic
        let numerator = D4(repeating: 0x1p64)
        var q = (numerator / t).rounded(.down)
        q.replace(with: q - D4(repeating: 1), where: (-numerator).addingProduct(q, t) .> D4(repeating: 0))
        let sigma = unsafeBitCast(q + magic, to: U4.self) &- magicBits
        var rate = unsafeBitCast(unsafeBitCast(lanesProduct(sigma, span), to: I4.self) &+ lowRaw, to: I4.self)
        rate.replace(with: lowRaw, where: rate .< lowRaw)
        rate.replace(with: highRaw, where: rate .> highRaw)
        let r = unsafeBitCast(rate, to: U4.self)
        var v = unsafeBitCast(lanesProduct(oneRaw &- r, bv) &+ lanesProduct(r, wv), to: I4.self)
        v.replace(with: I4(repeating: I32F32.oneRaw), where: v .> I4(repeating: I32F32.oneRaw))
        output.storeBytes(of: v, toByteOffset: e &* 8, as: I4.self)
      } else {
        for l in e..<(e &+ 4) { out[l] = entry(l) }
      }
      e &+= 4
    }
    for l in whole..<count { out[l] = entry(l) }
  }
}
