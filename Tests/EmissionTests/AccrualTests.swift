import NetworkModel
import Testing

@testable import Emission

@Suite("Closed-form accrual (spec §8.1, §9.4, §9.6)")
struct AccrualTests {
  let chain = ChainParameters()

  @Test(arguments: [Int64(1), 360, 7_200])
  func theEMAPriceMatchesTheBlockByBlockRecursion(blocks: Int64) {
    let pool = LiquidityPool(taoReserve: 300_000_000_000, alphaReserve: 1_000_000_000_000)
    let t0: Int64 = 5_000
    let r = SubnetAccrual.compute(
      blocks: blocks, tao: 0, pool: pool, alphaIssuance: 0, schedule: .alpha, ownerCut: 11_796, rootProportion: 0,
      rootSell: false, emaPrice: 0.05, blocksSinceStart: t0, chain: chain)
    var ema = 0.05
    let h = Double(chain.emaPriceHalvingBlocks)
    for k in 1...blocks {
      let t = Double(t0 + k)
      let a = chain.movingAlpha * t / (t + h)
      ema = a * 0.3 + (1 - a) * ema
    }
    #expect(abs(r.emaPrice - ema) <= 1e-9 * ema)
  }

  @Test func bucketsOfNQuietBlocksAreNTimesOneBlockAndEverythingMintedIsLocated() {
    let pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 10_000_000_000_000)
    let r = SubnetAccrual.compute(
      blocks: 360, tao: 360 * 500_000_000, pool: pool, alphaIssuance: 20_000_000_000_000, schedule: .alpha,
      ownerCut: 11_796, rootProportion: 0.3, rootSell: true, emaPrice: 0.1, blocksSinceStart: 0, chain: chain)
    let one = BlockAlphaSplit(alpha: 1_000_000_000, ownerCut: 11_796, rootProportion: 0.3, rootSell: true)
    #expect(r.buckets == one.times(360))
    // alpha_in is capped at ρ·A = 0.3 alpha per block (E/p = 5 alpha): the rest of the TAO buys.
    #expect(r.alphaIn == 360 * 300_000_000)
    #expect(r.taoIn + r.chainBuyTao == 360 * 500_000_000)
    #expect(r.pool.taoReserve == pool.taoReserve + 360 * 500_000_000)
    #expect(r.pool.alphaReserve == pool.alphaReserve + r.alphaIn - r.chainBuyAlpha)
  }

  @Test func beforeJune2026AlphaInIsCappedAtTheBlockEmissionNotTheRootProportion() {
    var early = chain
    early.injectionCap = .blockEmission
    // p = 0.1, E = 0.5 TAO per block ⇒ E/p = 5 alpha; A = 1 alpha, TAO block emission 0.5 TAO
    // ⇒ cap = min(A, E_block) = 0.5 alpha (the root-proportion cap would be 0.3 alpha).
    let pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 10_000_000_000_000)
    let r = SubnetAccrual.compute(
      blocks: 360, tao: 360 * 500_000_000, pool: pool, alphaIssuance: 20_000_000_000_000, schedule: .alpha,
      ownerCut: 11_796, rootProportion: 0.3, rootSell: true, emaPrice: 0.1, blocksSinceStart: 0, chain: early,
      taoBlockEmission: 500_000_000)
    #expect(r.alphaIn == 360 * 500_000_000)
    #expect(r.taoIn == 360 * 50_000_000)
    #expect(r.taoIn + r.chainBuyTao == 360 * 500_000_000)
    // A cheap subnet (E/p below both caps) gets all its TAO injected.
    let rich = LiquidityPool(taoReserve: 10_000_000_000_000, alphaReserve: 1_000_000_000_000)
    let u = SubnetAccrual.compute(
      blocks: 10, tao: 10 * 1_000_000_000, pool: rich, alphaIssuance: 0, schedule: .alpha, ownerCut: nil,
      rootProportion: 0.3, rootSell: true, emaPrice: 1, blocksSinceStart: 0, chain: early, taoBlockEmission: 1_000_000_000)
    #expect(u.taoIn == 10 * 1_000_000_000 && u.chainBuyTao == 0)
    #expect(u.alphaIn == 10 * 100_000_000)
  }

  @Test func anAlphaHalvingInsideTheIntervalIsSplitExactly() {
    // 2 blocks of issuance growth (1 alpha minted, no injection) below 10.5 M alpha.
    let start = HalvingSchedule.alpha.threshold(1) - 2_000_000_000
    let pool = LiquidityPool(taoReserve: 0, alphaReserve: 0)
    let r = SubnetAccrual.compute(
      blocks: 5, tao: 0, pool: pool, alphaIssuance: start, schedule: .alpha, ownerCut: nil, rootProportion: 0,
      rootSell: true, emaPrice: 0, blocksSinceStart: 0, chain: chain)
    // Blocks 1–2 mint 1 alpha each, blocks 3–5 mint 0.5 alpha each.
    #expect(r.buckets.minted == 2 * 1_000_000_000 + 3 * 500_000_000)
  }
}
