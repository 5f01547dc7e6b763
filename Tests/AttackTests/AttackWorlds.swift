import Metrics
import Agents
import NetworkModel
import ScenarioIO
import Simulation

/// A one-subnet world small enough for unit tests: `validators` honest validators (2 of them root
/// validators), the rest honest miners, nominators off, records every epoch.
func attackWorld(uids: Int = 32, validators: Int = 6, days: Int64 = 6, agents: [AgentSpec]) -> WorldConfig {
  var c = WorldConfig()
  c.subnetCount = 1
  c.uidsPerSubnet = uids
  c.validatorsPerSubnet = validators
  c.rootValidators = 2
  c.hyperparameters.epoch.maxAllowedValidators = validators + 8
  c.hyperparameters.minNonImmuneUids = 2
  c.nominators.count = 0
  c.horizonBlocks = days * 7_200
  c.recording.networkEveryBlocks = 7_200
  c.recording.subnetEveryEpochs = 1
  c.agents = agents
  return c
}

/// Honest miners whose utility never changes and who never leave; validators without noise.
func frozen(_ c: WorldConfig) -> WorldConfig {
  var c = c
  c.miners.evolution = .stable
  c.miners.exitProbability = 0
  c.miners.extraArrivalsPerUpdate = 0
  c.validators.weightSigma = 0
  return c
}

/// Runs `config` and returns every subnet record.
func subnetRecords(_ config: WorldConfig, seed: UInt64 = 1) throws -> [SubnetEpochRecord] {
  var world = try World(config: config, rootSeed: seed)
  var observer = CollectingObserver()
  world.run(observer: &observer)
  return observer.subnets
}

/// Mean of the values of the last `count` records.
func tailMean(_ records: [SubnetEpochRecord], last count: Int, _ value: (SubnetEpochRecord) -> Double?) -> Double? {
  let values = records.suffix(count).compactMap(value)
  return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
}
