import Agents
import Emission
import NetworkModel
import Testing

@testable import Simulation

/// New-subnet seeding and emission start (spec §17.2), dissolution (§17.4) and the swap fee
/// (§17.6) inside a running World.
@Suite("New subnets, dissolution and swap fees in the World")
struct ChainMechanismTests {
  /// A small world under `era`, stopped at block 7 300 with a funded coldkey for a subnet owner.
  func world(era: RuleEra, configure: (inout WorldConfig) -> Void = { _ in }) throws -> (World, ColdkeyID) {
    try fundedWorld(era: era) { c in
      c.chain.networkImmunityPeriod = 100
      configure(&c)
    }
  }

  @Test func aNewSubnetHoldsItsLockAtTheMedianSpotPriceAndStartsEmissionDisabled() throws {
    var (w, owner) = try world(era: .aug2026)
    for index in 1...3 { w.accrue(index) }
    let median = SubnetSeeding.medianPrice((1...3).map { w.state.subnets[$0]!.spotPrice })
    let lock = w.state.lockCost.cost(at: w.state.block, w.state.chain)
    let registered = w.registerSubnet(owner: owner, maxLock: .max)
    let id = try #require(registered)
    let s = w.state.subnets[id.index]!
    #expect(s.pool.taoReserve == lock)
    #expect(s.pool.alphaReserve == FixedMath.floorAmount(Double(lock) / median))
    #expect(s.totalStaked == 0)  // no owner alpha
    #expect(!s.hyper.emissionEnabled && s.emissionEnableBlock == nil)
    #expect(s.dissolutionTerms == .current && s.lockedTao == lock)
    // Two days on: no TAO share and no alpha_in, but alpha out is still minted and distributed.
    w.run(until: 7_300 + 2 * 7_200)
    let later = w.state.subnets[id.index]!
    #expect(w.emissionShares[id.index] == 0)
    #expect(later.ledger.mintedIn == s.ledger.mintedIn)
    #expect(later.ledger.mintedOut > 0 && later.epochIndex > 0)
    #expect(w.invariantViolations() == [])
  }

  @Test func aNewSubnetsEmissionIsEnabledAtTheFirstShareRefreshAfterTheGovernanceDelay() throws {
    var (w, owner) = try world(era: .jun2026) { $0.chain.enableEmissionAfterBlocks = 7_200 }
    let registered = w.registerSubnet(owner: owner, maxLock: .max)
    let id = try #require(registered)
    let due: Int64? = w.state.subnets[id.index]!.emissionEnableBlock
    #expect(due == Int64(7_300 + 7_200))
    w.run(until: 7_300 + 7_200 - 1)
    #expect(!w.state.subnets[id.index]!.hyper.emissionEnabled)
    let mintedIn = w.state.subnets[id.index]!.ledger.mintedIn
    w.run(until: 7_300 + 7_200 + 2 * 360)
    let s = w.state.subnets[id.index]!
    #expect(s.hyper.emissionEnabled && s.emissionEnableBlock == nil)
    #expect(w.emissionShares[id.index] > 0)
    #expect(s.ledger.mintedIn > mintedIn)
    #expect(w.invariantViolations() == [])
  }

  @Test func beforeTheBalancerEraANewPoolGetsTheMinimumLockAtPriceOneAndTheRestIsRecycled() throws {
    var (w, owner) = try world(era: .feb2025)
    let minLock = w.state.chain.minLockCost
    let first = w.registerSubnet(owner: owner, maxLock: .max)  // pays the minimum
    #expect(first != nil)
    let issuance = w.state.taoIssuance
    let lock = w.state.lockCost.cost(at: w.state.block, w.state.chain)
    #expect(lock == 2 * minLock)
    let registered = w.registerSubnet(owner: owner, maxLock: .max)
    let id = try #require(registered)
    let s = w.state.subnets[id.index]!
    #expect(s.pool.taoReserve == minLock && s.pool.alphaReserve == minLock && s.pool.kind == .constantProduct)
    #expect(s.hyper.emissionEnabled)
    #expect(w.state.taoLedger.recycledFromAccounts == lock - minLock)
    #expect(w.state.taoIssuance == issuance - (lock - minLock))
    w.run(until: 7_300 + 7_200)
    #expect(w.invariantViolations() == [])
  }

