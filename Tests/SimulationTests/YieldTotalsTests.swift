import Metrics
import NetworkModel
import SimCore
import Testing

@testable import Simulation

/// The yield columns' arithmetic on totals small enough to work out by hand, and the totals a
/// small World keeps (formulas: `taosim describe metrics`).
@Suite struct YieldTotalsTests {
  /// One subnet, tempo 360: 100 alpha staked at 2 TAO/alpha earns 0.1 alpha per epoch after take
  /// for two epochs while the price goes 2 → 2.2; 1000 TAO on root receives 0.05 TAO per epoch.
  func handBuilt() -> YieldTotals {
    var t = YieldTotals()
    // Epoch 1 at block 360 (price 2, no previous price) and epoch 2 at block 720 (price 2.2, previous 2).
    t.alphaEarned = 0.1 * 2 + 0.1 * 2.2
    t.alphaStakeBlocks = 100 * 2 * 360 + 100 * 2.2 * 360
    t.taoGain = RealMath.log((100 + 0.1) * 2.2 / (100 * 2))
    t.taoBlocks = 360
    t.taoClock = 720
    t.rootTao = 0.1
    t.rootStakeBlocks = 1000 * 720
    t.rootIntegratedThrough = 720
    return t
  }

  @Test func alphaAprIsTheAlphaEarnedPerAlphaStakedPerEpochTimesEpochsPerYear() throws {
    let r = YieldRates.between(YieldTotals(), handBuilt(), tempo: 360)
    // 0.1 / 100 per epoch, 7300 epochs a year.
    #expect(abs(try #require(r.alphaApr) - 0.001 * 7_300) < 1e-9)
  }

  @Test func alphaApyCompoundsThePerEpochRateEveryEpoch() throws {
    let r = YieldRates.between(YieldTotals(), handBuilt(), tempo: 360)
    #expect(abs(try #require(r.alphaApy) - (RealMath.pow(1.001, 7_300) - 1)) < 1e-6)
  }

  @Test func taoApyIsValueAtEndOverValueAtStartAnnualised() throws {
    let r = YieldRates.between(YieldTotals(), handBuilt(), tempo: 360)
    // One epoch (360 blocks): 100 alpha worth 200 TAO became 100.1 alpha worth 220.22 TAO.
    let expected = RealMath.pow(220.22 / 200, 2_628_000.0 / 360) - 1
    #expect(abs(try #require(r.taoApy) - expected) / expected < 1e-9)
  }

  /// Two subnets of 100 alpha each at price 1; A's price doubles and falls back while B's stays:
  /// the portfolio ends where it started, so its time-weighted TAO yield is 0 (a value-weighted
  /// average of each subnet's log growth would weigh the fall, at the higher value, more).
  @Test func taoApyChainsThePortfolioSoAPriceThatRisesAndFallsBackNetsToZero() throws {
    var t = YieldTotals()
    let position = EpochYield(stake: 100, earned: 0, claim: 0)
    var a = position.book(into: &t, price: 1, previous: 0, tempo: 360, rootTao: 0, others: 0, block: 360)
    var b = position.book(into: &t, price: 1, previous: 0, tempo: 360, rootTao: 0, others: a, block: 361)
    a = position.book(into: &t, price: 2, previous: 1, tempo: 360, rootTao: 0, others: b, block: 720)
    b = position.book(into: &t, price: 1, previous: 1, tempo: 360, rootTao: 0, others: a, block: 721)
    a = position.book(into: &t, price: 1, previous: 2, tempo: 360, rootTao: 0, others: b, block: 1_080)
    #expect(a == 100 && b == 100 && t.taoBlocks == 720)
    let r = YieldRates.between(YieldTotals(), t, tempo: 360)
    #expect(abs(try #require(r.taoApy)) < 1e-9)
  }

  @Test func rootApyTaoIsRootTaoPerTaoOnRootCompoundedEveryEpoch() throws {
    let r = YieldRates.between(YieldTotals(), handBuilt(), tempo: 360)
    // 0.05 TAO per 1000 TAO per epoch.
    #expect(abs(try #require(r.rootApyTao) - (RealMath.pow(1.00005, 7_300) - 1)) < 1e-9)
  }

  @Test func aWindowIsTheDifferenceOfTwoSnapshots() throws {
    var start = handBuilt()
    var end = start
    end.alphaEarned += 0.3 * 2
    end.alphaStakeBlocks += 100 * 2 * 360
    let r = YieldRates.between(start, end, tempo: 360)
    #expect(abs(try #require(r.alphaApr) - 0.003 * 7_300) < 1e-9)
    start.rootStakeBlocks = end.rootStakeBlocks
    #expect(YieldRates.between(start, end, tempo: 360).rootApyTao == nil)
  }

  @Test func aWindowWithoutStakeHasNoYields() {
    let r = YieldRates.between(YieldTotals(), YieldTotals(), tempo: 360)
    #expect(r == YieldRates(alphaApr: nil, alphaApy: nil, taoApy: nil, rootApyTao: nil))
  }

  @Test func theRootIntegralIsCarriedOnAtTheStakeHeldSinceTheLastEpoch() {
    let t = handBuilt().integrated(to: 1_000, rootStake: 1_000.1)
    #expect(t.rootStakeBlocks == 1000 * 720 + 1_000.1 * 280)
    #expect(t.rootIntegratedThrough == 1_000)
  }

  @Test func aSmallWorldsRootTaoIsWhatItsRootStakeGainedFromClaims() throws {
    var world = try World(config: smallConfig(days: 3), rootSeed: 3)
    let before = FixedMath.tokens(world.state.totalRootStake)
    var observer = CollectingObserver()
    world.run(observer: &observer)
    let totals = try #require(observer.network.last?.yields)
    #expect(totals.alphaEarned > 0)
    #expect(totals.rootIntegratedThrough == observer.network.last?.block)
    // Nothing but root claims changes root stake in this world (none are paid while the root
    // sell flag is off, so both sides may be 0).
    #expect(abs(FixedMath.tokens(world.state.totalRootStake) - before - world.yieldTotals.rootTao) < 1e-6)
    let rates = YieldRates.between(YieldTotals(), totals, tempo: world.config.hyperparameters.tempo)
    #expect(try #require(rates.alphaApy) >= #require(rates.alphaApr))
  }
}
