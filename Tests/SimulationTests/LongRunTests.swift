import Metrics
import Agents
import Emission
import NetworkModel
import Testing

@testable import Simulation

@Suite("Multi-year randomized run")
struct LongRunTests {
  /// 2 subnets × 16 UIDs over 3 years with a daily tempo; churn (of miners and of subnets: a
  /// founder registers one every 45 days at a limit of 3), nominators that chase yield,
  /// commit-reveal on one subnet and off on the other, a TAO halving crossed in year 1; run under
  /// each rule era (the 2025-11 era's tao-flow policy was this test's policy before eras existed).
  func config() -> WorldConfig {
    var c = WorldConfig()
    c.subnetCount = 2
    c.uidsPerSubnet = 16
    c.validatorsPerSubnet = 4
    c.rootValidators = 1
    c.hyperparameters.tempo = 7_200
    c.hyperparameters.epoch.maxAllowedValidators = 5
    c.hyperparameters.minNonImmuneUids = 2
    c.hyperparameters.immunityPeriod = 20_000
    var off = SubnetHyperparameterOverrides(subnets: [2])
    off.commitRevealInterval = 0
    off.yuma3 = false
    c.subnetOverrides = [off]
    c.shareRefreshBlocks = 7_200
    c.genesis.initialIssuance = 15_000_000 * 1_000_000_000
    c.miners.updateIntervalBlocks = 50_400
    c.miners.exitProbability = 0.05
    c.miners.evolution = .regimeShifts(probability: 0.1)
    c.validators.weightIntervalBlocks = 7_200
    c.validators.noiseRefreshBlocks = 100_000
    c.nominators.count = 4
    c.nominators.rule = .bestYield
    c.nominators.moveExisting = true
    c.nominators.intervalBlocks = 50_400
    c.emissionPolicy = "tao-flow"
    // Subnet churn: a founder registers a subnet every 45 days at a limit of 3, so each
    // registration after the first dissolves the lowest-priced non-immune subnet (spec §17.2, §17.4).
    c.chain.subnetLimit = 3
    c.chain.networkImmunityPeriod = 100_800
    c.agents = [
      AgentSpec(name: "founder", role: .owner, balance: 100_000_000_000_000) { setup in
        Founder(coldkey: setup.coldkey, interval: 45 * 7_200, stake: 10_000_000_000)
      }
    ]
    c.horizonBlocks = 3 * 2_628_000
    c.recording.networkEveryBlocks = 201_600
    c.recording.subnetEveryEpochs = 30
    return c
  }

  /// Every era's rules on the same world: conservation, recycling included, exact in rao.
  @Test(arguments: RuleEra.allCases)
  func conservationHoldsForYearsAcrossAHalvingWithChurn(era: RuleEra) throws {
    var c = config()
    era.apply(to: &c)
    var w = try World(config: c, rootSeed: 21)
    var o = CollectingObserver()
    let s = w.run(observer: &o)
    // Debug builds also check the invariants after every event.
    #expect(w.invariantViolations() == [])
    let l = w.state.taoLedger
    // Everything minted was handed to a pool, recycled, or is the open piece's pending emission
    // (its flooring dust, < 1 rao per subnet, is recycled when the piece closes).
    // Recycling lowers issuance and so moves the halvings: without it the schedule alone would
    // give this issuance; with it the world differs (here the 15.75 M halving comes later).
    let unrecycled = HalvingSchedule().advance(15_000_000 * 1_000_000_000, blocks: c.horizonBlocks)
    #expect(l.recycled > 0)
    #expect(s.finalIssuance != unrecycled)
    #expect(s.finalIssuance == l.genesis + l.minted - l.recycled - l.recycledFromAccounts)
    #expect(s.finalIssuance + l.recycledFromAccounts - (l.genesis + l.allocated) < 2)
    #expect(s.finalIssuance > 15_750_000 * 1_000_000_000)
    #expect(HalvingSchedule().blockEmission(s.finalIssuance) == 250_000_000)
    #expect(s.counters.registrations > 0)
    #expect(s.counters.subnetRegistrations >= 20 && s.counters.subnetDissolutions >= 19)
    #expect(l.recycledFromAccounts > 0)  // protocol shares (and, before 2026-04, lock excess) recycled
    #expect(era.rules.poolKind == .constantProduct || l.authorFees > 0)
    #expect(s.counters.reveals > 0)
    #expect(s.counters.failedEpochs == 0)
    #expect(o.network.allSatisfy { $0.issuance <= 21_000_000 })
    #expect(o.subnets.allSatisfy { $0.spotPrice.isFinite && $0.emaPrice.isFinite })
  }
}
