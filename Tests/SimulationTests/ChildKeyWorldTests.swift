import Metrics
import Agents
import Emission
import NetworkModel
import Testing

@testable import Simulation

/// Child keys, root auto-parenting, root claims and take limits inside a running World (spec
/// §17.5, §17.7, §17.9).
@Suite("Child keys, root claims and take limits in the World")
struct ChildKeyWorldTests {
  func world(era: RuleEra = .aug2026, configure: (inout WorldConfig) -> Void = { _ in }) throws -> (World, ColdkeyID) {
    try fundedWorld(era: era) { c in
      // Σ EMA prices > 1, so root dividends are paid (root sell, spec §8.1).
      c.genesis.initialPrice = 0.5
      configure(&c)
    }
  }

  func rootHotkeys(_ w: World) -> [HotkeyID] { w.state.rootPools.filter { $0.amount > 0 }.map(\.hotkey) }

  @Test func aNewSubnetsOwnerInheritsEveryRootValidatorsRootStakeAndBecomesItsLargestValidator() throws {
    var (w, owner) = try world()
    let registered = w.registerSubnet(owner: owner, maxLock: .max)
    let id = try #require(registered)
    let s = w.state.subnets[id.index]!
    let roots = rootHotkeys(w)
    #expect(roots.count == 2)
    #expect(s.childKeys.parents(of: s.ownerHotkey).map(\.hotkey) == roots)
    #expect(s.childKeys.parents(of: s.ownerHotkey).allSatisfy { $0.proportion == .max })
    w.run(until: 7_300 + 3 * 360)
    let after = w.state.subnets[id.index]!
    let uid = try #require(after.chain.ownerUID)
    let rootTotal = roots.reduce(UInt64(0)) { $0 + w.state.rootStake(of: $1) }
    // The epoch copy is the inherited root stake (up to the stake the root validators gained since).
    #expect(after.chain.rootStake[uid] > 0)
    #expect(after.chain.rootStake[uid] <= rootTotal)
    #expect(Double(after.chain.rootStake[uid]) > 0.99 * Double(rootTotal))
    // Its dividends flow back to the root validators, who hold alpha on the new subnet without a UID.
    #expect(roots.allSatisfy { after.uidOfHotkey[$0] == nil && after.alphaStake(of: $0) + after.rootClaims.unpaidOf[$0, default: 0] > 0 })
    #expect(w.invariantViolations() == [])
  }

  @Test func aYoungGenesisSubnetIsAutoParentedAndItsOwnerValidatesWithTheRootValidatorsStake() throws {
    var c = smallConfig(subnets: 2, days: 2)
    RuleEra.aug2026.apply(to: &c)
    c.chain.childKeys.genesisYoungerThanBlocks = 1  // genesis subnets are 0 blocks old
    var w = try World(config: c, rootSeed: 4)
    w.run(until: 3 * 360 + 10)
    let s = w.state.subnets[1]!
    let roots = rootHotkeys(w)
    let uid = try #require(s.chain.ownerUID)
    #expect(s.childKeys.parents(of: s.ownerHotkey).map(\.hotkey) == roots)
    // The root validators pass all their stake on; the owner holds it, has a permit and sets weights.
    #expect(roots.allSatisfy { s.chain.rootStake[s.uidOfHotkey[$0]!] == 0 && s.chain.alphaStake[s.uidOfHotkey[$0]!] == 0 })
    #expect(s.chain.rootStake[uid] == roots.reduce(UInt64(0)) { $0 + w.state.rootStake(of: $1) })
    #expect(s.chain.validatorPermit[uid] && !s.chain.weights[uid].isEmpty)
    #expect(w.invariantViolations() == [])
  }

