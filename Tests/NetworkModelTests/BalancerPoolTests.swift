import Testing

@testable import NetworkModel

/// The Balancer weighted pool with its swap fee (spec §17.6), on hand-checked numbers.
@Suite("Balancer pool and swap fee")
struct BalancerPoolTests {
  /// w₂ = ¼ as a Perquintill.
  static let quarter: UInt64 = 250_000_000_000_000_000

  @Test func thePriceIsTheWeightRatioTimesTheReserveRatio() {
    // p = (w₁/w₂)(y/x) = (0.75/0.25)·(1 000/1 000) = 3.
    let pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 1_000_000_000_000, taoWeight: Self.quarter)
    #expect(pool.spotPrice == 3)
    #expect(LiquidityPool(taoReserve: 300, alphaReserve: 600).spotPrice == 0.5)
  }

  @Test func aWeightedBuyPaysXTimesOneMinusTheReserveRatioToTheWeightRatio() {
    // w₂/w₁ = 1/3; y/(y+Δ) = 1/8, (1/8)^(1/3) = ½ ⇒ Δx = x/2 (within one base unit of rounding).
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 1_000_000_000_000, taoWeight: Self.quarter)
    let out = pool.buyAlpha(tao: 7_000_000_000_000)
    #expect(out >= 499_999_999_999 && out <= 500_000_000_000)
    #expect(pool.taoReserve == 8_000_000_000_000 && pool.alphaReserve == 1_000_000_000_000 - out)
  }

  @Test func aWeightedSellPaysYTimesOneMinusTheReserveRatioToTheInverseWeightRatio() {
    // w₁/w₂ = 3; x/(x+Δ) = ½, ½³ = 1/8 ⇒ Δy = 7/8 · 8 000 TAO = 7 000 TAO (within one base unit).
    var pool = LiquidityPool(taoReserve: 8_000_000_000_000, alphaReserve: 1_000_000_000_000, taoWeight: Self.quarter)
    let out = pool.sellAlpha(alpha: 1_000_000_000_000)
    #expect(out >= 6_999_999_999_999 && out <= 7_000_000_000_000)
  }

  @Test func evenWeightsGiveTheExactConstantProductAmounts() {
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 2_000_000_000_000)
    // ⌊2 000e9 · 10e9 / 1 010e9⌋.
    #expect(pool.buyAlpha(tao: 10_000_000_000) == 19_801_980_198)
  }

  @Test func aBuyPaysTheFeeOfThirtyThreeIn65535OutsideThePool() {
    // f = ⌊65 535 000 · 33/65 535⌋ = 33 000; the net 65 502 000 buys ⌊2e12 · 65 502 000 / (1e12 + 65 502 000)⌋.
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 2_000_000_000_000)
    let (alpha, fee) = pool.buyAlphaPayingFee(tao: 65_535_000)
    #expect(fee == 33_000)
    #expect(alpha == 130_995_419)
    #expect(pool.taoReserve == 1_000_000_000_000 + 65_502_000)
  }

  @Test func aSaleSellsTheNetAlphaThenReswapsTheFeeAlphaFeeFree() {
    // Net 65 502 000 alpha sells for ⌊1e12 · 65 502 000 / (2e12 + 65 502 000)⌋ = 32 749 927; the
    // 33 000 fee alpha then enters x and its 16 498 TAO go to the author.
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 2_000_000_000_000)
    let (tao, fee) = pool.sellAlphaPayingFee(alpha: 65_535_000)
    #expect(tao == 32_749_927 && fee == 16_498)
    #expect(pool.alphaReserve == 2_000_000_000_000 + 65_535_000)
    #expect(pool.taoReserve == 1_000_000_000_000 - 32_749_927 - 16_498)
  }

  @Test func aPoolWithoutAFeeRateChargesNothing() {
    var pool = LiquidityPool(taoReserve: 1_000, alphaReserve: 1_000, kind: .constantProduct, feeRate: 0)
    let fee = pool.buyAlphaPayingFee(tao: 100).fee
    #expect(fee == 0)
  }

  @Test func anOffRatioInjectionMovesTheWeightsAndKeepsThePrice() {
    // Δy = y, Δx = 0 from ½/½: w₂′ = ½·x·2y / (½·y·x + ½·x·2y) = 2/3; p = (1/3)/(2/3) · 2y/x = 1.
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 1_000_000_000_000)
    let accepted = pool.inject(tao: 1_000_000_000_000, alpha: 0)
    #expect(accepted)
    #expect(pool.taoWeight == 666_666_666_666_666_624 || pool.taoWeight == 666_666_666_666_666_752)
    #expect(abs(pool.spotPrice - 1) < 1e-15)
  }

  @Test func anInjectionThatWouldPushAWeightPastTheBoundIsRefusedWhole() {
    // Δy = 100·y: w₂′ = 101/102 ≈ 0.9902 > 0.99 ⇒ refused, nothing added.
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 1_000_000_000_000)
    let before = pool
    let refused = !pool.inject(tao: 100_000_000_000_000, alpha: 0)
    #expect(refused)
    #expect(pool == before)
    // Δy = 97·y: w₂′ = 98/99 ≈ 0.9899, inside the bound.
    let accepted = pool.inject(tao: 97_000_000_000_000, alpha: 0)
    #expect(accepted)
    #expect(pool.taoWeight > 989_000_000_000_000_000 && pool.taoWeight < 990_000_000_000_000_000)
  }

  @Test func aConstantProductPoolNeverReweights() {
    var pool = LiquidityPool(taoReserve: 1_000, alphaReserve: 1_000, kind: .constantProduct, feeRate: 0)
    let accepted = pool.inject(tao: 1_000_000, alpha: 0)
    #expect(accepted)
    #expect(pool.taoWeight == LiquidityPool.halfWeight && pool.taoReserve == 1_001_000)
  }

  @Test func aPoolBuiltFromASnapshotKeepsItsWeights() {
    var chain = ChainParameters()
    #expect(LiquidityPool(taoReserve: 1, alphaReserve: 1, taoWeight: Self.quarter, chain: chain).taoWeight == Self.quarter)
    chain.poolKind = .constantProduct
    chain.swapFeeRate = 0
    let cp = LiquidityPool(taoReserve: 1, alphaReserve: 1, taoWeight: Self.quarter, chain: chain)
    #expect(cp.taoWeight == LiquidityPool.halfWeight && cp.feeRate == 0)
  }
}

