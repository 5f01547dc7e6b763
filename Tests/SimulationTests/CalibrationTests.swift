import Agents
import Emission
import Foundation
import NetworkModel
import SimCore
import Testing

@testable import Simulation

/// Calibration checks with their sources in `docs/calibration.md`: the root-proportion identity
/// of a fresh subnet and the alpha-APR identity.
@Suite("Calibration: root proportion and alpha APR")
struct CalibrationTests {
  static let rao = 1_000_000_000.0

  static func row(
    _ netuid: Int, taoIn: Double, alphaIn: Double, alphaOut: Double, movingPrice: Double, tempo: Int64 = 360
  ) -> NetworkSnapshot.SubnetRow {
    NetworkSnapshot.SubnetRow(
      netuid: netuid, price: taoIn / alphaIn, movingPrice: movingPrice, taoIn: UInt64(taoIn * rao),
      alphaIn: UInt64(alphaIn * rao), alphaOut: UInt64(alphaOut * rao), registrationCost: 0, immunityPeriod: 5_000,
      tempo: tempo)
  }

  /// The established subnet: 1 M alpha in a 1.5 M-TAO pool (price 1.5) and 5 M alpha staked, so
  /// its moving price stays above 1 (Σ P̄ > 1: root alpha is sold, never recycled) and its ρ is
  /// about 0.2 with R = 9 M.
  static let established = row(1, taoIn: 1_500_000, alphaIn: 1_000_000, alphaOut: 5_000_000, movingPrice: 1.5)
  /// A fresh subnet: 50 000 alpha in a 1 000-TAO pool, nothing outstanding, moving price 0.
  static let fresh = row(2, taoIn: 1_000, alphaIn: 50_000, alphaOut: 0, movingPrice: 0)

  /// `rows` under the `equal` policy (no gate) with R TAO on root and τ = 0.18 (`rows` = [established,
  /// fresh] unless given).
  static func freshSubnetWorld(
    rootTao: Double, era: RuleEra, days: Int64, rows: [NetworkSnapshot.SubnetRow] = [established, fresh]
  ) -> WorldConfig {
    var c = WorldConfig(era: era)
    c.subnetCount = rows.count
    c.uidsPerSubnet = 16
    c.validatorsPerSubnet = 4
    c.rootValidators = 4
    c.hyperparameters.epoch.maxAllowedValidators = 5
    c.hyperparameters.minNonImmuneUids = 2
    c.nominators.count = 0
    c.miners.exitProbability = 0
    c.emissionPolicy = "equal"
    c.emissionPolicyParameters = [:]
    c.emissionGate = .off
    c.chain.taoWeight = UInt64(0.18 * 18_446_744_073_709_551_615.0)
    c.genesis.snapshot = SnapshotGenesis(
      source: "calibration", rootStake: UInt64(rootTao * rao),
      subnets: rows)
    c.horizonBlocks = days * 7_200
    c.recording.networkEveryBlocks = 0
    c.recording.subnetEveryEpochs = 0
    return c
  }

  /// ρ of netuid `index` now (spec §9.5).
  static func rho(_ w: World, _ index: Int) -> Double {
    RootProportion.value(
      tau: w.state.chain.tau, totalRootStake: w.state.totalRootStake, alphaIssuance: w.state.subnets[index]!.alphaIssuance)
  }

  /// Daily samples of the fresh subnet (netuid 2): its alpha issuance X (alpha), the root stake R
  /// (TAO) and ρ, from day 0 to the horizon.
  struct Trajectory {
    var x: [Double] = []
    var r: [Double] = []
    var rho: [Double] = []
    /// Root alpha recycled so far (alpha; only while the root sell flag is off, i.e. before the
    /// first share refresh sets it).
    var recycled: [Double] = []

    /// The fractional day at which `series` first falls to or below `level` (linear between
    /// daily samples; ∞ if never).
    static func crossing(_ series: [Double], below level: Double) -> Double {
      for d in 1..<series.count where series[d] <= level {
        return Double(d - 1) + (series[d - 1] - level) / (series[d - 1] - series[d])
      }
      return .infinity
    }

    /// The day ρ = ½ (with R as it grows: root claims are swapped and staked on root).
    var rhoHalfDay: Double { Self.crossing(rho, below: 0.5) }
    /// The day X reaches τ·R₀ (ρ = ½ if R stayed at its genesis value R₀).
    func fixedRootHalfDay(tau: Double) -> Double { Self.crossing(x.map { tau * r[0] - $0 }, below: 0) }
  }

  static func trajectory(_ config: WorldConfig) throws -> Trajectory {
    var w = try World(config: config, rootSeed: 3)
    var t = Trajectory()
    for day in 0...Int(config.horizonBlocks / 7_200) {
      if day > 0 { w.run(until: Int64(day) * 7_200) }
      t.x.append(Double(w.state.subnets[2]!.alphaIssuance) / rao)
      t.r.append(Double(w.state.totalRootStake) / rao)
      t.rho.append(rho(w, 2))
      t.recycled.append(Double(w.state.subnets[2]!.ledger.recycled) / rao)
    }
    return t
  }

