import ScenarioIO
import SimStats
import Simulation

/// The production kernel: builds a ``World`` from the scenario's ``WorldConfig`` and streams its
/// network, subnet and neuron records into tidy columns.
///
/// Column names carry units where they are not obvious (`_tao`, `_alpha`); shares are in
/// [0, 1]; APY columns are per validator class (`apy_honest_validator`, `apy_attacker_<name>`).
public struct WorldKernel: RunKernel {
  public init() {}

  public var catalog: RecordSchema { schema(classes: ["honest_validator", "attacker:<name>"]) }

  public func schema(for scenario: ScenarioSpec) -> RecordSchema {
    schema(classes: Self.classes(scenario.model.world))
  }

  /// Validator classes with an APY column: honest validators, then each attack.
  static func classes(_ config: WorldConfig) -> [String] {
    var classes = ["honest_validator"]
    for agent in config.agents where agent.role.isAttacker && !classes.contains(agent.role.description) {
      classes.append(agent.role.description)
    }
    return classes
  }

  static func apyColumn(_ neuronClass: String) -> String {
    "apy_" + neuronClass.replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "-", with: "_")
  }

  func schema(classes: [String]) -> RecordSchema {
    let apy = classes.map {
      MetricColumn(Self.apyColumn($0), unit: "1/year", "annualised alpha yield of \($0) validators' alpha stake (alpha part of dividends), compounded per epoch")
    }
    let concentration = [
      MetricColumn("top10_validator_share", unit: "share", "stake share of the 10 largest validators"),
      MetricColumn("gini_stake", unit: "index", "Gini coefficient of validators' stake (0 = equal)", bounds: .unitInterval),
      MetricColumn("hhi_stake", unit: "index", "Herfindahl–Hirschman index of validators' stake shares (0…1)", bounds: .unitInterval),
      MetricColumn("nakamoto_coefficient", unit: "count", "fewest validators holding more than half the stake"),
      MetricColumn("top10_dividend_share", unit: "share", "share of validator dividends earned by the 10 largest earners"),
    ]
    let fairness = [
      MetricColumn("spearman_utility_incentive", unit: "ratio", "rank correlation of miners' true utility and incentive; empty if undefined",
        bounds: .correlation),
      MetricColumn("honest_emission_share", unit: "share", "share of emission earned by honest miners and validators"),
      MetricColumn("attacker_emission_share", unit: "share", "share of emission earned by attackers"),
      MetricColumn("attacker_stake_share", unit: "share", "share of stake held by attackers"),
      MetricColumn("copier_relative_dividend", unit: "ratio", "copier dividend per stake ÷ median honest dividend per stake; empty without a copier"),
    ]
    let network = [
      MetricColumn("issuance_tao", unit: "TAO", "total TAO issued"),
      MetricColumn("block_emission_tao", unit: "TAO", "TAO emission per block at this issuance"),
      MetricColumn("subnet_count", unit: "count", "live subnets"),
      MetricColumn("validator_count", unit: "count", "hotkeys with a validator permit somewhere"),
      MetricColumn("miner_count", unit: "count", "registered hotkeys without a permit that produce utility"),
      MetricColumn("root_stake_tao", unit: "TAO", "TAO staked on root"),
      MetricColumn("alpha_stake_value_tao", unit: "TAO", "alpha stake valued at spot prices"),
    ] + concentration + fairness + apy + YieldColumns.columns + [
      MetricColumn("root_sell", unit: "flag", "1 when the root sell flag is set (Σ EMA prices > 1)")
    ]
    let subnet = [
      MetricColumn("emission_share", unit: "share", "the subnet's share of TAO block emission"),
      MetricColumn("spot_price", unit: "TAO/alpha", "pool spot price"),
      MetricColumn("ema_price", unit: "TAO/alpha", "EMA price (spec §9.4)"),
      MetricColumn("tao_reserve_tao", unit: "TAO", "pool TAO reserve"),
      MetricColumn("alpha_reserve_alpha", unit: "alpha", "pool alpha reserve"),
      MetricColumn("alpha_issuance_alpha", unit: "alpha", "alpha issued"),
      MetricColumn("epoch_emission_alpha", unit: "alpha", "alpha distributed by this epoch"),
      MetricColumn("owner_cut_alpha", unit: "alpha", "owner cut paid this epoch"),
      MetricColumn("burn_price_tao", unit: "TAO", "registration burn price"),
      MetricColumn("uids", unit: "count", "registered UIDs"),
      MetricColumn("validator_count", unit: "count", "UIDs with a permit"),
      MetricColumn("active_validators", unit: "count", "permit holders that set weights within the cutoff"),
      MetricColumn("miner_count", unit: "count", "UIDs without a permit that produce utility"),
    ] + concentration + fairness + apy + [
      MetricColumn("miner_burned_fraction", unit: "share", "fraction of miner emission burned by the owner"),
      MetricColumn("subnet_utility", unit: "utility", "Σ latent utility of the subnet's registered hotkeys"),
    ]
    let neuron = [
      MetricColumn("hotkey", unit: "index", "hotkey id"),
      MetricColumn("coldkey", unit: "index", "coldkey id"),
      MetricColumn("alpha_stake_alpha", unit: "alpha", "alpha stake on the hotkey"),
      MetricColumn("root_stake_tao", unit: "TAO", "root stake on the hotkey"),
      MetricColumn("utility", unit: "utility", "latent utility"),
      MetricColumn("incentive", unit: "share", "incentive share this epoch"),
      MetricColumn("dividends", unit: "share", "dividend share this epoch"),
      MetricColumn("emission_alpha", unit: "alpha", "emission this epoch"),
      MetricColumn("validator_permit", unit: "flag", "1 with a validator permit"),
      MetricColumn("active", unit: "flag", "1 when active in the epoch"),
      MetricColumn("registered_at_block", unit: "blocks", "registration block"),
    ]
    return RecordSchema(
      network: network, subnet: subnet, neuron: neuron,
      neuronText: [MetricColumn("neuron_class", unit: "text", "honest_miner, honest_validator, owner or attacker:<name>")])
  }

  public func run(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int, sink: any RecordSink) throws {
    let config = scenario.model.world
    var world = try genesis(scenario, rootSeed: rootSeed, replication: replication)
    var observer = SinkObserver(
      sink: sink, classes: Self.classes(config), tempo: max(1, config.hyperparameters.tempo))
    let summary = world.run(observer: &observer)
    if let error = observer.state.error { throw error }
    let counters = summary.counters
    if let violation = counters.firstViolation {
      throw ExperimentError.runFailed(
        run: scenario.name, reason: "replication \(replication): a conservation invariant is violated at \(violation)")
    }
    sink.health(
      RunHealth(
        events: counters.events, epochs: counters.epochs, failedEpochs: counters.failedEpochs,
        refusedActions: counters.actionsRefused, invariantChecks: counters.invariantChecks,
        violations: counters.invariantViolations))
  }
}

