import Metrics
import Agents
import Emission
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

/// Runs `c` from `seed`, expects every invariant to hold throughout and at the end, and returns the
/// network and subnet records as text (for byte-for-byte comparisons of two runs).
func records(_ c: WorldConfig, seed: UInt64) throws -> String {
  var world = try World(config: c, rootSeed: seed)
  var observer = CollectingObserver()
  let summary = world.run(observer: &observer)
  #expect(summary.counters.invariantViolations == 0)
  #expect(world.invariantViolations() == [])
  return "\(observer.network)\n\(observer.subnets)"
}

/// A small world (3 subnets, 10 days) under `era` with no network rate limit and `configure`
/// applied, run to block 7 300, and a coldkey funded with 10 000 TAO (a subnet owner to be).
func fundedWorld(era: RuleEra, configure: (inout WorldConfig) -> Void) throws -> (World, ColdkeyID) {
  var c = smallConfig(subnets: 3, days: 10)
  era.apply(to: &c)
  c.chain.networkRateLimit = 0
  configure(&c)
  var w = try World(config: c, rootSeed: 4)
  w.run(until: 7_300)
  let funded = w.state.createColdkey(fundedWith: 10_000_000_000_000)
  return (w, try #require(funded))
}

@Suite struct WorldSmokeTests {
  @Test(arguments: [UInt64(1), 7])
  func aSmallWorldRunsWithItsInvariantsHolding(seed: UInt64) throws {
    var world = try World(config: smallConfig(), rootSeed: seed)
    var observer = CollectingObserver()
    let summary = world.run(observer: &observer)
    #expect(world.invariantViolations() == [])
    #expect(summary.counters.epochs >= 3 * 5 * 20 - 3)
    #expect(observer.network.count == 5 + 1)  // days 0 (genesis) to 5
    #expect(!observer.subnets.isEmpty)
  }
}

/// Conservation is checked in every build, at every recorded row: a broken ledger stops the run
/// and is reported instead of trapping (debug) or passing unnoticed (release).
@Suite("Conservation checks in every build")
struct ConservationCheckTests {
  @Test("a run checks the invariants after each recorded row and at the end")
  func checksAtRows() throws {
    var world = try World(config: smallConfig(days: 3), rootSeed: 5)
    let summary = world.run()
    #expect(summary.counters.invariantViolations == 0)
    // Network rows at blocks 0, 7200, 14400 and the epochs' subnet rows: at least one check each.
    #expect(summary.counters.invariantChecks >= 4)
    #expect(summary.counters.firstViolation == nil)
  }

  @Test("a wrong coldkey balance is caught by the check after a row as well as by the full check")
  func aWrongBalanceIsCaughtWithoutScanningTheColdkeys() throws {
    var world = try World(config: smallConfig(days: 1), rootSeed: 5)
    world.run(until: 100)
    #expect(world.invariantViolations(subnets: []).isEmpty && world.invariantViolations().isEmpty)
    let k = world.state.coldkeys.count - 1
    world.state.coldkeys[k].balance += 1
    #expect(world.invariantViolations(subnets: []).contains { $0.contains("TAO not conserved") })
    #expect(world.invariantViolations().contains { $0.contains("TAO not conserved") })
    world.state.coldkeys[k] = Coldkey(balance: world.state.coldkeys[k].balance - 1)
    #expect(world.invariantViolations(subnets: []).isEmpty && world.invariantViolations().isEmpty)
  }

  @Test("a ledger that stops adding up stops the run and names the violation")
  func violationStopsTheRun() throws {
    var clean = try World(config: smallConfig(days: 3), rootSeed: 5)
    let full = clean.run()
    var world = try World(config: smallConfig(days: 3), rootSeed: 5)
    world.run(until: 100)
    world.state.coldkeys[0].balance += 1
    let summary = world.run()
    #expect(summary.counters.invariantViolations == 1)
    #expect(summary.counters.firstViolation?.contains("TAO not conserved") == true)
    #expect(summary.counters.events < full.counters.events)
  }
}
