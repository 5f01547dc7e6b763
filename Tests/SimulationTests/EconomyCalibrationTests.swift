import Agents
import NetworkModel
import Testing

@testable import Simulation

/// Σ moving prices from the 2026-04 snapshot with sellers and yield stakers on: the world of the
/// shipped default (16 sampled subnets, 16 nominators per subnet) that left the band without them
/// (2.68 on day 364), shrunk to 16 UIDs per subnet so the year runs in the suite.
@Suite("Σ moving prices with sellers and yield stakers")
struct EconomyCalibrationTests {
  /// The stakers and economics of `Scenarios/mainnet-2026-04.yaml` (docs/calibration.md §6).
  static func mainnetEconomy(_ c: inout WorldConfig) {
    c.stakers.count = 256
    c.stakers.stakeShare = 0.2
    c.stakers.reconsiderFraction = 0.1
    c.stakers.yieldWeight = 1
    c.stakers.utilityWeight = 0.05
    c.stakers.noise = 0.05
    c.stakers.horizonDays = 30
    c.economics.enabled = true
    c.economics.gpuHourUSD = 1.20
    c.economics.taoUSD = 300
    c.economics.gpusPerMiner = 1
    c.economics.minerSellFraction = 0.9
    c.economics.ownerSellFraction = 0.5
    c.economics.validatorSellFraction = 0.5
    c.economics.exitWindowDays = 14
  }

  @Test("From the 2026-04 snapshot, Σ moving prices stays within [0.5, 2.5] for a simulated year on the shipped sample's 16 subnets with miners, owners and validators selling and stake following yield")
  func movingPriceSumStaysBoundedWithSellers() throws {
    var c = try SnapshotWorldTests.config(count: 16, days: 365, uids: 16)
    c.rootValidators = 4
    c.nominators.count = 256
    c.nominators.rule = .loyal
    Self.mainnetEconomy(&c)
    var w = try World(config: c, rootSeed: 42)
    var sums: [Double] = []
    for day in stride(from: 30, through: 365, by: 30) + [365] {
      w.run(until: Int64(day) * 7_200)
      sums.append(w.state.subnets.compactMap { $0?.emaPrice }.reduce(0, +))
    }
    #expect(w.invariantViolations() == [])
    #expect(sums.allSatisfy { (0.5...2.5).contains($0) }, "Σ moving prices every 30 days: \(sums)")
  }
}
