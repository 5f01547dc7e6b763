#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CGSL

/// `gsl_ran_geometric` for one fixed success probability, value for value, without a `log` on
/// almost every draw.
///
/// GSL draws a 32-bit word n ≠ 0 (`gsl_rng_uniform_pos`: u = n / 2³²) and returns
/// k(n) = ⌊log(u) / log(1 − p) + 1⌋. That k is a non-increasing step function of n: consecutive
/// words give logarithms at least 2⁻³² / u apart, far more than libm's sub-ulp error, so the
/// computed `log` is strictly increasing in n, and division by the negative constant, `+ 1` and
/// truncation keep the order. A step function is a table lookup:
/// - the words with fewer than `levels` leading zeros (all but one in 2¹⁰) are split into buckets
///   by their leading-zero count and the next `fractionBits` bits, buckets of constant relative
///   width; each stores the smallest k it can give, flagged when its largest k differs;
/// - for a flagged bucket, `thresholds[j]` — the smallest word with k ≤ j, found by bisection on
///   the exact formula — settles the draw in one or two comparisons;
/// - the remaining words (u < 2⁻¹⁰) take the exact formula itself.
/// Every table entry comes from the exact formula evaluated with the same libm `log` GSL calls,
/// so a draw equals `RandomStream.geometric(p:)` on the same stream state (tested draw for draw
/// and at every threshold).
public struct GeometricSampler: Sendable {
  /// The success probability.
  public let p: Double
  @usableFromInline let logQ: Double
  /// False when k could overflow 32 bits or p = 1: every draw then goes to GSL.
  @usableFromInline let tabulated: Bool
  @usableFromInline let table: [UInt32]
  @usableFromInline let thresholds: [UInt32]

  @usableFromInline static var levels: Int { 10 }
  /// 2¹¹ buckets a level (an 80 KB table): fewer buckets hold two values of k, which costs a
  /// mispredicted branch each; 2¹⁰ were about 2 % slower on the engine benchmark, 2⁹ and 2⁸ more.
  @usableFromInline static var fractionBits: Int { 11 }
  @usableFromInline static var ambiguous: UInt32 { 1 << 31 }

  /// Prepares the tables for success probability `p` (0 < p ≤ 1).
  public init(p: Double) {
    precondition(p > 0 && p <= 1, "geometric success probability must be in (0, 1], got \(p)")
    self.p = p
    logQ = log(1 - p)
    // The largest k any word can give: n = 1, log(2⁻³²) ≈ −22.2.
    tabulated = p < 1 && 23 / -logQ + 1 < Double(1 << 30)
    guard tabulated else {
      table = []
      thresholds = []
      return
    }
    let levels = Self.levels, bits = Self.fractionBits
    var table = [UInt32](repeating: 0, count: levels << bits)
    var largestK: UInt32 = 1
    for zeros in 0..<levels {
      for fraction in 0..<(1 << bits) {
        let low = UInt32((1 << bits | fraction) << (31 - bits)) >> UInt32(zeros)
        let high = low + ((UInt32(1) << UInt32(31 - bits - zeros)) - 1)
        let kLow = Self.exact(high, logQ: logQ), kHigh = Self.exact(low, logQ: logQ)
        largestK = max(largestK, kHigh)
        table[zeros << bits | fraction] = kLow == kHigh ? kLow : kLow | Self.ambiguous
      }
    }
    // thresholds[j]: the smallest word n ≥ 1 with k(n) ≤ j (k(2³² − 1) = 1 bounds it).
    var thresholds = [UInt32](repeating: 0, count: Int(largestK) + 2)
    for j in 1..<thresholds.count {
      var lo: UInt32 = 1, hi: UInt32 = .max
      while lo < hi {
        let mid = lo + (hi - lo) / 2
        if Self.exact(mid, logQ: logQ) <= UInt32(j) { hi = mid } else { lo = mid + 1 }
      }
      thresholds[j] = lo
    }
    self.table = table
    self.thresholds = thresholds
  }

  /// GSL's formula for word `n` ≠ 0: `log(u) / log(1 − p) + 1`, truncated as C truncates.
  @inlinable static func exact(_ n: UInt32, logQ: Double) -> UInt32 {
    UInt32(log(Double(n) / 4_294_967_296.0) / logQ + 1)
  }

  /// The next draw from `stream`: the same value and the same state change as
  /// `stream.geometric(p: p)`.
  @inlinable public func next(_ stream: RandomStream) -> Int {
    guard tabulated else { return stream.geometric(p: p) }
    var n = stream.nextWord()
    while n == 0 { n = stream.nextWord() }
    return value(ofWord: n)
  }

  /// The draw for the 32-bit word `n` ≠ 0 (tabulated path). - Precondition: `tabulated`.
  @inlinable @inline(__always) func value(ofWord n: UInt32) -> Int {
    let zeros = n.leadingZeroBitCount
    guard zeros < Self.levels else { return Int(Self.exact(n, logQ: logQ)) }
    let fraction = Int((n << UInt32(zeros)) >> UInt32(31 - Self.fractionBits)) & (1 << Self.fractionBits - 1)
    let entry = table.withUnsafeBufferPointer { $0[zeros << Self.fractionBits | fraction] }
    if entry & Self.ambiguous == 0 { return Int(entry) }
    return thresholds.withUnsafeBufferPointer { t in
      var k = Int(entry & ~Self.ambiguous)
      while n < t[k] { k += 1 }
      return k
    }
  }
}
