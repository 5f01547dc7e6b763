/// A precomputed divisor for many fixed-point divisions `(x · 2³²) / d` by the same positive `d`
/// (one row or column sum), bit-identical to `I32F32./`.
///
/// Uses the 2-by-1 division by an invariant integer of Möller & Granlund ("Improved division by
/// invariant integers", IEEE TC 2011): one reciprocal per divisor, then two multiplications and at
/// most two corrections per quotient instead of a hardware 128/64 division.
@usableFromInline
struct FixedDivisor {
  /// The divisor shifted left so its top bit is set.
  @usableFromInline let d: UInt64
  /// The normalising shift (leading zero bits of the original divisor).
  @usableFromInline let shift: Int
  /// ⌊(2¹²⁸ − 1) / d⌋ − 2⁶⁴.
  @usableFromInline let v: UInt64
  /// The smallest raw dividend whose quotient saturates: min(divisor · 2³¹, 2⁶³). One comparison
  /// replaces the dividend's sign test, the high-word test and the quotient's overflow test.
  @usableFromInline let limit: UInt64
  /// The divisor as a `Double` if that is exact (at most 53 significant bits), else NaN
  /// (``quotients(_:by:count:into:)``).
  @usableFromInline let real: Double

  /// Prepares division by `divisor` (> 0).
  @inlinable
  init(_ divisor: I32F32) {
    precondition(divisor.raw > 0, "FixedDivisor needs a positive divisor")
    let raw = UInt64(divisor.raw)
    shift = raw.leadingZeroBitCount
    d = raw << UInt64(shift)
    v = d.dividingFullWidth((high: ~d, low: UInt64.max)).quotient
    limit = raw < 1 << 32 ? raw << 31 : 1 << 63
    real = raw >> UInt64(raw.trailingZeroBitCount) < 1 << 53 ? Double(raw) : .nan
  }

  /// `out[e] = d[e].divide(x[e])` for `e < count`, in `Double` lanes where all four raw
  /// dividends a are below 2⁵¹ (so non-negative) and a·2³² is below t·2⁵⁰, t the raw divisor:
  /// there a, t (``real``; a NaN fails the test) and the numerator a·2³² are exact doubles, and
  /// the quotient is below 2⁵⁰, far from saturating: ``FixedLanes/flooredQuotients(_:_:)``.
  /// The same values as ``divide(_:)`` entry by entry.
  @inlinable
  static func quotients(
    _ x: UnsafePointer<I32F32>, by d: UnsafePointer<FixedDivisor>, count: Int, into out: UnsafeMutablePointer<I32F32>
  ) {
    @inline(__always) func lanes(_ e: Int) -> Bool {
      let a = FixedLanes.load(x, e)
      let t = FixedLanes.D4(d[e].real, d[e &+ 1].real, d[e &+ 2].real, d[e &+ 3].real)
      let numerator = FixedLanes.doubles(a) * FixedLanes.D4(repeating: 4_294_967_296.0)
      guard FixedLanes.below(51, a, a) && all(numerator .< t * FixedLanes.D4(repeating: 0x1p50)) else { return false }
      FixedLanes.store(FixedLanes.flooredQuotients(numerator, t), out, e)
      return true
    }
    @inline(__always) func scalar(_ l: Int) {
      out[l] = d[l].divide(x[l])
    }
    FixedLanes.forEachFour(count: count, lanes: lanes, scalar: scalar)
  }

  /// `x / divisor` as `I32F32./`: `(x · 2³²) / divisor`, truncated, saturating at `Int64.max`.
  ///
  /// The quotient is ≥ 2⁶³ exactly when x ≥ divisor · 2³¹, so after the `limit` test the
  /// normalised dividend's high word is below `d` and the quotient fits in 63 bits. A negative
  /// dividend (whose bit pattern is ≥ 2⁶³ ≥ `limit`) leaves the fast path at the same test and
  /// takes the full division.
  @inlinable @inline(__always)
  func divide(_ x: I32F32) -> I32F32 {
    let a = UInt64(truncatingIfNeeded: x.raw)
    if a >= limit {
      return x.raw < 0 ? x / I32F32(raw: Int64(d >> UInt64(shift))) : I32F32(raw: .max)
    }
    return quotient(a)
  }

  /// ⌊a · 2³² / divisor⌋ for a dividend below `limit`.
  @inlinable @inline(__always)
  func quotient(_ a: UInt64) -> I32F32 {
    // Dividend a · 2^(32 + shift) as (u1, u0). The branch depends on the divisor only (below
    // or above 1), so it is predicted; the branch-free two-word shift costs more instructions.
    let total = 32 + shift
    let u1: UInt64
    let u0: UInt64
    if total >= 64 {
      u1 = a << UInt64(total - 64)
      u0 = 0
    } else {
      u1 = a >> UInt64(64 - total)
      u0 = a << UInt64(total)
    }
    // Möller–Granlund udiv_qrnnd_preinv.
    let (ph, pl) = v.multipliedFullWidth(by: u1)
    let (lo, carry) = pl.addingReportingOverflow(u0)
    var q1 = ph &+ u1 &+ 1 &+ (carry ? 1 : 0)
    let q0 = lo
    var r = u0 &- q1 &* d
    if r > q0 {
      q1 &-= 1
      r &+= d
    }
    if r >= d {
      q1 &+= 1
    }
    return I32F32(raw: Int64(truncatingIfNeeded: q1))
  }
}

