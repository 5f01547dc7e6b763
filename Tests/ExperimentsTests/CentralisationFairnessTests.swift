import Metrics
import NetworkModel
import Testing

@testable import Simulation

/// The centralisation and cross-subnet fairness measurements on small worlds.
@Suite("Centralisation and fairness across subnets")
struct CentralisationFairnessTests {
  /// `subnets` subnets of `uids` UIDs with `validators` staked honest validators (2 of them root
  /// validators shared by every subnet) and `permits` validator permits each.
  static func config(subnets: Int = 3, uids: Int = 32, validators: Int = 8, permits: Int = 9) -> WorldConfig {
    var c = WorldConfig()
    c.subnetCount = subnets
    c.uidsPerSubnet = uids
    c.validatorsPerSubnet = validators
    c.rootValidators = 2
    c.hyperparameters.epoch.maxAllowedValidators = permits
    c.nominators.count = 0
    c.horizonBlocks = 3 * 7_200
    c.recording.networkEveryBlocks = 0
    c.recording.subnetEveryEpochs = 0
    return c
  }

  /// The network record after one day of a world of `c`.
  static func dayOne(_ c: WorldConfig) throws -> NetworkEpochRecord {
    var w = try World(config: c, rootSeed: 1)
    _ = w.run(until: 7_200)
    return w.view.networkRecord()
  }

  @Test("owners and miners holding permits are not validators: the top 10 of 8 validators hold all stake weight")
  func onlyStakedValidatorsCount() throws {
    // 16 permits: the owner, the 8 validators and 7 miners, whose staked emission is stake.
    let centralisation = try Self.dayOne(Self.config(permits: 16)).centralisation
    #expect(centralisation.subnetTop10Max == 1)
    #expect(centralisation.subnetTop10Median == 1)
    #expect(try #require(centralisation.subnetNakamotoMax) <= 8)
    // 3 × 6 subnet validators + 2 root validators = 20 hotkeys: the 10 largest hold less than all.
    #expect(centralisation.hotkeys.topShare > 0 && centralisation.hotkeys.topShare < 1)
    // Grouping hotkeys into entities can only concentrate stake.
    #expect(centralisation.entities.topShare >= centralisation.hotkeys.topShare)
  }

  @Test("every subnet a capture subnet gives a capture share of 1; none gives 0")
  func captureShare() throws {
    var c = Self.config()
    #expect(try Self.dayOne(c).subnetFairness.captureShare == 0)
    c.subnetUtility.captureShare = 1
    let w = try World(config: c, rootSeed: 1)
    #expect((1...3).allSatisfy { w.view.isCaptureSubnet($0) })
    #expect(try Self.dayOne(c).subnetFairness.captureShare == 1)
  }

  @Test("alike subnets: emission Gini near 0 and HHI near 1/3")
  func alikeSubnets() throws {
    let fairness = try Self.dayOne(Self.config()).subnetFairness
    #expect(abs(fairness.gini) < 1e-6)
    #expect(abs(fairness.hhi - 1.0 / 3) < 1e-6)
  }

  @Test("a subnet with fewer than 10 miners records no utility–incentive correlation")
  func fewMinersNoCorrelation() throws {
    // 16 UIDs, 9 permits: 7 miners.
    var w = try World(config: Self.config(subnets: 2, uids: 16), rootSeed: 1)
    _ = w.run(until: 2 * 7_200)
    #expect((1...2).allSatisfy { w.view.subnetRecord($0).spearmanUtilityIncentive == nil })
    #expect(w.view.networkRecord().spearmanUtilityIncentive == nil)
    // 32 UIDs, 9 permits: 23 miners.
    var wide = try World(config: Self.config(subnets: 2, uids: 32), rootSeed: 1)
    _ = wide.run(until: 2 * 7_200)
    #expect(wide.view.subnetRecord(1).spearmanUtilityIncentive != nil)
  }
}
