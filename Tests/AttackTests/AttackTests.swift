import Metrics
import Agents
import NetworkModel
import ScenarioIO
import Simulation
import Testing

@Suite("Attacks in small worlds")
struct AttackTests {
  @Test("with no churn and no noise a stake-mean copier earns what honest validators earn", arguments: [0, 1, 4])
  func copierMatchesHonestWithoutChurn(revealInterval: Int) throws {
    var config = frozen(attackWorld(agents: [
      .copier(parameters: WeightCopierParameters(), subnets: [1], count: 1, stake: 20_000_000_000_000)
    ]))
    config.hyperparameters.commitRevealInterval = revealInterval
    let records = try subnetRecords(config)
    let ratio = try #require(tailMean(records, last: 20) { $0.copierRelativeDividend })
    // Same rows, same bonds, same dividend per unit stake; u16 quantisation of the copied mean is
    // the only difference (relative 1e-4 at most).
    #expect(abs(ratio - 1) < 1e-3, "copier relative dividend \(ratio)")
  }

  /// The last record of a 4-day world with a cabal of `validators` validators of `stake` alpha and
  /// `miners` worthless miners that weights only its own miners (W_C = 1).
  func cabalRecord(uids: Int, validators: Int, stake: UInt64, miners: Int) throws -> SubnetEpochRecord {
    let coalition = Coalition(validators: validators, stake: stake, miners: miners, minerUtility: 0)
    let config = attackWorld(uids: uids, days: 4, agents: [.cabal(parameters: CabalParameters(), coalition: coalition)])
    return try #require(try subnetRecords(config).last)
  }

  @Test("a majority cabal with worthless miners earns more than its stake share")
  func majorityCabalGains() throws {
    // 6 honest validators (lognormal stakes around 20 000 alpha) against 8 cabal validators of
    // 200 000 alpha each: the cabal holds most of the stake.
    let last = try cabalRecord(uids: 48, validators: 8, stake: 200_000_000_000_000, miners: 8)
    #expect(last.attackerStakeShare > 0.5)
    #expect(last.attackerEmissionShare > last.attackerStakeShare, "emission \(last.attackerEmissionShare) vs stake \(last.attackerStakeShare)")
  }

  @Test("a minority cabal with worthless miners earns less than its stake share")
  func minorityCabalLoses() throws {
    let last = try cabalRecord(uids: 40, validators: 2, stake: 1_000_000_000_000, miners: 4)
    #expect(last.attackerStakeShare > 0)
    #expect(last.attackerEmissionShare < last.attackerStakeShare)
  }

  @Test("a self-dealing validator in the minority earns less per unit stake than honest validators")
  func selfDealingIsClipped() throws {
    var parameters = SelfDealingParameters()
    parameters.boost = 10
    parameters.weightSigma = 0
    let config = frozen(attackWorld(agents: [
      .selfDealing(
        parameters: parameters, coalition: Coalition(validators: 1, stake: 20_000_000_000_000, miners: 2, minerUtility: 1))
    ]))
    let records = try subnetRecords(config)
    let last = try #require(records.last)
    let honest = try #require(last.apy.first { $0.neuronClass == "honest_validator" }?.apy)
    let dealer = try #require(last.apy.first { $0.neuronClass == "attacker:self-dealing" }?.apy)
    #expect(dealer < honest, "self-dealer APY \(dealer) vs honest \(honest)")
  }

  @Test("a sybil owner registers while the expected reward exceeds the burn, never when it expects nothing")
  func sybilRegistersWhenProfitable() throws {
    var eager = SybilParameters()
    eager.maxUIDs = 6
    var blind = eager
    blind.paybackEpochs = 0  // expected reward 0 can never exceed a positive burn
    let funded: UInt64 = 10_000 * 1_000_000_000
    let a = try subnetRecords(attackWorld(days: 2, agents: [.sybil(parameters: eager, subnets: [1], balance: funded)]))
    let b = try subnetRecords(attackWorld(days: 2, agents: [.sybil(parameters: blind, subnets: [1], balance: funded)]))
    let sybilShare = try #require(a.last?.attackerEmissionShare)
    #expect(sybilShare > 0)
    #expect(b.last?.attackerEmissionShare == 0)
  }

