import Testing

@testable import Consensus

/// The fixed-point row operations that run four entries at a time (divisions in `Double` lanes,
/// products in 64-bit lanes, liquid alpha's EMA) give the scalar operations' values bit for bit,
/// in lanes and where a lane falls back to the scalar form.
@Suite("Fixed-point row operations in lanes equal the scalar operations (spec §0.3)")
struct FixedLanesTests {
  /// Raw values of every bit length and sign, with the edges the lanes test against.
  private static func raws(_ rng: inout SplitMix64, perLength: Int) -> [Int64] {
    var result: [Int64] = [0, 1, -1, I32F32.oneRaw, I32F32.oneRaw - 1, 1 << 47, (1 << 47) - 1, 1 << 50, (1 << 51) - 1,
                           1 << 51, .max, .min]
    for bits in 1...63 {
      for _ in 0..<perLength {
        let v = rng.positive(bits: bits)
        result += [v, rng.next() & 7 == 0 ? -v : v]
      }
    }
    return result
  }

  @Test("Row quotients equal the prepared division entry by entry, near-integer quotients and fallbacks included")
  func quotientsMatchDivision() {
    var rng = SplitMix64(state: 0x1A4E_0001)
    var divisors: [FixedDivisor] = []
    var dividends: [I32F32] = []
    // Divisors of every length (exact doubles and not), each with dividends of every length.
    for raw in Self.raws(&rng, perLength: 3) where raw > 0 {
      let divisor = FixedDivisor(I32F32(raw: raw))
      for x in Self.raws(&rng, perLength: 1) {
        divisors.append(divisor)
        dividends.append(I32F32(raw: x))
      }
      // Dividends whose quotient x·2³²/t lies within 2⁻³² of an integer q below 2⁵⁰: where a
      // rounded quotient can land on q + 1.
      for _ in 0..<40 {
        let q = rng.next() >> UInt64(14 + rng.next() % 50)
        let (high, low) = q.multipliedFullWidth(by: UInt64(raw))
        if high >> 32 != 0 { continue }
        let x = Int64(bitPattern: (high << 32) | (low >> 32))
        for delta: Int64 in [-1, 0, 1] where x &+ delta >= 0 {
          divisors.append(divisor)
          dividends.append(I32F32(raw: x &+ delta))
        }
      }
    }
    // Neighbouring lanes from different divisors.
    var order = Array(divisors.indices)
    for i in order.indices.reversed() where i > 0 { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
    let mixedDivisors = order.map { divisors[$0] }
    let mixedDividends = order.map { dividends[$0] }
    for (d, x) in [(divisors, dividends), (mixedDivisors, mixedDividends)] {
      var out = [I32F32](repeating: .zero, count: x.count)
      FixedDivisor.quotients(x, by: d, count: x.count - 3, into: &out)  // a tail of 1 to 3 entries
      var mismatches = 0
      for e in 0..<(x.count - 3) where out[e] != d[e].divide(x[e]) { mismatches += 1 }
      #expect(mismatches == 0)
      #expect(x.count > 40_000)
    }
  }

  @Test("Products, scaled rows and two-term combinations equal the saturating floored product and sum")
  func productsMatchScalar() {
    var rng = SplitMix64(state: 0x1A4E_0002)
    let values = Self.raws(&rng, perLength: 40).map { I32F32(raw: $0) }
    // In range (below 2⁴⁷) more often than not, as epoch values are.
    let small = values.map { I32F32(raw: $0.raw & ((1 << 40) - 1)) }
    for (x, y) in [(values, values.reversed()), (small, small.reversed()), (small, values)] {
      let count = x.count - 2
      var out = [I32F32](repeating: .zero, count: x.count)
      I32F32.multiply(x, Array(y), count: count, into: &out)
      #expect((0..<count).allSatisfy { out[$0] == x[$0] * y[$0] })
      for c in [I32F32.zero, .one, I32F32(raw: 3), I32F32(raw: -5), I32F32(raw: (1 << 47) - 1), I32F32(raw: 1 << 47)] {
        I32F32.multiply(x, by: c, count: count, into: &out)
        #expect((0..<count).allSatisfy { out[$0] == x[$0] * c })
        let c2 = I32F32.one - c
        I32F32.combine(c, x, c2, Array(y), count: count, into: &out)
        #expect((0..<count).allSatisfy { out[$0] == c * x[$0] + c2 * y[$0] })
      }
    }
  }

  @Test("Row sums and added products equal the saturating additions in order, saturation and negative terms included")
  func sumsMatchScalar() {
    var rng = SplitMix64(state: 0x1A4E_0004)
    let values = Self.raws(&rng, perLength: 20).map { I32F32(raw: $0) }
    var rows: [[I32F32]] = [[], [.one], values, values.map { I32F32(raw: $0.raw & ((1 << 40) - 1)) }]
    // Long rows just below and at the lanes' bound for their length (2^(63 − bit length)).
    for count in [3, 4, 255, 256, 1_000] {
      let bits = Int.bitWidth - count.leadingZeroBitCount
      rows.append((0..<count).map { _ in I32F32(raw: Int64(rng.next() >> UInt64(bits + 1))) })
      rows.append((0..<count).map { e in I32F32(raw: e == count / 2 ? 1 << (63 - bits) : 1) })
      rows.append((0..<count).map { _ in I32F32(raw: Int64.max / 3) })
    }
    for row in rows {
      var expected = I32F32.zero
      for x in row { expected = expected + x }
      #expect(I32F32.sum(row, count: row.count) == expected)
    }
    for c in [I32F32.one, I32F32(raw: 12_345), I32F32(raw: 1 << 47)] {
      let x = values.map { I32F32(raw: $0.raw & ((1 << 46) - 1)) }
      var r = values.reversed().map { I32F32(raw: $0.raw >> 2) }
      let expected = (0..<x.count).map { r[$0] + c * x[$0] }
      I32F32.addProducts(&r, x, by: c, count: x.count)
      #expect(r == expected)
    }
  }

  @Test("Liquid alpha's exponents in lanes equal the sigmoid's scalar exponent for either sign of the steepness")
  func liquidExponentsMatchScalar() {
    var rng = SplitMix64(state: 0x1A4E_0005)
    let n = 4_097
    func value(_ bits: Int) -> I32F32 { I32F32(raw: rng.positive(bits: bits)) }
    let consensus = (0..<n).map { e in e % 101 == 0 ? value(48) : value(Int(rng.next() % 34)) }
    let weights = (0..<n).map { e in e % 89 == 0 ? I32F32(raw: -3) : value(Int(rng.next() % 34)) }
    let bonds = (0..<n).map { e in e % 7 == 0 ? weights[e] : value(Int(rng.next() % 34)) }
    let half = I32F32.from(0.5)
    for steepness: Int64 in [1_000, 10, 1, 0, -250, 65_535, 1 << 40] {
      let factor = I32F32.safeDiv(I32F32.integer(steepness), I32F32.integer(-100))
      func entry(_ e: Int) -> I32F32 {
        let c = consensus[e]
        let w = weights[e]
        let b = bonds[e]
        let buy = min(max(w - c, .zero), .one)
        let sell = min(max(b - w, .zero), .one)
        return factor * ((w >= b ? buy : sell) - half)
      }
      var v = consensus
      I32F32.liquidExponents(&v, weights: weights, bonds: bonds, factor: factor, half: half, count: n, entry: entry)
      #expect((0..<n).allSatisfy { v[$0] == entry($0) }, "steepness \(steepness)")
    }
  }

  @Test("Liquid alpha's EMA in lanes equals its scalar form for exponentials, weights and bonds of every size")
  func liquidEMAMatchesScalar() {
    var rng = SplitMix64(state: 0x1A4E_0003)
    let n = 4_099
    func value(_ bits: Int) -> I32F32 { I32F32(raw: rng.positive(bits: bits)) }
    let exponentials = (0..<n).map { e in e % 97 == 0 ? I32F32(raw: 1 << 50) : value(1 + Int(rng.next() % 56)) }
    let weights = (0..<n).map { e in e % 89 == 0 ? value(48) : value(Int(rng.next() % 34)) }
    let bonds = (0..<n).map { e in e % 83 == 0 ? I32F32(raw: -1) : value(Int(rng.next() % 34)) }
    let bounds: [(UInt16, UInt16)] = [(0, 65_535), (45_875, 58_982), (655, 64_880), (30_000, 30_000), (50_000, 10_000)]
    for (lowU16, highU16) in bounds {
      let low = I32F32.fraction65535(lowU16)
      let high = I32F32.fraction65535(highU16)
      func entry(_ e: Int) -> I32F32 {
        let sigma = I32F32.safeDiv(.one, .one + exponentials[e])
        let alpha = low + sigma * (high - low)
        let rate = alpha < low ? low : (alpha > high ? high : alpha)
        return min((I32F32.one - rate) * bonds[e] + max(rate * weights[e], .zero), I32F32.one)
      }
      var out = [I32F32](repeating: .zero, count: n)
      I32F32.liquidEMA(
        exponentials: exponentials, weights: weights, bonds: bonds, low: low, high: high, count: n, into: &out,
        entry: entry)
      #expect((0..<n).allSatisfy { out[$0] == entry($0) }, "α bounds \(lowU16), \(highU16)")
    }
  }
}
