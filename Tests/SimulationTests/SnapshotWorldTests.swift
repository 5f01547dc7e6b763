import Agents
import Foundation
import NetworkModel
import Testing

@testable import Simulation

/// Worlds built from the 2026-04-11 mainnet snapshot (`data/mainnet/subnets-2026-04-11.csv`;
/// `docs/calibration.md` §1 and §4).
@Suite("Worlds from the mainnet snapshot")
struct SnapshotWorldTests {
  static func snapshot() throws -> NetworkSnapshot {
    let file = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("data/mainnet/subnets-2026-04-11.csv")
    return try NetworkSnapshot.parse(try String(contentsOf: file, encoding: .utf8))
  }

  /// The current era's defaults on a rescaled sample of `count` snapshot subnets, 32 UIDs each.
  static func config(count: Int, days: Int64, uids: Int = 32) throws -> WorldConfig {
    let s = try snapshot()
    var c = WorldConfig()
    c.genesis.snapshot = SnapshotGenesis(source: "mainnet", rootStake: s.rootStake, subnets: s.rescaled(s.sample(count)))
    c.subnetCount = count
    c.uidsPerSubnet = uids
    c.validatorsPerSubnet = uids / 4
    c.rootValidators = 4
    c.hyperparameters.minNonImmuneUids = 2
    c.nominators.count = 0
    c.horizonBlocks = days * 7_200
    c.recording.networkEveryBlocks = 0
    c.recording.subnetEveryEpochs = 0
    return c
  }

  @Test("Genesis takes each sampled subnet's pool, moving price, outstanding alpha, tempo and age from the snapshot")
  func genesisFollowsTheSnapshot() throws {
    let c = try Self.config(count: 8, days: 1)
    let w = try World(config: c, rootSeed: 1)
    let rows = c.genesis.snapshot!.subnets
    #expect(w.state.totalRootStake == (try Self.snapshot()).rootStake)
    for (k, row) in rows.enumerated() {
      let s = w.state.subnets[k + 1]!
      // The reserves as recorded, and the weights under which they give the recorded spot price.
      #expect(s.pool.taoReserve == row.taoIn && s.pool.alphaReserve == row.alphaIn)
      #expect(abs(s.pool.spotPrice - row.price) <= 1e-9 * row.price)
      #expect(s.emaPrice == row.movingPrice)
      #expect(s.alphaIssuance == row.alphaIssuance)
      #expect(s.hyper.tempo == row.tempo && s.hyper.immunityPeriod == row.immunityPeriod)
      #expect(s.registeredAt == -c.genesis.snapshot!.ageBlocks(row))
    }
    #expect(abs(rows.reduce(0) { $0 + $1.movingPrice } - 1.30725) < 1e-4)
  }

  @Test("Subnet utility profiles are keyed by netuid: more subnets change no subnet's profile, and capture subnets sit at capture_scale")
  func subnetProfiles() throws {
    var p = SubnetUtilityParameters()
    p.scale = .lognormal(mu: 0, sigma: 1.5)
    p.spreadSigma = 0.3
    p.driftSigma = 0.02
    p.captureShare = 0.2
    let streams = StreamFactory(rootSeed: 9, replication: 0)
    let profiles = (1...64).map { p.profile(netuid: $0, streams: streams) }
    #expect(profiles[0..<8] == (1...8).map { p.profile(netuid: $0, streams: StreamFactory(rootSeed: 9, replication: 0)) }[...])
    let capture = profiles.filter(\.isCapture)
    #expect(!capture.isEmpty && capture.count < 32)
    #expect(capture.allSatisfy { $0.scale == 0.001 })
    #expect(Set(profiles.map(\.scale)).count > 40)
    #expect(SubnetUtilityParameters().profile(netuid: 3, streams: streams) == .neutral)
  }

  /// A reduced world (4 sampled subnets × 16 UIDs, 64 loyal nominators, as many per subnet as the
  /// shipped sample) so the year runs in seconds. The whole network (3.21 on day 364) and the
  /// shipped 16-subnet sample (2.68) leave the band; `docs/calibration.md` §4 has the numbers.
  @Test("From the 2026-04 snapshot, Σ moving prices stays within [0.5, 2.5] for a simulated year under the current era (4 sampled subnets, 16 UIDs, 64 nominators)")
  func movingPriceSumStaysBounded() throws {
    var c = try Self.config(count: 4, days: 365, uids: 16)
    c.nominators.count = 64
    c.nominators.rule = .loyal
    var w = try World(config: c, rootSeed: 7)
    var sums: [Double] = []
    for day in stride(from: 30, through: 365, by: 30) + [365] {
      w.run(until: Int64(day) * 7_200)
      sums.append(w.state.subnets.compactMap { $0?.emaPrice }.reduce(0, +))
    }
    #expect(sums.allSatisfy { (0.5...2.5).contains($0) }, "Σ moving prices every 30 days: \(sums)")
  }
}
