
import NetworkModel
import ScenarioIO

import TestSupport
import Testing

@testable import Experiments
@testable import Metrics
@testable import Simulation

/// A scenario whose permits reach past its staked validators is warned about at the key that
/// sets them, and the centralisation metrics still count only staked validators.
@Suite("Permits reaching miners")
struct PermitWarningTests {
  static func scenario(validators: Int, maxValidators: Int) -> String {
    """
    seed: 4
    horizon_days: 2
    network:
      subnets: 2
      uids_per_subnet: 24
      validators_per_subnet: \(validators)
      root_validators: 2
    subnet:
      tempo_blocks: 360
      max_validators: \(maxValidators)
    """
  }

  static func load(_ text: String, in folder: TemporaryFolder) throws -> LoadedScenario {
    try ExperimentRunner(kernel: WorldKernel()).load(try folder.write("permits.yaml", text))
  }

  @Test("max_validators above owner + validators warns at network.validators_per_subnet with file:line:column")
  func warns() throws {
    let folder = try TemporaryFolder()
    let loaded = try Self.load(Self.scenario(validators: 4, maxValidators: 16), in: folder)
    let warnings = ExperimentRunner(kernel: WorldKernel()).warnings(loaded)
    let warning = try #require(warnings.first)
    #expect(warnings.count == 1)
    #expect(warning.path == "network.validators_per_subnet")
    #expect("\(warning.location)".hasSuffix("permits.yaml:6:26"), "\(warning.location)")
    #expect(warning.message.contains("2 subnets"))
    #expect(warning.message.contains("11 permit(s) go to miners"))
  }

  @Test("owner + validators filling max_validators gives no warning", arguments: [(8, 9), (8, 4), (23, 64)])
  func noWarning(validators: Int, maxValidators: Int) throws {
    let folder = try TemporaryFolder()
    let loaded = try Self.load(Self.scenario(validators: validators, maxValidators: maxValidators), in: folder)
    #expect(ExperimentRunner(kernel: WorldKernel()).warnings(loaded).isEmpty)
  }

  @Test("miners holding permits are not counted as validators by the centralisation metrics")
  func centralisationCountsStakedValidatorsOnly() throws {
    let folder = try TemporaryFolder()
    let loaded = try Self.load(Self.scenario(validators: 4, maxValidators: 16), in: folder)
    var world = try World(config: WorldBuilder.config(loaded.spec), rootSeed: 4)
    var observer = CollectingObserver()
    world.run(observer: &observer)
    let view = world.view
    var minerPermits = 0
    var counted = 0
    for index in view.state.subnets.indices {
      guard let s = view.state.subnets[index] else { continue }
      for uid in 0..<s.n where s.chain.validatorPermit[uid] {
        let role = view.state.hotkeys[s.hotkeys[uid].index].role
        let weight = Double(s.chain.alphaStake[uid]) + view.state.chain.tau * Double(s.chain.rootStake[uid])
        if role == .honestMiner { minerPermits += 1 }
        if WorldView.isStakedValidator(s, uid: uid, role: role, weight: weight) {
          counted += 1
          #expect(role == .honestValidator)
        }
      }
    }
    // Miners did come to hold permits, yet only the 4 honest validators of each subnet count.
    #expect(minerPermits > 0)
    #expect(counted == 2 * 4)
    // With 8 equal-ish validators network-wide the top-10 share of them is all their stake.
    #expect(view.centralisation().hotkeys.topShare == 1)
  }
}
