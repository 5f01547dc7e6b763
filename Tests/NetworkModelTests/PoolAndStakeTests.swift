import Testing

@testable import NetworkModel

@Suite("Pools, stake pools, burn price, lock cost")
struct PoolAndStakeTests {
  @Test func aBuyPaysTheConstantProductAmountFlooredAndNeverLowersK() {
    var pool = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 2_000_000_000_000)
    let k0 = Double(pool.taoReserve) * Double(pool.alphaReserve)
    // 2000e9 · 10e9 / 1010e9 = 19.80198019801…e9 alpha, floored.
    let out = pool.buyAlpha(tao: 10_000_000_000)
    #expect(out == 19_801_980_198)
    #expect(pool.taoReserve == 1_010_000_000_000)
    #expect(pool.alphaReserve == 2_000_000_000_000 - 19_801_980_198)
    #expect(Double(pool.taoReserve) * Double(pool.alphaReserve) >= k0)
    // Selling it back returns less than was paid (rounding stays in the pool).
    let back = pool.sellAlpha(alpha: out)
    #expect(back <= 10_000_000_000 && back >= 9_999_999_999)
    #expect(pool.spotPrice > 0.499 && pool.spotPrice < 0.501)
  }

  @Test func anInjectionInThePriceRatioLeavesThePriceUnchanged() {
    var pool = LiquidityPool(taoReserve: 300, alphaReserve: 600)
    pool.inject(tao: 50, alpha: 100)
    #expect(pool.spotPrice == 0.5)
  }

  @Test func rewardsCompoundToEveryStakerProRataAndTheLastStakerTakesTheRemainder() {
    var p = StakePool(hotkey: HotkeyID(0))
    p.deposit(1_000, for: ColdkeyID(1))
    p.deposit(3_000, for: ColdkeyID(2))
    p.compound(400)
    #expect(p.value(of: ColdkeyID(1)) == 1_100)
    #expect(p.value(of: ColdkeyID(2)) == 3_300)
    // A later deposit buys shares at the new price and does not dilute earlier stakers.
    p.deposit(1_100, for: ColdkeyID(3))
    #expect(p.value(of: ColdkeyID(1)) == 1_100)
    #expect(p.withdraw(1_100, for: ColdkeyID(1)) == 1_100)
    #expect(p.withdraw(.max, for: ColdkeyID(3)) == 1_100)
    #expect(p.withdraw(.max, for: ColdkeyID(2)) == 3_300)
    #expect(p.amount == 0 && p.stakers.isEmpty && p.isConsistent)
  }

  /// A staker's round trips on a pool of ~10¹⁵-unit stakes: Σ shares stays the sum of the shares
  /// (never a drifting running difference that can fall below zero and strand what is left).
  @Test func sharesStayTheirOwnSumThroughThousandsOfLargeDepositsAndWithdrawals() {
    var p = StakePool(hotkey: HotkeyID(0))
    p.deposit(3, for: ColdkeyID(0))
    var x: UInt64 = 0x9E37_79B9_7F4A_7C15
    for step in 0..<5_000 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let coldkey = ColdkeyID(1 + Int(x >> 60) % 4)
      if step % 3 == 2 { p.compound(x >> 40) }
      if x >> 63 == 0 {
        p.deposit(1_000_000_000_000_000 + (x >> 20) % 7_000_000_000_000_000, for: coldkey)
      } else {
        let held = p.value(of: coldkey)
        _ = p.withdraw(x & 1 == 0 ? held : held - min(held, 1 + (x >> 33) % 1_000), for: coldkey)
      }
      #expect(p.totalShares == p.shares.reduce(0, +) && p.isConsistent && p.isConsistentByScan)
    }
    #expect(p.value(of: ColdkeyID(0)) > 0)
  }

  @Test func theBurnPriceHalvesEveryHalfLifeRisesByTheMultiplierAndStaysClamped() {
    var h = SubnetHyperparameters()
    h.initialBurn = 1_000_000_000
    var burn = RegistrationBurn(initial: h.initialBurn, at: 0)
    #expect(burn.price(at: 0, h) == 1_000_000_000)
    #expect(burn.price(at: 360, h) == 500_000_000)
    #expect(burn.price(at: 720, h) == 250_000_000)
    burn.registered(at: 360, h)
    #expect(burn.price(at: 360, h) == 630_000_000)
    // Far in the future the price sits at MinBurn; after many registrations at MaxBurn.
    #expect(burn.price(at: 1_000_000, h) == h.minBurn)
    for _ in 0..<100 { burn.registered(at: 360, h) }
    #expect(burn.price(at: 360, h) == h.maxBurn)
  }

  @Test func theSubnetLockDoublesThenDecaysLinearlyToTheMinimum() {
    var chain = ChainParameters()
    chain.minLockCost = 1_000
    chain.lockReductionInterval = 100
    var lock = SubnetLockCost(lastLock: 1_000, lastBlock: 0)
    lock.registered(paid: 3_000, at: 0)
    #expect(lock.cost(at: 0, chain) == 6_000)
    #expect(lock.cost(at: 50, chain) == 3_000)
    #expect(lock.cost(at: 90, chain) == 1_000)
    #expect(lock.cost(at: 500, chain) == 1_000)
  }
}