/// An unsigned 128-bit integer as two words, with just the operations the stake normalisation
/// needs (spec §3.2: I64F64 stake weights).
@usableFromInline
struct Wide128: Comparable {
  @usableFromInline var hi: UInt64
  @usableFromInline var lo: UInt64

  @inlinable init(hi: UInt64, lo: UInt64) {
    self.hi = hi
    self.lo = lo
  }

  @inlinable static func < (a: Wide128, b: Wide128) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }

  /// Saturating addition.
  @inlinable static func + (a: Wide128, b: Wide128) -> Wide128 {
    let (lo, c) = a.lo.addingReportingOverflow(b.lo)
    let (h1, o1) = a.hi.addingReportingOverflow(b.hi)
    let (h2, o2) = h1.addingReportingOverflow(c ? 1 : 0)
    return (o1 || o2) ? Wide128(hi: .max, lo: .max) : Wide128(hi: h2, lo: lo)
  }

  /// Wrapping subtraction (callers guarantee a ≥ b).
  @inlinable static func - (a: Wide128, b: Wide128) -> Wide128 {
    let (lo, borrow) = a.lo.subtractingReportingOverflow(b.lo)
    return Wide128(hi: a.hi &- b.hi &- (borrow ? 1 : 0), lo: lo)
  }

  /// `x · y` for 64-bit operands.
  @inlinable static func product(_ x: UInt64, _ y: UInt64) -> Wide128 {
    let (h, l) = x.multipliedFullWidth(by: y)
    return Wide128(hi: h, lo: l)
  }

  /// `self · m` assuming no overflow past 128 bits.
  @inlinable func times(_ m: UInt64) -> Wide128 {
    let low = Wide128.product(lo, m)
    let high = hi &* m
    return Wide128(hi: low.hi &+ high, lo: low.lo)
  }

  @inlinable @inline(__always) func shiftedLeft(_ s: Int) -> Wide128 {
    if s == 0 { return self }
    if s >= 64 { return Wide128(hi: lo << UInt64(s - 64), lo: 0) }
    return Wide128(hi: (hi << UInt64(s)) | (lo >> UInt64(64 - s)), lo: lo << UInt64(s))
  }

  @inlinable @inline(__always) func shiftedRight(_ s: Int) -> Wide128 {
    if s == 0 { return self }
    if s >= 64 { return Wide128(hi: 0, lo: hi >> UInt64(s - 64)) }
    return Wide128(hi: hi >> UInt64(s), lo: (lo >> UInt64(s)) | (hi << UInt64(64 - s)))
  }

  /// ⌊self / divisor⌋ for a non-zero divisor when the quotient is known to be < 2³⁴ and
  /// `divisor < 2⁹⁴` (so quotient · divisor fits in 128 bits), the divisor's estimate prepared
  /// once (one total, many stakes).
  @inlinable @inline(__always) func dividedSmallQuotient(by d: SmallQuotientDivisor) -> UInt64 {
    let divisor = d.divisor
    if divisor.hi == 0 {
      return divisor.lo.dividingFullWidth((high: hi, low: lo)).quotient
    }
    // Estimate with both operands shifted so the divisor fits in one word, then correct.
    let nTop = shiftedRight(d.shift)
    var q: UInt64 = nTop.hi >= d.top ? UInt64.max >> 30 : d.top.dividingFullWidth((high: nTop.hi, low: nTop.lo)).quotient
    while self < divisor.times(q) { q -= 1 }
    while !(self < divisor.times(q + 1)) { q += 1 }
    return q
  }
}

/// A non-zero divisor of ``Wide128/dividedSmallQuotient(by:)`` (spec §3.2's stake total) with its
/// estimate prepared: the shift that makes it fit in one word, and that word.
@usableFromInline
struct SmallQuotientDivisor {
  @usableFromInline let divisor: Wide128
  /// 0 when the divisor fits in one word.
  @usableFromInline let shift: Int
  /// The divisor shifted right by ``shift``.
  @usableFromInline let top: UInt64

  @inlinable init(_ divisor: Wide128) {
    self.divisor = divisor
    shift = divisor.hi == 0 ? 0 : 64 - divisor.hi.leadingZeroBitCount
    top = divisor.shiftedRight(shift).lo
  }
}
