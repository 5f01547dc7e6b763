import Testing

@testable import Consensus

@Suite("I32F32 arithmetic follows the chain's rounding (spec §0.3)")
struct FixedPointTests {

  @Test("Multiplication floors toward −∞ and division truncates toward zero")
  func rounding() {
    let third = I32F32.one / I32F32(integer: 3)
    #expect(third.raw == 1_431_655_765)  // ⌊2³²/3⌋
    #expect((I32F32(integer: -1) / I32F32(integer: 3)).raw == -1_431_655_765)  // toward zero
    let tiny = I32F32(raw: 1)
    #expect((tiny * I32F32(raw: 1 << 31)).raw == 0)  // ½ ulp floors to 0
    #expect((I32F32(raw: -1) * I32F32(raw: 1 << 31)).raw == -1)  // −½ ulp floors to −1 ulp
    #expect((I32F32.one / .zero) == .zero)  // safe division
  }

  @Test("A prepared divisor gives exactly the same quotients as division", arguments: [1, 3, 7, 65_535, 1 << 20, 123_456_789])
  func preparedDivisor(denominatorRaw: Int64) {
    let d = I32F32(raw: denominatorRaw * 977)
    let prepared = FixedDivisor(d)
    var x: Int64 = 0
    for step in 0..<2_000 {
      x = (x &* 6_364_136_223 &+ Int64(step) &* 1_442_695_041) & ((1 << 40) - 1)
      let value = I32F32(raw: x % (d.raw * 3 + 1))
      #expect(prepared.divide(value) == value / d, "x = \(value.raw), d = \(d.raw)")
    }
  }

  @Test("1/10 of the stake in I64F64 truncated to I32F32 is 0.0999999999767 (spec §3.2)")
  func stakeTruncation() {
    let stakes = (0..<10).map { _ in Wide128(hi: 0, lo: 1 << 32) }  // ten UIDs with 1 base unit each
    let shares = I32F32.stakeShares(stakes)
    #expect(shares.allSatisfy { $0.raw == 429_496_729 })
    #expect(shares[0].baseUnits(of: 1_000_000_000) == 99_999_999)
  }

  @Test("Stakes of realistic size (> 2⁶⁴ in 2⁻³² units) normalise exactly")
  func largeStakes() {
    let alpha: [UInt64] = [21_000_000_000_000_000, 7_000_000_000_000_001, 3]
    let wide = alpha.map { Wide128(hi: $0 >> 32, lo: $0 << 32) }
    let shares = I32F32.stakeShares(wide)
    let total = alpha.reduce(0, +)
    for (i, a) in alpha.enumerated() {
      // ⌊a·2³²/total⌋ computed independently with full-width arithmetic.
      let (hi, lo) = a.multipliedFullWidth(by: 1 << 32)
      let expected = total.dividingFullWidth((high: hi, low: lo)).quotient
      #expect(UInt64(shares[i].raw) == expected)
    }
  }

  @Test("Stored proportions round-trip through floor(x·65535)")
  func quantisation() {
    #expect(I32F32.one.u16Proportion == 65_535)
    #expect(I32F32.proportion(u16: 32_767).u16Proportion == 32_766)  // truncating read, floor write
    #expect(1.0.u16Proportion == 65_535)
    #expect((-0.1).u16Proportion == 0)
    #expect((2.0).u16Proportion == 65_535)
  }
}

@Suite("Weight storage (spec §3.5)")
struct WeightStorageTests {
  @Test("Max-upscaling rounds half away from zero")
  func maxUpscale() {
    #expect(WeightStorage.maxUpscale([43_690, 21_845]) == [65_535, 32_768])
    #expect(WeightStorage.maxUpscale([1, 2]) == [32_768, 65_535])
    #expect(WeightStorage.maxUpscale([0, 0]) == [0, 0])
    #expect(WeightStorage.maxUpscale([]) == [])
    #expect(WeightStorage.maxUpscale([65_535, 0, 7]) == [65_535, 0, 7])
  }
}
