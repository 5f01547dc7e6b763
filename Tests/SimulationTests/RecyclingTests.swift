import Emission
import NetworkModel
import Testing

@testable import Simulation

/// Unallocated block emission is recycled: issuance falls by it and the halvings move (spec §17.3).
@Suite("Recycling of unallocated emission (spec §17.3)")
struct RecyclingTests {
  @Test func withNoEnabledSubnetEveryBlockEmissionIsRecycledAndTheHalvingWaits() throws {
    var c = smallConfig(subnets: 2, days: 2)
    c.hyperparameters.emissionEnabled = false
    c.genesis.initialEMAPrice = 0
    // 1 000 TAO below the first halving: 1 000 blocks of 1 TAO would cross it without recycling.
    let genesis = HalvingSchedule().threshold(1) - 1_000 * 1_000_000_000
    c.genesis.initialIssuance = genesis
    var w = try World(config: c, rootSeed: 3)
    w.run(until: 7_201)
    let l = w.state.taoLedger
    #expect(w.invariantViolations() == [])
    #expect(l.allocated == 0)
    #expect(l.minted == 7_201 * 1_000_000_000)
    #expect(l.recycled >= 7_200 * 1_000_000_000)
    #expect(w.state.taoIssuance == genesis + l.minted - l.recycled)
    #expect(w.state.taoIssuance - genesis <= 360 * 1_000_000_000)  // at most the open piece
    #expect(HalvingSchedule().blockEmission(w.state.taoIssuance) == 1_000_000_000)
    // Disabled subnets are emit-eligible: their EMA price still moves (spec §9.4, §17.2).
    #expect(w.state.subnets[1]!.emaPrice > 0 && w.state.subnets[2]!.emaPrice > 0)
    #expect(w.emissionShares == [0, 0, 0])
  }

  @Test func withEnabledSubnetsOnlyTheSharesFlooringDustIsRecycled() throws {
    var w = try World(config: smallConfig(subnets: 3, days: 2), rootSeed: 4)
    w.run(until: 7_201)
    let l = w.state.taoLedger
    #expect(w.invariantViolations() == [])
    #expect(l.recycled > 0 && l.recycled < 20 * 3)  // < 1 rao per subnet per closed piece
    // The open piece (one block) is allocated but for its dust.
    #expect(w.state.taoIssuance - l.genesis - l.allocated < 3)
  }

  @Test func aRegistrationBurnCountsAsTaoInflowOnlyWhenTheEraSaysSo() throws {
    for counts in [false, true] {
      var c = smallConfig(subnets: 1, days: 1)
      c.chain.registrationBurnIsFlow = counts
      c.nominators.count = 0
      var w = try World(config: c, rootSeed: 8)
      w.run(until: 10)
      let before = w.state.subnets[1]!.netTaoFlowSinceRefresh
      let price = w.state.subnets[1]!.burn.price(at: 10, w.state.subnets[1]!.hyper)
      #expect(w.registerNeuron(SubnetID(1), nil, .honestMiner, 1, .max) != nil)
      let after = w.state.subnets[1]!.netTaoFlowSinceRefresh
      #expect(after - before == (counts ? Double(price) : 0))
    }
  }
}
