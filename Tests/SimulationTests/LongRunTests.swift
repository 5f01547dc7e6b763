import Agents
import Emission
import NetworkModel
import Testing

@testable import Simulation

@Suite("Multi-year randomized run")
struct LongRunTests {
  /// 2 subnets × 16 UIDs over 3 years with a daily tempo; churn, nominators that chase yield,
  /// commit-reveal on one subnet and off on the other, a TAO halving crossed in year 1.
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
    c.horizonBlocks = 3 * 2_628_000
    c.recording.networkEveryBlocks = 201_600
    c.recording.subnetEveryEpochs = 30
    return c
  }

  @Test(arguments: [UInt64(21)])
  func conservationHoldsForYearsAcrossAHalvingWithChurn(seed: UInt64) throws {
    var w = try World(config: config(), rootSeed: seed)
    var o = CollectingObserver()
    let s = w.run(observer: &o)
    // Debug builds also check the invariants after every event.
    #expect(w.invariantViolations() == [])
    let expected = HalvingSchedule().advance(15_000_000 * 1_000_000_000, blocks: config().horizonBlocks)
    #expect(s.finalIssuance == expected)
    #expect(expected > 15_750_000 * 1_000_000_000)
    #expect(HalvingSchedule().blockEmission(s.finalIssuance) == 250_000_000)
    let l = w.state.taoLedger
    // The open share piece's flooring dust (< 1 rao per subnet) is booked when the piece closes.
    #expect(s.finalIssuance - (l.genesis + l.allocated + l.unallocated) < 2)
    #expect(s.counters.registrations > 0)
    #expect(s.counters.reveals > 0)
    #expect(s.counters.failedEpochs == 0)
    #expect(o.network.allSatisfy { $0.issuance <= 21_000_000 })
    #expect(o.subnets.allSatisfy { $0.spotPrice.isFinite && $0.emaPrice.isFinite })
  }
}