extension WorldKernel {
  /// Builds the World's genesis (the World's own checks, then block-0 state) and discards it.
  public func preflight(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int) throws {
    _ = try genesis(scenario, rootSeed: rootSeed, replication: replication)
  }

  func genesis(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int) throws -> World {
    do {
      return try World(config: scenario.model.world, rootSeed: rootSeed, replication: UInt64(replication))
    } catch {
      throw ExperimentError.model("\(error)")
    }
  }
}

/// Adapts the World's records to rows; the first write error is kept and rethrown after the run.
struct SinkObserver: WorldObserver {
  final class State {
    var error: (any Error)?
  }

  let sink: any RecordSink
  let classes: [String]
  let tempo: Int64
  let state = State()
  let window: YieldWindow

  init(sink: any RecordSink, classes: [String], tempo: Int64) {
    self.sink = sink
    self.classes = classes
    self.tempo = tempo
    self.window = YieldWindow(tempo: tempo)
  }

  private func attempt(_ body: () throws -> Void) {
    guard state.error == nil else { return }
    do { try body() } catch { state.error = error }
  }

  private func apy(_ yields: [ClassYield]) -> [Double?] {
    classes.map { name in yields.first(where: { $0.neuronClass == name })?.apy }
  }

  private func yields(_ totals: YieldTotals) -> [Double?] {
    let rates = window.rates(totals)
    return YieldColumns.values(rates.run) + YieldColumns.values(rates.window)
  }

  private func concentration(_ c: ConcentrationMetrics) -> [Double?] {
    [c.top10Share, c.gini, c.hhi, Double(c.nakamoto)]
  }

  mutating func record(_ r: NetworkEpochRecord) {
    let values: [Double?] =
      [
        r.issuance, r.blockEmission, Double(r.subnetCount), Double(r.validatorCount), Double(r.minerCount), r.rootStake,
        r.alphaStakeValue,
      ] + concentration(r.stake) + [r.top10DividendShare]
      + [r.spearmanUtilityIncentive, r.honestEmissionShare, r.attackerEmissionShare, r.attackerStakeShare,
        r.copierRelativeDividend] + apy(r.apy) + yields(r.yields) + [r.rootSell ? 1 : 0]
    attempt { try sink.network(RecordTime(epoch: r.block / tempo, block: r.block), values) }
  }

  mutating func record(_ r: SubnetEpochRecord) {
    let values: [Double?] =
      [
        r.emissionShare, r.spotPrice, r.emaPrice, r.taoReserve, r.alphaReserve, r.alphaIssuance, r.epochEmission,
        r.ownerCut, r.burnPrice, Double(r.uids), Double(r.validatorCount), Double(r.activeValidators),
        Double(r.minerCount),
      ] + concentration(r.stake) + [r.top10DividendShare]
      + [r.spearmanUtilityIncentive, r.honestEmissionShare, r.attackerEmissionShare, r.attackerStakeShare,
        r.copierRelativeDividend] + apy(r.apy) + [r.minerBurnedFraction, r.subnetUtility]
    attempt { try sink.subnet(RecordTime(epoch: r.epochIndex, block: r.block), netuid: r.subnet, values) }
  }

  mutating func record(_ r: NeuronRecord) {
    let values: [Double?] = [
      Double(r.hotkey), Double(r.coldkey), r.alphaStake, r.rootStake, r.utility, r.incentive, r.dividends, r.emission,
      r.validatorPermit ? 1 : 0, r.active ? 1 : 0, Double(r.registeredAt),
    ]
    attempt {
      try sink.neuron(RecordTime(epoch: r.block / tempo, block: r.block), netuid: r.subnet, uid: r.uid, text: [r.neuronClass], values)
    }
  }
}
