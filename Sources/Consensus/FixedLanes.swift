/// Fixed-point row operations four entries at a time, bit-identical to the scalar `I32F32`
/// operations (spec §0.3): integer lanes for products and sums, `Double` lanes for quotients.
/// Each operation takes its lanes only where every operand lies in the range its exactness
/// argument needs, and the scalar form for any other four entries and the last `count % 4`.
@usableFromInline
enum FixedLanes {
  @usableFromInline typealias U4 = SIMD4<UInt64>
  @usableFromInline typealias I4 = SIMD4<Int64>
  @usableFromInline typealias D4 = SIMD4<Double>

  /// 1.5·2⁵²: for an integer 0 ≤ x < 2⁵¹ the bits of this plus x are the double 1.5·2⁵² + x.
  /// (A computed constant: a stored static would be read through its lazy initialiser.)
  @inlinable @inline(__always) static var magic: D4 { D4(repeating: 0x1.8p52) }

  /// `lanes(e)` for each four entries e ..< e + 4 of 0 ..< count; where it returns false (it
  /// wrote nothing), `scalar(l)` for each of the four; `scalar` for the last `count % 4`.
  /// Callers pass local functions rather than closure literals: the compiler then inlines both
  /// into the loop (a literal was left as a call).
  @inlinable @inline(__always)
  static func forEachFour(count: Int, lanes: (Int) -> Bool, scalar: (Int) -> Void) {
    let whole = count & ~3
    var e = 0
    while e < whole {
      if !lanes(e) { for l in e..<(e &+ 4) { scalar(l) } }
      e &+= 4
    }
    for l in whole..<count { scalar(l) }
  }

  /// Integers 0 ≤ x < 2⁵¹ as doubles (exact).
  @inlinable @inline(__always)
  static func doubles(_ x: U4) -> D4 {
    unsafeBitCast(x &+ unsafeBitCast(magic, to: U4.self), to: D4.self) - magic
  }

  /// ⌊n / t⌋ for exact doubles n ≥ 0 and t > 0 whose quotient is below 2⁵⁰, as integers: the
  /// correctly rounded quotient q̃ is at least ⌊n/t⌋ and at most ⌊n/t⌋ + 1 (both are exact
  /// doubles and rounding is monotonic), so ⌊q̃⌋ is the floor unless ⌊q̃⌋·t exceeds n, which the
  /// sign of one fused multiply-add says exactly (the exact difference is rounded once, and
  /// rounding keeps the sign); the integer is read from the bits of 1.5·2⁵² plus it.
  @inlinable @inline(__always)
  static func flooredQuotients(_ n: D4, _ t: D4) -> U4 {
    var q = (n / t).rounded(.down)
    q.replace(with: q - D4(repeating: 1), where: (-n).addingProduct(q, t) .> D4(repeating: 0))
    return unsafeBitCast(q + magic, to: U4.self) &- unsafeBitCast(magic, to: U4.self)
  }

  /// Four products x·y at once for raw values below 2⁴⁷ (so non-negative, values below 2¹⁵), as
  /// `I32F32`'s `*` gives them: with x = xₕ·2³² + xₗ and y likewise, ⌊x·y / 2³²⌋ =
  /// xₕyₕ·2³² + xₕyₗ + xₗyₕ + ⌊xₗyₗ / 2³²⌋ exactly (the other terms are integers), each partial
  /// product of two 32-bit halves one lane multiply, the total below 2⁶² + 2⁴⁸ + 2³² (never
  /// saturating).
  @inlinable @inline(__always)
  static func product(_ x: U4, _ y: U4) -> U4 {
    let half = U4(repeating: 0xFFFF_FFFF)
    let xl = x & half
    let xh = x &>> 32
    let yl = y & half
    let yh = y &>> 32
    return ((xh &* yh) &<< 32) &+ xh &* yl &+ xl &* yh &+ ((xl &* yl) &>> 32)
  }

