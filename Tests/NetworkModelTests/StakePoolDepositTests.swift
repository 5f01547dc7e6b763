import Testing

@testable import NetworkModel

/// The sole staker's deposit (the common case in every epoch's distribution) against the share
/// arithmetic written out by hand.
@Suite("Deposits into a stake pool with one staker")
struct StakePoolDepositTests {
  @Test(arguments: [UInt64(1), 19, 301])
  func aSoleStakersDepositsMintTheSharesOfTheGeneralRuleAndKeepTheSumAndTheScanInStep(seed: UInt64) {
    var pool = StakePool(hotkey: HotkeyID(3))
    let owner = ColdkeyID(7)
    var share = 0.0
    var amount: UInt64 = 0
    var state = seed
    for step in 0..<2_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let units = (state >> 20) % 1_000_000_000_000 + (step % 97 == 0 ? 0 : 1)
      if step % 13 == 0 && amount > 0 {
        pool.compound(units == 0 ? 1 : units)
        amount += units == 0 ? 1 : units
        continue
      }
      pool.deposit(units, for: owner)
      guard units > 0 else { continue }
      let minted = amount == 0 || share <= 0 ? Double(units) : Double(units) * share / Double(amount)
      share = (amount == 0 || share <= 0 ? 0 : share) + minted
      amount += units
      #expect(pool.shares == [share] && pool.totalShares == 0 + share && pool.amount == amount)
      #expect(pool.isConsistent == pool.isConsistentByScan && pool.isConsistent)
      #expect(pool.value(of: owner) == amount)
    }
  }

  @Test func aSecondStakerAndAnEmptiedPoolTakeTheGeneralPath() {
    var pool = StakePool(hotkey: HotkeyID(1))
    pool.deposit(1_000, for: ColdkeyID(1))
    pool.deposit(500, for: ColdkeyID(2))
    #expect(pool.stakers == [ColdkeyID(1), ColdkeyID(2)] && pool.shares == [1_000, 500] && pool.totalShares == 1_500)
    #expect(pool.withdraw(1_000, for: ColdkeyID(1)) == 1_000 && pool.withdraw(500, for: ColdkeyID(2)) == 500)
    #expect(pool.amount == 0 && pool.stakers.isEmpty && pool.isConsistent)
    pool.deposit(40, for: ColdkeyID(2))
    pool.deposit(60, for: ColdkeyID(2))
    #expect(pool.shares == [100] && pool.totalShares == 100 && pool.amount == 100 && pool.isConsistentByScan)
  }
}
