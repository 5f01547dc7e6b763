import Testing

@testable import NetworkModel

/// A stake pool keeps its sole staker and that staker's share inline; every operation must leave
/// the same stakers, shares (to the bit), totals and values as the pool written with the two
/// arrays alone (``ArrayPool`` below: the rules of ``StakePool`` with nothing kept inline).
@Suite("A stake pool's sole staker kept inline")
struct StakePoolSoleStakerTests {
  /// The pool's arithmetic over its two arrays only.
  struct ArrayPool {
    var amount: UInt64 = 0
    var stakers: [ColdkeyID] = []
    var shares: [Double] = []
    var totalShares = 0.0

    func value(of c: ColdkeyID) -> UInt64 {
      guard let i = stakers.firstIndex(of: c) else { return 0 }
      if stakers.count == 1 { return amount }
      guard totalShares > 0 else { return 0 }
      return min(amount, FixedMath.floorAmount(shares[i] / totalShares * Double(amount)))
    }

    mutating func deposit(_ units: UInt64, for c: ColdkeyID) {
      guard units > 0 else { return }
      let restarts = amount == 0 || totalShares <= 0
      let minted = restarts ? Double(units) : Double(units) * totalShares / Double(amount)
      if restarts {
        for i in shares.indices { shares[i] = 0 }
      }
      if let i = stakers.firstIndex(of: c) { shares[i] += minted } else {
        stakers.append(c)
        shares.append(minted)
      }
      totalShares = shares.reduce(0, +)
      amount += units
    }

    mutating func withdraw(_ units: UInt64, for c: ColdkeyID) -> UInt64 {
      guard let i = stakers.firstIndex(of: c) else { return 0 }
      let held = value(of: c)
      let taken = min(units, held)
      guard taken > 0 else { return 0 }
      if taken == held {
        let removed = stakers.count == 1 ? amount : taken
        stakers.remove(at: i)
        shares.remove(at: i)
        amount -= removed
        totalShares = shares.reduce(0, +)
        return removed
      }
      shares[i] -= shares[i] * Double(taken) / Double(held)
      totalShares = shares.reduce(0, +)
      amount -= taken
      return taken
    }
  }

  @Test(arguments: [UInt64(2), 17, 4_242])
  func depositsWithdrawalsAndCompoundsByOneToThreeStakersMatchThePoolOfArraysToTheBit(seed: UInt64) {
    var pool = StakePool(hotkey: HotkeyID(9))
    var reference = ArrayPool()
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 24
    }
    let coldkeys = [ColdkeyID(1), ColdkeyID(2), ColdkeyID(3)]
    for _ in 0..<3_000 {
      let r = next()
      // Mostly the first staker (the sole-staker path), now and then another one.
      let who = r % 10 < 7 ? coldkeys[0] : coldkeys[Int(r % 3)]
      let units = next() % 5_000_000_000
      switch next() % 8 {
      case 0, 1, 2, 3, 4:
        pool.deposit(units, for: who)
        reference.deposit(units, for: who)
      case 5, 6:
        #expect(pool.withdraw(units, for: who) == reference.withdraw(units, for: who))
      default:
        if pool.hasStakers && pool.totalShares > 0 && units > 0 {
          pool.compound(units)
          reference.amount += units
        }
      }
      #expect(pool.stakers == reference.stakers && pool.amount == reference.amount)
      #expect(pool.shares.map(\.bitPattern) == reference.shares.map(\.bitPattern))
      #expect(pool.totalShares.bitPattern == reference.totalShares.bitPattern)
      #expect(pool.hasStakers == !reference.stakers.isEmpty)
      #expect(coldkeys.allSatisfy { pool.value(of: $0) == reference.value(of: $0) })
      #expect(pool.isConsistent == pool.isConsistentByScan)
    }
  }

  @Test func aSecondStakerAfterTheSoleStakersDepositsFindsItsShareWrittenBack() {
    var pool = StakePool(hotkey: HotkeyID(1))
    pool.deposit(1_000, for: ColdkeyID(1))
    pool.deposit(500, for: ColdkeyID(1))
    pool.compound(1_500)
    pool.deposit(300, for: ColdkeyID(2))
    #expect(pool.stakers == [ColdkeyID(1), ColdkeyID(2)] && pool.shares == [1_500, 150] && pool.totalShares == 1_650)
    #expect(pool.value(of: ColdkeyID(1)) == 3_000 && pool.value(of: ColdkeyID(2)) == 300)
  }

  @Test func poolsWithTheSameStakersAndSharesAreEqualHoweverTheyGotThere() {
    var a = StakePool(hotkey: HotkeyID(4))
    a.deposit(100, for: ColdkeyID(1))
    a.deposit(100, for: ColdkeyID(1))
    var b = StakePool(hotkey: HotkeyID(4))
    b.deposit(100, for: ColdkeyID(2))
    b.deposit(200, for: ColdkeyID(1))
    #expect(b.withdraw(100, for: ColdkeyID(2)) == 100)
    #expect(a.shares == [200] && b.shares == [200] && a.totalShares == b.totalShares && a.amount == b.amount)
    #expect(a == b)
    b.deposit(1, for: ColdkeyID(1))
    #expect(a != b)
  }
}