/// New-subnet seeding (spec §17.2) and the dissolution payout (spec §17.4).
@Suite("Subnet seeding and dissolution payout")
struct SeedingAndPayoutTests {
  @Test func theMedianPriceIgnoresEmptyPoolsAndAveragesTheMiddlePair() {
    #expect(SubnetSeeding.medianPrice([0.02, 0.5, 0.1]) == 0.1)
    #expect(SubnetSeeding.medianPrice([4, 1, 3, 2, 0]) == 2.5)
    #expect(SubnetSeeding.medianPrice([0, 0]) == 1)
    #expect(SubnetSeeding.medianPrice([]) == 1)
  }

  @Test func theLockStaysInThePoolAtTheMedianPriceWithNoOwnerAlpha() {
    // 1 000 TAO at m = 0.04 ⇒ 25 000 alpha, nothing recycled.
    let s = SubnetSeeding.lockAtMedianPrice.seed(lock: 1_000_000_000_000, minLock: 1_000_000_000, medianPrice: 0.04)
    #expect(s == SubnetSeeding.Seed(tao: 1_000_000_000_000, alpha: 25_000_000_000_000, recycled: 0))
  }

  @Test func beforeAprilTwentyTwentySixThePoolGotTheMinimumLockAtPriceOneAndTheRestWasRecycled() {
    let s = SubnetSeeding.minLockAtParity.seed(lock: 500_000_000_000, minLock: 1_000_000_000, medianPrice: 0.04)
    #expect(s == SubnetSeeding.Seed(tao: 1_000_000_000, alpha: 1_000_000_000, recycled: 499_000_000_000))
  }

