import Agents
import NetworkModel
import Testing

@testable import Simulation

/// A small world every test can afford.
func smallConfig(subnets: Int = 3, uids: Int = 24, validators: Int = 6, days: Int64 = 5) -> WorldConfig {
  var c = WorldConfig()
  c.subnetCount = subnets
  c.uidsPerSubnet = uids
  c.validatorsPerSubnet = validators
  c.rootValidators = 2
  c.hyperparameters.epoch.maxAllowedValidators = validators + 1
  c.hyperparameters.minNonImmuneUids = 2
  c.nominators.count = 8
  c.horizonBlocks = days * 7_200
  c.recording.networkEveryBlocks = 7_200
  c.recording.subnetEveryEpochs = 20
  return c
}

@Suite struct WorldSmokeTests {
  @Test(arguments: [UInt64(1), 7])
  func aSmallWorldRunsWithItsInvariantsHolding(seed: UInt64) throws {
    var world = try World(config: smallConfig(), rootSeed: seed)
    var observer = CollectingObserver()
    let summary = world.run(observer: &observer)
    #expect(world.invariantViolations() == [])
    #expect(summary.counters.epochs >= 3 * 5 * 20 - 3)
    #expect(observer.network.count == 5)
    #expect(!observer.subnets.isEmpty)
  }
}