  /// The day ρ = ½ when alpha issuance X grows by 1 + ρ alpha per block from X₀ (the current cap
  /// binding, root alpha sold): t = [X − c·ln(2c + X)] from X₀ to c, c = τR (alpha).
  static func currentCapHalfDay(c: Double, x0: Double) -> Double {
    ((c - c * log(3 * c)) - (x0 - c * log(2 * c + x0))) / 7_200
  }

  @Test("The alpha-APR identity: validators' alpha APR is 0.41·(1 − ρ)·A·blocks per year ÷ alpha staked, within 1 %")
  func alphaAPRIdentity() throws {
    var c = Self.freshSubnetWorld(rootTao: 6_050_613, era: .latest, days: 4, rows: [Self.established])
    c.chain.defaultTake = 0  // the identity is the whole validator bucket; take would move part to the owners
    var w = try World(config: c, rootSeed: 5)
    w.run(until: 3 * 7_200)
    func permitStake(_ w: World) -> Double {
      let s = w.state.subnets[1]!
      return (0..<s.n).filter { s.chain.validatorPermit[$0] }.reduce(0.0) { $0 + Double(s.alphaStake(uid: $1)) }
    }
    let start = (totals: w.yieldTotals, rho: Self.rho(w, 1), stake: permitStake(w))
    w.run(until: 4 * 7_200)
    let end = (totals: w.yieldTotals, rho: Self.rho(w, 1), stake: permitStake(w))
    let model = try #require(YieldRates.between(start.totals, end.totals, tempo: 360).alphaApr)
    let a = 1.0  // A: 1 alpha per block below the first alpha halving (issuance ≈ 6 M alpha)
    let split = 0.5 * (1 - Double(c.chain.ownerCut) / 65_535)  // 0.41
    let rho = (start.rho + end.rho) / 2
    let staked = (start.stake + end.stake) / 2 / Self.rao
    let identity = split * (1 - rho) * a * Double(SimTime.blocksPerYear) / staked
    #expect(abs(split - 0.41) < 1e-5)
    #expect(abs(model / identity - 1) < 0.01, "model alpha APR \(model), identity \(identity), ρ = \(rho)")
  }

  @Test("A fresh subnet's alpha issuance grows by (1 + ρ)·A per block under the current cap, so with R = 9 M and τ = 0.18 it reaches τR on day 130.3 from 50 000 genesis alpha (133.8 from none)")
  func rootProportionCurrentEra() throws {
    let tau = 0.18
    let expected = Self.currentCapHalfDay(c: tau * 9_000_000, x0: 50_000)
    #expect(abs(expected - 130.27) < 0.01)
    #expect(abs(Self.currentCapHalfDay(c: tau * 9_000_000, x0: 0) - 133.77) < 0.01)
    let t = try Self.trajectory(Self.freshSubnetWorld(rootTao: 9_000_000, era: .latest, days: 140))
    for d in 1..<t.x.count {
      let rule = (1 + (t.rho[d - 1] + t.rho[d]) / 2) * 7_200
      #expect(abs((t.x[d] - t.x[d - 1]) / rule - 1) < 0.01, "day \(d): X grew by \(t.x[d] - t.x[d - 1]), the rule \(rule)")
    }
    #expect(abs(t.fixedRootHalfDay(tau: tau) - expected) < 0.5, "X reaches τR₀ on day \(t.fixedRootHalfDay(tau: tau))")
    // Root claims compound on root, so R grows and ρ = ½ comes later than τR₀ = X.
    #expect(t.r.last! > t.r[0])
    #expect(t.rhoHalfDay > t.fixedRootHalfDay(tau: tau), "ρ = ½ on day \(t.rhoHalfDay), R from \(t.r[0]) to \(t.r.last!)")
  }

  @Test("Under the cap before 2026-06-22 (min(A, block emission) = 0.5 alpha after the first TAO halving) X grows by 1.5 alpha per block and reaches τR₀ on day (τR₀ − X₀)/(1.5 · 7 200) = 145.4")
  func rootProportionBlockEmissionCap() throws {
    let expected = (0.18 * 9_000_000.0 - 50_000) / 1.5 / 7_200
    let t = try Self.trajectory(Self.freshSubnetWorld(rootTao: 9_000_000, era: .nov2025, days: 150))
    for d in 1..<t.x.count {
      let grown = t.x[d] - t.x[d - 1] + t.recycled[d] - t.recycled[d - 1]
      #expect(abs(grown - 10_800) < 0.01, "day \(d): X grew by \(grown) besides recycling")
    }
    #expect(t.recycled.last! < 5)
    #expect(abs(t.fixedRootHalfDay(tau: 0.18) - expected) < 0.5, "X reaches τR₀ on day \(t.fixedRootHalfDay(tau: 0.18))")
  }

  @Test("The published band: ρ = ½ on day 124 ± 5 (R = 9 M, τ = 0.18) is not reached by the chain's current rule")
  func rootProportionPublishedBand() throws {
    let t = try Self.trajectory(Self.freshSubnetWorld(rootTao: 9_000_000, era: .latest, days: 140))
    withKnownIssue("124 days assumes issuance growing by 1.82 alpha per block; the rule of spec §9.6 gives at most (1 + ρ)·A (docs/calibration.md)") {
      #expect((119...129).contains(t.rhoHalfDay), "model ρ = ½ on day \(t.rhoHalfDay)")
    }
  }
}