  @Test func stakersArePaidProRataOverStakedAlphaPlusTheProtocolsAlpha() {
    // Pot 1 000 TAO; stakers hold 300 and 100 alpha, the protocol 600 (alpha in) ⇒ 300, 100, 600.
    let s = DissolutionPayout.split(
      pot: 1_000_000_000_000, stakerValues: [300_000_000_000, 100_000_000_000], protocolValue: 600_000_000_000)
    #expect(s.stakers == [300_000_000_000, 100_000_000_000] && s.protocolShare == 600_000_000_000)
  }

  @Test func leftoverUnitsGoToTheLargestRemaindersStakersFirstOnTies() {
    // 10 rao over values (1, 1, 1) + protocol 1: 2 each, remainders all 2, two units left.
    let s = DissolutionPayout.split(pot: 10, stakerValues: [1, 1, 1], protocolValue: 1)
    #expect(s.stakers == [3, 3, 2] && s.protocolShare == 2)
    // 10 rao over (1, 2): ⌊10/3⌋ = 3 rem 1, ⌊20/3⌋ = 6 rem 2 ⇒ the second gets the unit.
    #expect(DissolutionPayout.split(pot: 10, stakerValues: [1, 2], protocolValue: 0).stakers == [3, 7])
    #expect(DissolutionPayout.split(pot: 10, stakerValues: [], protocolValue: 0).protocolShare == 0)
  }

  @Test func aLegacyOwnerIsRefundedTheLockLessTheOwnerCutsValue() {
    // I_α = 10 000 α, κ = 0.18 ⇒ 1 800 α at 0.5 TAO = 900 TAO; lock 1 000 TAO ⇒ refund 100 TAO.
    #expect(
      DissolutionPayout.legacyRefund(
        locked: 1_000_000_000_000, alphaIssuance: 10_000_000_000_000, ownerCut: 0.18, spotPrice: 0.5)
        == 100_000_000_000)
    #expect(DissolutionPayout.legacyRefund(locked: 1, alphaIssuance: 10, ownerCut: 0.5, spotPrice: 1) == 0)
  }
}

/// The swap guards of §17.6 on hand-picked reserves.
@Suite("Balancer swap guards")
struct BalancerSwapGuardTests {
  func pool(tao: UInt64, alpha: UInt64) -> LiquidityPool {
    LiquidityPool(taoReserve: tao, alphaReserve: alpha, taoWeight: LiquidityPool.halfWeight, chain: ChainParameters())
  }

  @Test func aSwapIsRefusedWhenTheOutputReserveIsBelowTheMinimum() {
    #expect(pool(tao: 1_000_000_000, alpha: 999_999).userSwapRefusal(input: 1_000, buying: true) == "reserves too low")
    #expect(pool(tao: 1_000_000_000, alpha: 1_000_000).userSwapRefusal(input: 1_000_000, buying: true) == nil)
    #expect(pool(tao: 999_999, alpha: 1_000_000_000).userSwapRefusal(input: 1_000, buying: false) == "reserves too low")
  }

  @Test func aNetInputAboveAThousandTimesTheInputReserveIsRefused() {
    // TAO reserve 10⁶: the net input may be 10⁹; 10⁹ + fee passes, one more rao of net input does not.
    let p = pool(tao: 1_000_000, alpha: 1_000_000_000_000)
    let gross = { (net: UInt64) -> UInt64 in (net...(net + 1_000_000)).first { $0 - p.fee(on: $0) == net }! }
    #expect(p.userSwapRefusal(input: gross(1_000_000_000), buying: true) == nil)
    #expect(p.userSwapRefusal(input: gross(1_000_000_001), buying: true) == "swap input too large")
  }

  @Test func aPositiveInputThatWouldPayNothingIsRefused() {
    // 1 rao of TAO into a pool at 1 000 TAO per alpha buys nothing.
    #expect(pool(tao: 1_000_000_000_000, alpha: 1_000_000_000).userSwapRefusal(input: 1, buying: true) == "reserves too low")
  }
}