  @Test func withoutAutoParentingOrBeforeItsEraANewOwnerHasNoParents() throws {
    var (w, owner) = try world { $0.chain.childKeys.autoParent = false }
    let aRegistered = w.registerSubnet(owner: owner, maxLock: .max)
    let a = try #require(aRegistered)
    #expect(w.state.subnets[a.index]!.childKeys.isEmpty)
    var (v, owner2) = try world(era: .nov2025)
    let bRegistered = v.registerSubnet(owner: owner2, maxLock: .max)
    let b = try #require(bRegistered)
    #expect(v.state.subnets[b.index]!.childKeys.isEmpty)
  }

  @Test func aChildSetWaitsForItsCoolDownAndIsRateLimited() throws {
    var (w, _) = try world()
    let s = w.state.subnets[1]!
    let parent = rootHotkeys(w)[0]
    let child = s.hotkeys.first { w.state.rootStake(of: $0) == 0 && $0 != s.ownerHotkey && s.alphaStake(of: $0) > 0 }!
    let link = [ChildLink(hotkey: child, proportion: UInt64.max / 2)]
    do { let ok = w.apply(.setChildren(subnet: SubnetID(1), hotkey: parent, children: link)); #expect(ok) }
    do { let ok = w.apply(.setChildren(subnet: SubnetID(1), hotkey: parent, children: link)); #expect(!ok) }  // 150-block limit
    do { let ok = w.apply(.setChildren(subnet: SubnetID(1), hotkey: parent, children: [ChildLink(hotkey: parent, proportion: 1)])); #expect(!ok) }
    w.run(until: 7_300 + 7_200)
    #expect(w.state.subnets[1]!.childKeys.isEmpty)  // cool-down 7 200 not yet over at an epoch
    w.run(until: 7_300 + 7_200 + 400)
    let t = w.state.subnets[1]!
    #expect(t.childKeys.parents(of: child).map(\.hotkey) == [parent])
    let uid = t.uidOfHotkey[child]!
    #expect(t.chain.rootStake[uid] > 0)  // inherits half the parent's root stake
    #expect(w.invariantViolations() == [])
  }

  @Test(arguments: [RootClaimType.swap, .keep])
  func rootDividendsAreClaimedPerColdkeyAndConserved(type: RootClaimType) throws {
    var (w, _) = try world { $0.chain.rootClaims.type = type }
    let rootBefore = w.state.totalRootStake
    let roots = rootHotkeys(w)
    w.run(until: 7_300 + 2 * 7_200)
    let unpaid = (1...3).map { w.state.subnets[$0]!.rootClaims.unpaid }
    let claimedAlpha = (1...3).reduce(UInt64(0)) { sum, i in
      roots.reduce(sum) { $0 + w.state.subnets[i]!.alphaStake(of: $1) }
    }
    switch type {
    case .swap: #expect(w.state.totalRootStake > rootBefore)
    case .keep: #expect(w.state.totalRootStake == rootBefore && claimedAlpha > 0)
    }
    // Claims lag: something is still unclaimed at any moment, at most a few tempos' worth.
    #expect(unpaid.allSatisfy { $0 < 100_000_000_000_000 })
    #expect(w.invariantViolations() == [])
  }

  @Test func aRootStakeChangeGivenTheSubnetsWhereItsHotkeyAccruesShiftsTheSameDebtsAsLookingThemUp() throws {
    var (w, _) = try world { $0.chain.rootClaims.type = .swap }
    w.run(until: 7_300 + 7_200)
    let pool = try #require(w.state.rootPools.first { $0.amount > 0 && !$0.stakers.isEmpty })
    let (h, c) = (pool.hotkey, pool.stakers[0])
    let accruing = w.runtimes.indices.filter { w.runtimes[$0].live && w.state.subnets[$0]!.rootClaims.rate[h] != nil }
    #expect(!accruing.isEmpty)
    let rates = accruing.map { w.state.subnets[$0]!.rootClaims.rate[h]! }
    var looked = w
    var given = w
    _ = looked.changingRootStake(c, h) {
      $0.state.creditRootStake(1_000_000_000, coldkey: c, hotkey: h)
      return true
    }
    _ = given.changingRootStake(c, h, accruing: World.AccruingSubnets(indices: accruing, rates: rates)) {
      $0.state.creditRootStake(1_000_000_000, coldkey: c, hotkey: h)
      return true
    }
    let position = RootPosition(hotkey: h, coldkey: c)
    for index in accruing {
      let owed = looked.state.subnets[index]!.rootClaims.owed(position, stake: looked.state.rootStake(ofColdkey: c, hotkey: h))
      #expect(given.state.subnets[index]!.rootClaims.owed(position, stake: given.state.rootStake(ofColdkey: c, hotkey: h)) == owed)
      #expect(given.state.subnets[index]!.rootClaims.debt == looked.state.subnets[index]!.rootClaims.debt)
    }
    // The change did shift debts (the credit here is not a conserving move, so no invariant check).
    #expect(accruing.contains { given.state.subnets[$0]!.rootClaims.debt != w.state.subnets[$0]!.rootClaims.debt })
  }

  @Test func beforeTheClaimEraRootDividendsArePaidAtOnce() throws {
    var (w, _) = try world(era: .feb2025)
    w.run(until: 7_300 + 7_200)
    #expect((1...3).allSatisfy { w.state.subnets[$0]!.rootClaims.unpaid == 0 && w.state.subnets[$0]!.rootClaims.hotkeys.isEmpty })
  }

  @Test func aDelegateTakeIncreaseIsRefusedWithinThirtyDaysOfTheLastChange() throws {
    var (w, _) = try world()
    let h = rootHotkeys(w)[0]
    let take = w.state.hotkeys[h.index].take
    do { let ok = w.apply(.setTake(hotkey: h, take: take - 100)); #expect(ok) }
    do { let ok = w.apply(.setTake(hotkey: h, take: take)); #expect(!ok) }
    do { let ok = w.apply(.setTake(hotkey: h, take: take - 200)); #expect(ok) }  // decreases are free
    do { let ok = w.apply(.setTake(hotkey: h, take: 11_797)); #expect(!ok) }
    w.state.block += 216_001
    do { let ok = w.apply(.setTake(hotkey: h, take: take)); #expect(ok) }
  }

  @Test func aChildkeyTakeIncreaseIsRateLimitedPerHotkeyAndSubnet() throws {
    var (w, _) = try world()
    let h = w.state.subnets[1]!.hotkeys[1]
    do { let ok = w.apply(.setChildkeyTake(subnet: SubnetID(1), hotkey: h, take: 1_000)); #expect(ok) }
    do { let ok = w.apply(.setChildkeyTake(subnet: SubnetID(1), hotkey: h, take: 2_000)); #expect(!ok) }
    do { let ok = w.apply(.setChildkeyTake(subnet: SubnetID(2), hotkey: h, take: 2_000)); #expect(ok) }
    do { let ok = w.apply(.setChildkeyTake(subnet: SubnetID(1), hotkey: h, take: 11_797)); #expect(!ok) }
    #expect(w.state.subnets[1]!.childKeys.childkeyTake[h] == 1_000)
  }

  @Test func childKeyDelegatorsPassStakeWeightToTheLargestValidatorWithoutRootStake() throws {
    var (w, _) = try world { $0.validators.childDelegation.validators = 1 }
    w.run(until: 7_300 + 7_200 + 400)
    var linked = 0
    for i in 1...3 where !w.state.subnets[i]!.childKeys.isEmpty { linked += 1 }
    #expect(linked == 3)
    #expect(w.invariantViolations() == [])
  }
}

@Suite("Multi-year randomized run with child keys and kept root claims")
struct ChildKeyLongRunTests {
  /// The multi-year churn world (a founder registers a subnet every 45 days, so every new owner is
  /// auto-parented) with a child-key delegator and claim type Keep: every conservation identity
  /// holds exactly after every recorded event and at the end.
  @Test(arguments: [RootClaimType.keep, .swap])
  func conservationHoldsForYearsWithChildKeysAndRootClaims(type: RootClaimType) throws {
    var c = LongRunTests().config()
    RuleEra.aug2026.apply(to: &c)
    c.genesis.initialPrice = 0.5
    c.chain.rootClaims.type = type
    c.validators.childDelegation.validators = 1
    c.validators.childDelegation.intervalBlocks = 100_800
    var w = try World(config: c, rootSeed: 21)
    var o = CollectingObserver()
    let s = w.run(observer: &o)
    #expect(s.counters.invariantViolations == 0 && s.counters.firstViolation == nil)
    #expect(w.invariantViolations() == [])
    #expect(s.counters.subnetRegistrations >= 20)
    let l = w.state.taoLedger
    #expect(s.finalIssuance == l.genesis + l.minted - l.recycled - l.recycledFromAccounts)
  }
}

@Suite("Conviction locks and owner change in the World")
struct ConvictionLockWorldTests {
  @Test func lockedAlphaCannotBeUnstakedAndEnoughConvictionChangesTheOwner() throws {
    var c = smallConfig(subnets: 2, days: 10)
    RuleEra.aug2026.apply(to: &c)
    c.chain.locks.ownerChangeAgeBlocks = 0
    c.chain.locks.rates.unlockBlocks = 2_000
    c.chain.locks.rates.maturityBlocks = 2_000
    var w = try World(config: c, rootSeed: 4)
    w.run(until: 1_000)
    let funded = w.state.createColdkey(fundedWith: 50_000_000_000_000)
    let locker = try #require(funded)
    let hotkey = w.state.createHotkey(owner: locker, role: .honestValidator)
    w.accrue(1)
    try w.state.addStake(40_000_000_000_000, coldkey: locker, hotkey: hotkey, subnet: SubnetID(1))
    let alpha = w.state.subnets[1]!.alphaStake(of: hotkey)  // only the locker stakes on this hotkey
    do { let ok = w.apply(.lockStake(coldkey: locker, hotkey: hotkey, subnet: SubnetID(1), alpha: alpha + 1)); #expect(!ok) }
    do { let ok = w.apply(.lockStake(coldkey: locker, hotkey: hotkey, subnet: SubnetID(1), alpha: alpha)); #expect(ok) }
    // All of it is locked: nothing can be unstaked.
    do { let ok = w.apply(.removeStake(coldkey: locker, hotkey: hotkey, subnet: SubnetID(1), alpha: 1_000)); #expect(!ok) }
    let before = w.state.subnets[1]!.ownerColdkey
    w.run(until: 1_000 + 2_000)
    let s = w.state.subnets[1]!
    #expect(before != locker)
    #expect(s.ownerColdkey == locker && s.ownerHotkey == hotkey)
    #expect(s.chain.ownerUID == s.uidOfHotkey[hotkey] && s.chain.ownerUID != nil)
    #expect(w.counters.ownerChanges == 1)
    // The mass has decayed since: the unlocked part can be unstaked again.
    do { let ok = w.apply(.removeStake(coldkey: locker, hotkey: hotkey, subnet: SubnetID(1), alpha: 1_000)); #expect(ok) }
    #expect(w.invariantViolations() == [])
  }

  @Test func beforeTheLockEraLockStakeIsRefused() throws {
    var c = smallConfig(subnets: 2, days: 10)
    RuleEra.nov2025.apply(to: &c)
    var w = try World(config: c, rootSeed: 4)
    w.run(until: 1_000)
    let s = w.state.subnets[1]!
    let h = s.hotkeys[1]
    let ok = w.apply(.lockStake(coldkey: w.state.hotkeys[h.index].owner, hotkey: h, subnet: SubnetID(1), alpha: 1_000))
    #expect(!ok)
  }
}