  /// Whether every lane of x and y is below 2^bits (so non-negative as raw values).
  @inlinable @inline(__always)
  static func below(_ bits: UInt64, _ x: U4, _ y: U4) -> Bool {
    all(((x | y) &>> bits) .== U4(repeating: 0))
  }

  /// Whether x and y are in ``product(_:_:)``'s range (below 2⁴⁷).
  @inlinable @inline(__always)
  static func inProductRange(_ x: U4, _ y: U4) -> Bool { below(47, x, y) }

  @inlinable @inline(__always)
  static func load(_ p: UnsafePointer<I32F32>, _ e: Int) -> U4 {
    UnsafeRawPointer(p).loadUnaligned(fromByteOffset: e &* 8, as: U4.self)
  }

  @inlinable @inline(__always)
  static func store(_ v: U4, _ p: UnsafeMutablePointer<I32F32>, _ e: Int) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, toByteOffset: e &* 8, as: U4.self)
  }
}

extension I32F32 {
  /// `out[e] = c₁ · x[e] + c₂ · y[e]` for `e < count` (`out` may be `x` or `y`), in lanes where
  /// every operand is in ``FixedLanes/product(_:_:)``'s range (the sum of two such products is
  /// below 2⁶³, so the saturating addition adds exactly); the same values as `*` and `+`.
  @inlinable
  static func combine(
    _ c1: I32F32, _ x: UnsafePointer<I32F32>, _ c2: I32F32, _ y: UnsafePointer<I32F32>, count: Int,
    into out: UnsafeMutablePointer<I32F32>
  ) {
    let k1 = FixedLanes.U4(repeating: UInt64(bitPattern: c1.raw))
    let k2 = FixedLanes.U4(repeating: UInt64(bitPattern: c2.raw))
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let a = FixedLanes.load(x, e)
      let b = FixedLanes.load(y, e)
      guard FixedLanes.inProductRange(a, k1) && FixedLanes.inProductRange(b, k2) else { return false }
      FixedLanes.store(FixedLanes.product(a, k1) &+ FixedLanes.product(b, k2), out, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      out[l] = c1 * x[l] + c2 * y[l]
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// `out[e] = x[e] · c` for `e < count` (`out` may be `x`), in lanes where the operands are in
  /// ``FixedLanes/product(_:_:)``'s range; the same values as `*`.
  @inlinable
  static func multiply(_ x: UnsafePointer<I32F32>, by c: I32F32, count: Int, into out: UnsafeMutablePointer<I32F32>) {
    let k = FixedLanes.U4(repeating: UInt64(bitPattern: c.raw))
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let a = FixedLanes.load(x, e)
      guard FixedLanes.inProductRange(a, k) else { return false }
      FixedLanes.store(FixedLanes.product(a, k), out, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      out[l] = x[l] * c
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// `out[e] = x[e] · y[e]` for `e < count`, in lanes where all eight operands are in
  /// ``FixedLanes/product(_:_:)``'s range; the same values as `*`.
  @inlinable
  static func multiply(
    _ x: UnsafePointer<I32F32>, _ y: UnsafePointer<I32F32>, count: Int, into out: UnsafeMutablePointer<I32F32>
  ) {
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let a = FixedLanes.load(x, e)
      let b = FixedLanes.load(y, e)
      guard FixedLanes.inProductRange(a, b) else { return false }
      FixedLanes.store(FixedLanes.product(a, b), out, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      out[l] = x[l] * y[l]
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// `r[e] = r[e] + c · x[e]` for `e < count`, in lanes where x and c are in
  /// ``FixedLanes/product(_:_:)``'s range and r is below 2⁶² (so non-negative): the product is
  /// below 2⁶², the sum below 2⁶³, and the saturating addition adds exactly; the same values as
  /// `*` and `+`.
  @inlinable
  static func addProducts(_ r: UnsafeMutablePointer<I32F32>, _ x: UnsafePointer<I32F32>, by c: I32F32, count: Int) {
    let k = FixedLanes.U4(repeating: UInt64(bitPattern: c.raw))
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let a = FixedLanes.load(x, e)
      let sum = FixedLanes.load(r, e)
      guard FixedLanes.inProductRange(a, k) && FixedLanes.below(62, sum, sum) else { return false }
      FixedLanes.store(sum &+ FixedLanes.product(a, k), r, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      r[l] = r[l] + c * x[l]
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// `s[e] = s[e] + x[e]` for `e < count` (with `keptOnly`, `+ (x[e] > 0 ? x[e] : 0)`), in lanes
  /// where all eight raw values are below 2⁶² (so non-negative: x > 0 ? x : 0 is x, and the sum
  /// is below 2⁶³, added exactly); the same values as `+`.
  @inlinable
  static func add(_ x: UnsafePointer<I32F32>, to s: UnsafeMutablePointer<I32F32>, count: Int, keptOnly: Bool) {
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let a = FixedLanes.load(x, e)
      let b = FixedLanes.load(s, e)
      guard FixedLanes.below(62, a, b) else { return false }
      FixedLanes.store(a &+ b, s, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      s[l] = s[l] + (keptOnly ? (x[l] > .zero ? x[l] : .zero) : x[l])
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// x[0] + … + x[count − 1] from 0 in that order, as `+` adds them: where every raw value is
  /// below 2^(63 − b), b the bit length of `count` (so non-negative, and every partial sum below
  /// 2⁶³ never saturates), the exact sum, taken in four lanes; else one by one.
  @inlinable
  static func sum(_ x: UnsafePointer<I32F32>, count: Int) -> I32F32 {
    var partial = FixedLanes.U4(repeating: 0)
    var bits = FixedLanes.U4(repeating: 0)
    var total: UInt64 = 0
    var union: UInt64 = 0
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let v = FixedLanes.load(x, e)
      partial &+= v
      bits |= v
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      total &+= UInt64(bitPattern: x[l].raw)
      union |= UInt64(bitPattern: x[l].raw)
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
    total &+= partial[0] &+ partial[1] &+ partial[2] &+ partial[3]
    union |= bits[0] | bits[1] | bits[2] | bits[3]
    let room = 63 &- (Int.bitWidth &- count.leadingZeroBitCount)
    if room > 0 && union >> UInt64(room) == 0 { return I32F32(raw: Int64(bitPattern: total)) }
    var s = I32F32.zero
    for l in 0..<count { s = s + x[l] }
    return s
  }

  /// ``EpochScalar/liquidExponents(_:weights:bonds:factor:half:count:entry:)`` in lanes where the
  /// consensus, weights and bonds are below 2⁴⁷ (raw, so non-negative: the differences and
  /// clamps are exact) and |factor| and |half| below 2⁴⁷ (so |d − half| too), else `entry` one
  /// by one. The floored product of the signs' magnitudes is ``FixedLanes/product(_:_:)``; a
  /// negative product is floored toward −∞: −(that + 1) when the magnitudes' product has a
  /// non-zero low word (the low word of the product of their low halves), else −that.
  @inlinable
  static func liquidExponents(
    _ v: UnsafeMutablePointer<I32F32>, weights w: UnsafePointer<I32F32>, bonds b: UnsafePointer<I32F32>,
    factor: I32F32, half: I32F32, count: Int, entry: (Int) -> I32F32
  ) {
    typealias U4 = FixedLanes.U4
    typealias I4 = FixedLanes.I4
    let zero = I4(repeating: 0)
    let one = I4(repeating: I32F32.oneRaw)
    let halfRaw = I4(repeating: half.raw)
    let x = I4(repeating: factor.raw)
    let xMagnitude = unsafeBitCast(x.replacing(with: zero &- x, where: x .< zero), to: U4.self)
    let xNegative = x .< zero
    let scalarsInRange = factor.raw.magnitude >> 47 == 0 && half.raw.magnitude >> 47 == 0
    let lowHalf = U4(repeating: 0xFFFF_FFFF)
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let cu = FixedLanes.load(v, e)
      let wu = FixedLanes.load(w, e)
      let bu = FixedLanes.load(b, e)
      guard scalarsInRange && FixedLanes.inProductRange(cu | wu, bu) else { return false }
      let c = unsafeBitCast(cu, to: I4.self)
      let wv = unsafeBitCast(wu, to: I4.self)
      let bv = unsafeBitCast(bu, to: I4.self)
      let buy = pointwiseMin(pointwiseMax(wv &- c, zero), one)
      let sell = pointwiseMin(pointwiseMax(bv &- wv, zero), one)
      let y = buy.replacing(with: sell, where: .!(wv .>= bv)) &- halfRaw
      let yMagnitude = unsafeBitCast(y.replacing(with: zero &- y, where: y .< zero), to: U4.self)
      let magnitude = unsafeBitCast(FixedLanes.product(xMagnitude, yMagnitude), to: I4.self)
      let lowWord = ((xMagnitude & lowHalf) &* (yMagnitude & lowHalf)) & lowHalf
      let carry = zero.replacing(with: I4(repeating: 1), where: unsafeBitCast(lowWord, to: I4.self) .!= zero)
      let floored = magnitude.replacing(with: zero &- (magnitude &+ carry), where: xNegative .^ (y .< zero))
      FixedLanes.store(unsafeBitCast(floored, to: U4.self), v, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      v[l] = entry(l)
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// ``EpochScalar/liquidEMA(exponentials:weights:bonds:low:high:count:into:entry:)`` in lanes
  /// where every operand allows it, else `entry` one by one. In lanes: an exponential x below
  /// 2⁵⁰ (raw, so non-negative) makes u = 1 + x an integer below 2⁵¹ without saturating, an
  /// exact `Double`, and safeDiv(1, u) = ⌊2⁶⁴/u⌋ ≤ 2³² is ``FixedLanes/flooredQuotients(_:_:)``;
  /// the products by ``FixedLanes/product(_:_:)`` with their operands in its range (high − low,
  /// the bond and the weight below 2⁴⁷, so non-negative; the rate and 1 − rate lie in
  /// [low, high] ⊆ [0, 1]), the sums below 2⁶³ (the saturating additions add exactly);
  /// max(r·w, 0) is the non-negative r·w.
  @inlinable
  static func liquidEMA(
    exponentials x: UnsafePointer<I32F32>, weights w: UnsafePointer<I32F32>, bonds b: UnsafePointer<I32F32>,
    low: I32F32, high: I32F32, count: Int, into out: UnsafeMutablePointer<I32F32>, entry: (Int) -> I32F32
  ) {
    typealias U4 = FixedLanes.U4
    typealias I4 = FixedLanes.I4
    let oneRaw = U4(repeating: UInt64(I32F32.oneRaw))
    let lowRaw = I4(repeating: low.raw)
    let highRaw = I4(repeating: high.raw)
    let span = U4(repeating: UInt64(bitPattern: (high - low).raw))
    let spanInRange = FixedLanes.inProductRange(span, span) && low.raw >= 0 && high.raw <= I32F32.oneRaw
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let ex = FixedLanes.load(x, e)
      let wv = FixedLanes.load(w, e)
      let bv = FixedLanes.load(b, e)
      guard spanInRange && FixedLanes.below(50, ex, ex) && FixedLanes.inProductRange(wv, bv) else { return false }
      let sigma = FixedLanes.flooredQuotients(FixedLanes.D4(repeating: 0x1p64), FixedLanes.doubles(oneRaw &+ ex))
      var rate = unsafeBitCast(FixedLanes.product(sigma, span), to: I4.self) &+ lowRaw
      rate.replace(with: lowRaw, where: rate .< lowRaw)
      rate.replace(with: highRaw, where: rate .> highRaw)
      let r = unsafeBitCast(rate, to: U4.self)
      var v = unsafeBitCast(FixedLanes.product(oneRaw &- r, bv) &+ FixedLanes.product(r, wv), to: I4.self)
      v.replace(with: I4(repeating: I32F32.oneRaw), where: v .> I4(repeating: I32F32.oneRaw))
      FixedLanes.store(unsafeBitCast(v, to: U4.self), out, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      out[l] = entry(l)
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }
}