  @Test("preferential-attachment delegation (γ = 2) leaves the whale a larger stake share than uniform delegation")
  func whalesConcentrate() throws {
    func finalWhaleShare(exponent: Double) throws -> Double {
      var parameters = StakeWhaleParameters()
      parameters.delegators = 32
      parameters.attachmentExponent = exponent
      let config = attackWorld(days: 6, agents: [
        .whales(parameters: parameters, subnets: [1], count: 1, stake: 100_000_000_000_000)
      ])
      return try #require(try subnetRecords(config).last?.attackerStakeShare)
    }
    let uniform = try finalWhaleShare(exponent: 0)
    let preferential = try finalWhaleShare(exponent: 2)
    #expect(preferential > uniform, "whale stake share: γ = 2 → \(preferential), γ = 0 → \(uniform)")
  }

  @Test("the same seed gives the same attack run")
  func reproducible() throws {
    let config = attackWorld(days: 2, agents: [
      .copier(parameters: WeightCopierParameters(), subnets: [1], count: 1, stake: 20_000_000_000_000),
      .sybil(parameters: SybilParameters(), subnets: [1], balance: 1_000_000_000_000),
    ])
    #expect(try subnetRecords(config, seed: 3) == subnetRecords(config, seed: 3))
  }
}

/// Amounts at the ends of their documented ranges never reach an arithmetic trap.
@Suite("Attack amounts at the ends of their ranges")
struct AttackAmountLimitTests {
  @Test(
    "whale and delegator inflows whose products overflow 64 bits saturate and are refused, never trap",
    arguments: [(UInt64(300_000_000) * 1_000_000_000, UInt64(0), 1), (0, UInt64(1_000_000_000) * 1_000_000_000, 20)])
  func hugeInflowsDoNotTrap(delegatorInflow: UInt64, whaleInflow: UInt64, whales: Int) throws {
    var parameters = StakeWhaleParameters()
    parameters.delegatorInflow = delegatorInflow
    parameters.whaleInflow = whaleInflow
    parameters.delegators = delegatorInflow > 0 ? 64 : 0
    parameters.intervalBlocks = 360
    parameters.phaseBlocks = 10
    #expect(parameters.inflowPerRound(whales: whales, subnets: 1) == nil)
    let config = attackWorld(uids: 48, days: 1, agents: [
      .whales(parameters: parameters, subnets: [1], count: whales, stake: 100_000_000_000_000)
    ])
    var world = try World(config: config, rootSeed: 1)
    var observer = CollectingObserver()
    let summary = world.run(observer: &observer)
    #expect(summary.counters.actionsRefused > 0, "the saturated deposit is refused by the World")
  }

  @Test("an attack naming a netuid beyond the network acts on nothing there instead of trapping")
  func netuidBeyondTheNetwork() throws {
    let config = attackWorld(days: 1, agents: [
      .sybil(parameters: SybilParameters(), subnets: [4_095], balance: 1_000_000_000_000)
    ])
    var world = try World(config: config, rootSeed: 1)
    var observer = CollectingObserver()
    let summary = world.run(observer: &observer)
    #expect(summary.finalBlock == config.horizonBlocks)
  }

  @Test("StakeWhales.saturatingProduct saturates instead of wrapping")
  func saturatingProduct() {
    #expect(StakeWhales.saturatingProduct(.max / 2, 3) == .max)
    #expect(StakeWhales.saturatingProduct(7, 6) == 42)
    #expect(StakeWhales.saturatingProduct(7, -1) == 0)
  }
}
