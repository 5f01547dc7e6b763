import NetworkModel
import Testing

@testable import Emission

@Suite("Halving schedule (spec §9.1)")
struct HalvingTests {
  let tao = HalvingSchedule()
  let TAO: UInt64 = 1_000_000_000

  @Test func eraThresholdsAreTheDocumentedIssuances() {
    #expect(tao.threshold(1) == 10_500_000 * TAO)
    #expect(tao.threshold(2) == 15_750_000 * TAO)
    #expect(tao.threshold(3) == 18_375_000 * TAO)
    #expect(tao.blockEmission(0) == TAO)
    #expect(tao.blockEmission(10_500_000 * TAO - 1) == TAO)
    #expect(tao.blockEmission(10_500_000 * TAO) == TAO / 2)
    #expect(tao.blockEmission(15_750_000 * TAO) == TAO / 4)
    #expect(tao.blockEmission(21_000_000 * TAO) == 0)
  }

  @Test func advancingAcrossAHalvingMatchesTheHandCount() {
    // 2.5 TAO below the first halving: three blocks at 1 TAO (the third starts below the
    // threshold), then two at 0.5 TAO.
    let start = 10_500_000 * TAO - 5 * TAO / 2
    #expect(tao.advance(start, blocks: 5) == 10_500_000 * TAO + 3 * TAO / 2)
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func theClosedFormEqualsBlockByBlockIteration(seed: UInt64) {
    var x = StableHashLike.next(seed) % (21_000_000 * TAO)
    let blocks = Int64(StableHashLike.next(seed &+ 99) % 20_000)
    // Put some starts right below a threshold.
    if seed % 2 == 0 { x = tao.threshold(Int(seed % 5) + 1) - UInt64(blocks) * 3 / 4 * (TAO >> (seed % 5)) }
    var stepped = x
    for _ in 0..<blocks { stepped += tao.blockEmission(stepped) }
    #expect(tao.advance(x, blocks: blocks) == stepped)
  }

  @Test func issuanceNeverPassesTheCap() {
    let near = 21_000_000 * TAO - 10
    #expect(tao.advance(near, blocks: 1_000_000_000) <= 21_000_000 * TAO)
  }
}

/// A tiny deterministic mixer for test inputs.
enum StableHashLike {
  static func next(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
