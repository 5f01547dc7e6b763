import NetworkModel
import Testing

@testable import Emission

/// The block order of a Balancer pool's injection and chain buy (spec §17.6).
@Suite("Balancer injection order in the accrual")
struct BalancerAccrualTests {
  /// 360 blocks at p = 0.1 with alpha_in capped at ρ·A = 0.3 alpha: 108 alpha and 10.8 TAO are
  /// injected and the other 169.2 TAO buys alpha.
  func accrue(_ pool: LiquidityPool) -> SubnetAccrual.Result {
    SubnetAccrual.compute(
      blocks: 360, tao: 360 * 500_000_000, pool: pool, alphaIssuance: 20_000_000_000_000, schedule: .alpha,
      ownerCut: 11_796, rootProportion: 0.3, rootSell: true, emaPrice: 0.1, blocksSinceStart: 0,
      chain: ChainParameters())
  }

  @Test func theChainBuyMeetsThePreInjectionReservesAndTheReservesAreAddedAfter() {
    let pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 10_000_000_000_000)
    let r = accrue(pool)
    #expect(r.alphaIn == 108_000_000_000 && r.taoIn == 10_800_000_000 && r.chainBuyTao == 169_200_000_000)
    // ⌊10 000e9 · 169.2e9 / (1 000e9 + 169.2e9)⌋, on the reserves before the injection.
    #expect(r.chainBuyAlpha == 1_447_143_345_877)
    #expect(r.refusedTao == 0)
    #expect(r.pool.taoReserve == 1_000_000_000_000 + 180_000_000_000)
    #expect(r.pool.alphaReserve == 10_000_000_000_000 - 1_447_143_345_877 + 108_000_000_000)
    // The constant-product eras inject first, then buy on the larger reserves.
    let old = accrue(LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 10_000_000_000_000, kind: .constantProduct, feeRate: 0))
    #expect(old.chainBuyAlpha == FixedMath.mulDiv(10_108_000_000_000, 169_200_000_000, 1_010_800_000_000 + 169_200_000_000))
  }

  @Test func anInjectionAtThePoolsPriceMovesTheTAOWeightTowardsOneHalf() {
    // w₂ = 0.99, x = 10 000 alpha, Δx = 108 alpha at p: w₂′ = (w₂x + w₁Δx)/(x + 2w₁Δx)
    // = (9 900 + 1.08)/(10 000 + 2.16) ≈ 0.989893 (the price is unchanged).
    let edge = LiquidityPool(
      taoReserve: 1_000_000_000_000, alphaReserve: 10_000_000_000_000, taoWeight: 990_000_000_000_000_000)
    let r = accrue(edge)
    #expect(r.refusedTao == 0 && r.alphaIn == 108_000_000_000)
    let w2 = Double(r.pool.taoWeight) / 1e18
    #expect(abs(w2 - 9_901.08 / 10_002.16) < 1e-12)
  }
}
