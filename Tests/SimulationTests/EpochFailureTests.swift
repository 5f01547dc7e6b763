import EpochTypes
import NetworkModel
import Testing

@testable import Simulation

/// A failed epoch is not counted and forgotten: the run stops there and says which epoch and why.
@Suite("Failed epochs stop the run")
struct EpochFailureTests {
  @Test("an epoch whose inputs are inconsistent stops the run with its subnet, block and reason")
  func inconsistentEpochStopsTheRun() throws {
    var world = try World(config: smallConfig(days: 2), rootSeed: 3)
    // An owner UID outside the subnet: the epoch's input check refuses it (spec §2).
    world.state.subnets[2]?.chain.ownerUID = 10_000
    let summary = world.run()
    let failure = try #require(summary.counters.epochFailure)
    #expect(failure.subnet == SubnetID(2))
    #expect(failure.error == .uidOutOfRange(field: "ownerUID", row: 0, uid: 10_000))
    #expect(summary.counters.failedEpochs == 1)
    // Stopped at the failure: far fewer epochs than two days of three subnets' tempos.
    #expect(summary.counters.epochs < 3 * 2 * 20)
    #expect(failure.description.contains("netuid 2") && failure.description.contains("ownerUID"))
  }

  @Test("a consistent world has no failed epoch")
  func consistentWorldHasNone() throws {
    var world = try World(config: smallConfig(days: 1), rootSeed: 3)
    let summary = world.run()
    #expect(summary.counters.epochFailure == nil && summary.counters.failedEpochs == 0)
  }
}