  @Test func dissolutionPaysStakersOverStakedAndProtocolAlphaAndRecyclesTheProtocolShare() throws {
    var (w, owner) = try world(era: .aug2026)
    let registered = w.registerSubnet(owner: owner, maxLock: .max)
    let id = try #require(registered)
    let index = id.index
    let created = w.state.createColdkey(fundedWith: 500_000_000_000)
    let staker = try #require(created)
    let hotkey = w.state.subnets[index]!.ownerHotkey
    try w.state.addStake(500_000_000_000, coldkey: staker, hotkey: hotkey, subnet: id)
    w.run(until: 7_300 + 720)
    w.accrue(index)
    let s = w.state.subnets[index]!
    let pot = s.pool.taoReserve
    let v = s.alphaPools.flatMap { p in p.stakers.indices.map { p.value(atIndex: $0) } }.reduce(0, +)
    let protocolValue = s.pool.alphaReserve + s.ledger.protocolHeld  // registered after 2026-06-02
    let stakerShare = Double(pot) * Double(s.alphaPools[s.alphaPoolOfHotkey[hotkey]!].value(of: staker))
      / Double(v + protocolValue)
    let before = w.state.coldkeys[staker.index].balance
    let ownerBefore = w.state.coldkeys[owner.index].balance
    let recycledBefore = w.state.taoLedger.recycledFromAccounts
    w.dissolveSubnet(index)
    let paid = Double(w.state.coldkeys[staker.index].balance - before)
    #expect(abs(paid - stakerShare) < 1.5)
    #expect(w.state.coldkeys[owner.index].balance >= ownerBefore)  // the owner's own stake share only, no refund
    let recycled = w.state.taoLedger.recycledFromAccounts - recycledBefore
    #expect(Double(recycled) > Double(pot) * Double(protocolValue) / Double(v + protocolValue) - 2)
    #expect(w.state.subnets[index] == nil && w.invariantViolations() == [])
  }

  @Test func aLegacyOwnerRefundIsCappedByTheSubnetAccountLessTheProtocolShare() throws {
    var (w, owner) = try world(era: .aug2026)
    let registered = w.registerSubnet(owner: owner, maxLock: .max)
    let id = try #require(registered)
    // Make it a legacy subnet with a large lock and 5 rao of fee residue on its account.
    w.state.subnets[id.index]!.dissolutionTerms = .legacy
    w.state.subnets[id.index]!.lockedTao = 1_000_000_000_000
    w.state.coldkeys[0].balance -= 5
    w.state.subnets[id.index]!.accountTao += 5
    // A staker holding alpha: the pot is split between it and the protocol, so only the residue
    // is left for the refund (1 000 TAO minus the owner cut's value is far more).
    let created = w.state.createColdkey(fundedWith: 100_000_000)
    let staker = try #require(created)
    try w.state.addStake(100_000_000, coldkey: staker, hotkey: w.state.subnets[id.index]!.ownerHotkey, subnet: id)
    w.accrue(id.index)
    let ownerBefore = w.state.coldkeys[owner.index].balance
    w.dissolveSubnet(id.index)
    #expect(w.state.coldkeys[owner.index].balance == ownerBefore + 5)
    #expect(w.invariantViolations() == [])
  }

  @Test func stakingAndUnstakingPayTheSwapFeeToTheBlockAuthor() throws {
    var (w, owner) = try world(era: .aug2026)
    let subnet = SubnetID(1)
    let hotkey = w.state.subnets[1]!.ownerHotkey
    w.accrue(1)
    let fees = w.state.taoLedger.authorFees  // the nominators' so far
    try w.state.addStake(65_535_000, coldkey: owner, hotkey: hotkey, subnet: subnet)
    #expect(w.state.taoLedger.authorFees - fees == 33_000)
    let alpha = w.state.subnets[1]!.alphaPools[w.state.subnets[1]!.alphaPoolOfHotkey[hotkey]!].value(of: owner)
    var copy = w.state.subnets[1]!.pool
    let expected = copy.sellAlphaPayingFee(alpha: alpha).fee
    try w.state.removeStake(alpha, coldkey: owner, hotkey: hotkey, subnet: subnet)
    #expect(w.state.taoLedger.authorFees - fees == 33_000 + expected && expected > 0)
    #expect(w.invariantViolations() == [])
    // The 2025-02 era's constant-product pool has no fee.
    var (old, oldOwner) = try world(era: .feb2025)
    try old.state.addStake(65_535_000, coldkey: oldOwner, hotkey: old.state.subnets[1]!.ownerHotkey, subnet: subnet)
    #expect(old.state.taoLedger.authorFees == 0 && old.invariantViolations() == [])
  }
}
