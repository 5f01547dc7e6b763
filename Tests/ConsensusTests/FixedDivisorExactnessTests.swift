import Testing

@testable import Consensus

/// A small deterministic generator (SplitMix64) for the exhaustive comparisons and samples of this
/// module's tests.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A value with exactly `bits` significant bits (1...63), or 0 for `bits == 0`.
  mutating func positive(bits: Int) -> Int64 {
    if bits == 0 { return 0 }
    let top: UInt64 = 1 << UInt64(bits - 1)
    return Int64(top | (next() & (top &- 1)))
  }
}

@Suite("The prepared fixed-point divisor and the u16 floor are bit-exact (spec §0.3)")
struct FixedDivisorExactnessTests {
  /// Divisors of every bit length (so every normalising shift, both dividend layouts and the
  /// saturation limit on either side of 2³²), with the edges of each length.
  private static func divisors(_ rng: inout SplitMix64) -> [Int64] {
    var result: [Int64] = [1, 2, 3, 65_535, 65_536, 1 << 32, (1 << 32) - 1, (1 << 32) + 1, .max, .max - 1]
    for bits in 1...63 {
      let low: Int64 = 1 << Int64(bits - 1)
      result += [low, low | (low &- 1)]
      for _ in 0..<6 { result.append(rng.positive(bits: bits)) }
    }
    return result
  }

  @Test("A prepared divisor divides like the 128-bit division for every divisor class and over two million dividends")
  func preparedDivisionMatchesFullDivision() {
    var rng = SplitMix64(state: 0x5EED_0016)
    var cases = 0
    for raw in Self.divisors(&rng) {
      let divisor = I32F32(raw: raw)
      let prepared = FixedDivisor(divisor)
      var dividends: [Int64] = [0, 1, 2, 65_535, 1 << 32, .max, .max - 1, raw, raw - 1, raw &+ 1]
      // Around the saturation threshold divisor · 2³¹.
      if raw < 1 << 32 {
        let edge = raw << 31
        dividends += [edge - 2, edge - 1, edge, edge + 1]
      }
      // u16 integers and stored u16 proportions, as the epoch divides them.
      for p in stride(from: 0, through: 65_535, by: 4_369) { dividends.append(Int64(p) << 32) }
      for bits in 0...63 {
        for _ in 0..<70 { dividends.append(rng.positive(bits: bits)) }
      }
      for x in dividends where x >= 0 {
        let a = I32F32(raw: x)
        let expected = a / divisor
        if prepared.divide(a) != expected || I32F32.divide(a, by: prepared) != expected {
          Issue.record("(\(x) · 2³²) / \(raw): prepared \(prepared.divide(a).raw), division \(expected.raw)")
          return
        }
        // The scalar path also takes negative dividends (through the full division).
        if x > 0 && I32F32.divide(I32F32(raw: -x), by: prepared) != I32F32(raw: -x) / divisor {
          Issue.record("(−\(x) · 2³²) / \(raw) differs")
          return
        }
        cases += 1
      }
    }
    #expect(cases > 2_000_000)
  }

  @Test("The u16 floor equals the saturating product with 65535 then the floor, on every edge and a million raw values")
  func u16FloorMatchesProduct() {
    func reference(_ x: I32F32) -> UInt16 { (x * I32F32(integer: 65_535)).flooredU16 }
    var raws: [Int64] = [.min, .min + 1, -1, 0, 1, I32F32.oneRaw - 1, I32F32.oneRaw, I32F32.oneRaw + 1, .max, .max - 1]
    for k in 0...65_535 {
      // k/65535 read back as stored, and its neighbours.
      let p = I32F32.proportion(u16: UInt16(k)).raw
      raws += [p - 1, p, p + 1]
    }
    var rng = SplitMix64(state: 0x0016_F100)
    for bits in 0...63 {
      for _ in 0..<8_000 {
        let v = rng.positive(bits: bits)
        raws += [v, -v]
      }
    }
    var mismatches = 0
    for raw in raws where I32F32(raw: raw).u16Proportion != reference(I32F32(raw: raw)) { mismatches += 1 }
    #expect(mismatches == 0)
    #expect(raws.count > 1_000_000)
  }
}
