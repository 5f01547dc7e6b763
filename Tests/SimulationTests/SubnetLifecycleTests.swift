import Agents
import NetworkModel
import Testing

@testable import Simulation

@Suite("Subnet registration, dissolution and delegation")
struct SubnetLifecycleTests {
  @Test func registeringAtTheLimitDissolvesTheLowestPricedNonImmuneSubnetAndConservesTAO() throws {
    var c = smallConfig(subnets: 3, days: 2)
    c.chain.subnetLimit = 3
    c.chain.networkImmunityPeriod = 100
    c.chain.minLockCost = ChainParameters.runtimeMinLockCost  // the runtime's 1 000 TAO, not mainnet's 1 TAO
    let at: Int64 = 7_300
    c.agents = [
      AgentSpec(
        name: "founder", role: .owner, balance: 5_000_000_000_000,
        make: { setup in
          let coldkey = setup.coldkey
          return ScriptedAgent(at: at) { _ in [.registerSubnet(coldkey: coldkey, maxLock: 2_000_000_000_000)] }
        })
    ]
    var w = try World(config: c, rootSeed: 6)
    w.run(until: at - 1)
    let prices = (1...3).map { w.state.subnets[$0]!.emaPrice }
    let victim = 1 + prices.indices.min { (prices[$0], $0) < (prices[$1], $1) }!
    let stakers = w.state.subnets[victim]!.alphaPools.flatMap(\.stakers)
    let balancesBefore = stakers.map { w.state.coldkeys[$0.index].balance }
    w.run(until: at)
    #expect(w.counters.subnetDissolutions == 1 && w.counters.subnetRegistrations == 1)
    let fresh = w.state.subnets[victim]!
    #expect(fresh.registeredAt == at)
    #expect(w.state.coldkeys[fresh.ownerColdkey.index].balance == 4_000_000_000_000)  // paid the 1 000 TAO lock
    #expect(fresh.pool.taoReserve == 1_000_000_000_000 && fresh.n == 1)
    // The dissolved pool's TAO went to its stakers.
    let gained = zip(stakers, balancesBefore).map { w.state.coldkeys[$0.0.index].balance > $0.1 }
    #expect(gained.contains(true))
    #expect(w.invariantViolations() == [])
    // The new subnet keeps running epochs.
    w.run(until: at + 2 * 360)
    #expect(w.state.subnets[victim]!.epochIndex >= 1)
    #expect(w.invariantViolations() == [])
  }

  @Test func nominatorsFollowingTheLargestRuleDelegateToTheLargestPermitHolder() throws {
    var c = smallConfig(subnets: 1, days: 2)
    c.nominators.count = 3
    c.nominators.rule = .largest
    c.nominators.intervalBlocks = 7_200
    var w = try World(config: c, rootSeed: 9)
    let s0 = w.state.subnets[1]!
    let permitted = (0..<s0.n).filter { s0.chain.validatorPermit[$0] && $0 != s0.chain.ownerUID }
    let largest = permitted.max { (s0.chain.alphaStake[$0], $1) < (s0.chain.alphaStake[$1], $0) }!
    let hotkey = s0.hotkeys[largest]
    let before = s0.alphaStake(of: hotkey)
    w.run(until: c.nominators.intervalBlocks / 2)
    let pool = w.state.subnets[1]!.alphaPools[w.state.subnets[1]!.alphaPoolOfHotkey[hotkey]!]
    #expect(pool.amount > before)
    #expect(pool.stakers.count == 1 + 3)
    #expect(w.invariantViolations() == [])
  }
}
