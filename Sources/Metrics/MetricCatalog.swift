import SimStats
import Simulation

/// A network record with the yields of its windows (the yield columns need the replication's
/// earlier records, ``YieldWindow``).
public struct NetworkRow: Sendable {
  public var record: NetworkEpochRecord
  /// Yields over the whole run so far (`nil` before day 30).
  public var run: YieldRates?
  /// Yields over the trailing 30 days (`nil` before day 30).
  public var window: YieldRates?
  /// Each validator class's yields over the whole run, by class label (looked up, never iterated).
  public var classRun: [String: YieldRates]
  /// Each validator class's yields over the trailing 30 days.
  public var classWindow: [String: YieldRates]

  public init(
    record: NetworkEpochRecord, run: YieldRates?, window: YieldRates?, classRun: [String: YieldRates] = [:],
    classWindow: [String: YieldRates] = [:]
  ) {
    self.record = record
    self.run = run
    self.window = window
    self.classRun = classRun
    self.classWindow = classWindow
  }
}

/// The fields network and subnet records share: stake concentration, dividend concentration,
/// emission fairness and per-class yields.
public protocol ConcentrationAndFairness {
  var stake: Concentration.Summary { get }
  var top10DividendShare: Double { get }
  var spearmanUtilityIncentive: Double? { get }
  var honestEmissionShare: Double { get }
  var attackerEmissionShare: Double { get }
  var attackerStakeShare: Double { get }
  var copierRelativeDividend: Double? { get }
}

extension NetworkEpochRecord: ConcentrationAndFairness {}
extension SubnetEpochRecord: ConcentrationAndFairness {}

/// Every recorded column of every table, each declared once (``Metric``), and the rule for the
/// per-class yield columns `<yield>_<class>_<window>` (``YieldColumns``).
public enum MetricCatalog {
  /// The validator classes with per-class yield columns in a run of `config`: honest
  /// validators, then each attack's class.
  public static func classes(_ config: WorldConfig) -> [String] {
    var classes = ["honest_validator"]
    for agent in config.agents where agent.role.isAttacker && !classes.contains(agent.role.description) {
      classes.append(agent.role.description)
    }
    return classes
  }

  /// The classes `describe metrics` documents (`attacker:<name>` stands for every attack).
  public static let documentedClasses = ["honest_validator", "attacker:<name>"]

  /// Whether `name` is a network column of some run (fixed columns and the per-class yield rule):
  /// what `expect:` clauses may name.
  public static func isNetworkColumn(_ name: String) -> Bool {
    YieldColumns.isClassColumn(name) || network(classes: []).contains { $0.name == name }
  }

  /// The concentration and fairness columns of network and subnet rows.
  static func shared<Row: ConcentrationAndFairness>(_ table: MetricTable) -> [Metric<Row>] {
    [
      Metric("top10_validator_share", table, unit: "share", "stake share of the 10 largest validators") { $0.stake.topShare },
      Metric("gini_stake", table, unit: "index", "Gini coefficient of validators' stake (0 = equal)", bounds: .unitInterval) {
        $0.stake.gini
      },
      Metric("hhi_stake", table, unit: "index", "Herfindahl–Hirschman index of validators' stake shares (0…1)", bounds: .unitInterval) {
        $0.stake.hhi
      },
      Metric("nakamoto_coefficient", table, unit: "count", "fewest validators holding more than half the stake") {
        Double($0.stake.nakamoto)
      },
      Metric("top10_dividend_share", table, unit: "share", "share of validator dividends earned by the 10 largest earners", paidByEpochs: true) {
        $0.top10DividendShare
      },
      Metric(
        "spearman_utility_incentive", table, unit: "ratio", "rank correlation of miners' (non-permit UIDs') true utility and incentive; empty with fewer than 10 miners or if undefined",
        bounds: .correlation, paidByEpochs: true
      ) { $0.spearmanUtilityIncentive },
      Metric("honest_emission_share", table, unit: "share", "share of emission earned by honest miners and validators", paidByEpochs: true) {
        $0.honestEmissionShare
      },
      Metric("attacker_emission_share", table, unit: "share", "share of emission earned by attackers", paidByEpochs: true) { $0.attackerEmissionShare },
      Metric("attacker_stake_share", table, unit: "share", "share of stake held by attackers") { $0.attackerStakeShare },
      Metric(
        "copier_relative_dividend", table, unit: "ratio",
        "copier dividend per stake ÷ median honest dividend per stake; empty without a copier", paidByEpochs: true
      ) { $0.copierRelativeDividend },
    ]
  }

  /// `network.csv`'s columns for a run whose validator classes are `classes`.
  public static func network(classes: [String]) -> [Metric<NetworkRow>] {
    let own: [Metric<NetworkEpochRecord>] = [
      Metric("issuance_tao", .network, unit: "TAO", "total TAO issued") { $0.issuance },
      Metric("block_emission_tao", .network, unit: "TAO", "TAO emission per block at this issuance") { $0.blockEmission },
      Metric("subnet_count", .network, unit: "count", "live subnets") { Double($0.subnetCount) },
      Metric("validator_count", .network, unit: "count", "hotkeys with a validator permit somewhere") { Double($0.validatorCount) },
      Metric("miner_count", .network, unit: "count", "registered hotkeys without a permit that produce utility") {
        Double($0.minerCount)
      },
      Metric("root_stake_tao", .network, unit: "TAO", "TAO staked on root") { $0.rootStake },
      Metric("alpha_stake_value_tao", .network, unit: "TAO", "alpha stake valued at spot prices") { $0.alphaStakeValue },
    ] + shared(.network)
    let rootSell = Metric<NetworkEpochRecord>("root_sell", .network, unit: "flag", "1 when the root sell flag is set (Σ EMA prices > 1)") {
      $0.rootSell ? 1 : 0
    }
    let columns =
      own.map { $0.reading(\NetworkRow.record) } + YieldColumns.metrics + YieldColumns.classMetrics(classes)
      + ([rootSell] + centralisation + subnetFairness + compute).map { $0.reading(\NetworkRow.record) }
    return columns.map { $0.emptyAtGenesis() }
  }

  /// Validator-stake centralisation as the field measures it (``Centralisation``): only staked
  /// permit holders that are neither subnet owners nor honest miners count as validators.
  static let centralisation: [Metric<NetworkEpochRecord>] = [
    Metric("top10_validator_share_tao", .network, unit: "share", "TAO stake value share of the 10 largest validator hotkeys (staked permit holders, not owners or miners)") {
      $0.centralisation.hotkeys.topShare
    },
    Metric("gini_validator_stake_tao", .network, unit: "index", "Gini coefficient of those validators' TAO stake value", bounds: .unitInterval) {
      $0.centralisation.hotkeys.gini
    },
    Metric("hhi_validator_stake_tao", .network, unit: "index", "HHI of those validators' TAO stake value shares", bounds: .unitInterval) {
      $0.centralisation.hotkeys.hhi
    },
    Metric("top10_entity_share_tao", .network, unit: "share", "TAO stake value share of the 10 largest validator entities (hotkeys grouped by coldkey)") {
      $0.centralisation.entities.topShare
    },
    Metric("gini_entity_stake_tao", .network, unit: "index", "Gini coefficient of validator entities' TAO stake value", bounds: .unitInterval) {
      $0.centralisation.entities.gini
    },
    Metric("hhi_entity_stake_tao", .network, unit: "index", "HHI of validator entities' TAO stake value shares", bounds: .unitInterval) {
      $0.centralisation.entities.hhi
    },
    Metric("subnet_top10_share_median", .network, unit: "share", "median over subnets of the top-10 validators' share of stake weight α + τ·t") {
      $0.centralisation.subnetTop10Median
    },
    Metric("subnet_top10_share_max", .network, unit: "share", "largest per-subnet top-10 validators' share of stake weight") {
      $0.centralisation.subnetTop10Max
    },
    Metric("subnet_nakamoto_median", .network, unit: "count", "median over subnets of the fewest validators above 50 % of stake weight") {
      $0.centralisation.subnetNakamotoMedian
    },
    Metric("subnet_nakamoto_max", .network, unit: "count", "largest per-subnet Nakamoto coefficient of stake weight") {
      $0.centralisation.subnetNakamotoMax
    },
  ]

  /// What the network pays for its miners' compute (``ComputePrice``).
  static let compute: [Metric<NetworkEpochRecord>] = [
    Metric("miner_revenue_tao_per_day", .network, unit: "TAO/day", "TAO paid to working miners (UIDs whose hotkey produces utility) per day at the last epochs' rate, alpha valued at spot", paidByEpochs: true) {
      $0.computePrice.minerTaoPerDay
    },
    Metric(
      "compute_price_usd_per_gpu_hour", .network, unit: "USD/GPU-hour",
      "miner_revenue_tao_per_day × economics.tao_usd ÷ (working miners × economics.gpus_per_miner × 24): what the network pays per GPU-hour, to compare with economics.gpu_hour_usd; empty with no GPU-hours",
      bounds: .nonNegative, paidByEpochs: true
    ) { $0.computePrice.usdPerGPUHour },
  ]

  /// Emission across subnets against their utility (``SubnetFairness``).
  static let subnetFairness: [Metric<NetworkEpochRecord>] = [
    Metric(
      "subnet_emission_utility_spearman", .network, unit: "ratio",
      "Spearman correlation of live subnets' emission share and utility share; empty if undefined", bounds: .correlation
    ) { $0.subnetFairness.spearman },
    Metric(
      "subnet_emission_utility_kendall", .network, unit: "ratio", "Kendall's tau-b of the same pairs; empty if undefined",
      bounds: .correlation
    ) { $0.subnetFairness.kendall },
    Metric("subnet_emission_gini", .network, unit: "index", "Gini coefficient of live subnets' emission shares", bounds: .unitInterval) {
      $0.subnetFairness.gini
    },
    Metric("subnet_emission_hhi", .network, unit: "index", "HHI of live subnets' emission shares", bounds: .unitInterval) {
      $0.subnetFairness.hhi
    },
    Metric(
      "subnet_emission_top32_share", .network, unit: "share", "share of the 32 largest live subnets in subnet emission",
      bounds: .unitInterval
    ) { $0.subnetFairness.top32Share },
    Metric("capture_emission_share", .network, unit: "share", "share of emission to emission-capture subnets (subnet_utility.capture_share)") {
      $0.subnetFairness.captureShare
    },
    Metric(
      "emission_per_utility_cv", .network, unit: "ratio",
      "coefficient of variation of emission share ÷ utility share over subnets with utility; empty if undefined", bounds: .nonNegative
    ) { $0.subnetFairness.emissionPerUtilityCV },
  ]

  /// `subnets.csv`'s columns.
  public static let subnet: [Metric<SubnetEpochRecord>] = {
    [
      Metric("emission_share", .subnet, unit: "share", "the subnet's share of TAO block emission") { $0.emissionShare },
      Metric("spot_price", .subnet, unit: "TAO/alpha", "pool spot price") { $0.spotPrice },
      Metric("ema_price", .subnet, unit: "TAO/alpha", "EMA price (spec §9.4)") { $0.emaPrice },
      Metric("tao_reserve_tao", .subnet, unit: "TAO", "pool TAO reserve") { $0.taoReserve },
      Metric("alpha_reserve_alpha", .subnet, unit: "alpha", "pool alpha reserve") { $0.alphaReserve },
      Metric("alpha_issuance_alpha", .subnet, unit: "alpha", "alpha issued") { $0.alphaIssuance },
      Metric("epoch_emission_alpha", .subnet, unit: "alpha", "alpha distributed by this epoch") { $0.epochEmission },
      Metric("owner_cut_alpha", .subnet, unit: "alpha", "owner cut paid this epoch") { $0.ownerCut },
      Metric("burn_price_tao", .subnet, unit: "TAO", "registration burn price") { $0.burnPrice },
      Metric("uids", .subnet, unit: "count", "registered UIDs") { Double($0.uids) },
      Metric("validator_count", .subnet, unit: "count", "UIDs with a permit") { Double($0.validatorCount) },
      Metric("active_validators", .subnet, unit: "count", "permit holders that set weights within the cutoff") {
        Double($0.activeValidators)
      },
      Metric("miner_count", .subnet, unit: "count", "UIDs without a permit that produce utility") { Double($0.minerCount) },
    ] + shared(.subnet) + [
      Metric("miner_burned_fraction", .subnet, unit: "share", "fraction of miner emission burned by the owner") {
        $0.minerBurnedFraction
      },
      Metric("subnet_utility", .subnet, unit: "utility", "Σ latent utility of the subnet's registered hotkeys") {
        $0.subnetUtility
      },
    ]
  }()

  /// `neurons.csv`'s numeric columns.
  public static let neuron: [Metric<NeuronRecord>] = [
    Metric("hotkey", .neuron, unit: "index", "hotkey id") { Double($0.hotkey) },
    Metric("coldkey", .neuron, unit: "index", "coldkey id") { Double($0.coldkey) },
    Metric("alpha_stake_alpha", .neuron, unit: "alpha", "alpha stake on the hotkey") { $0.alphaStake },
    Metric("root_stake_tao", .neuron, unit: "TAO", "root stake on the hotkey") { $0.rootStake },
    Metric("utility", .neuron, unit: "utility", "latent utility") { $0.utility },
    Metric("incentive", .neuron, unit: "share", "incentive share this epoch") { $0.incentive },
    Metric("dividends", .neuron, unit: "share", "dividend share this epoch") { $0.dividends },
    Metric("emission_alpha", .neuron, unit: "alpha", "emission this epoch") { $0.emission },
    Metric("validator_permit", .neuron, unit: "flag", "1 with a validator permit") { $0.validatorPermit ? 1 : 0 },
    Metric("active", .neuron, unit: "flag", "1 when active in the epoch") { $0.active ? 1 : 0 },
    Metric("registered_at_block", .neuron, unit: "blocks", "registration block") { Double($0.registeredAt) },
  ]

  /// `neurons.csv`'s text columns (written before the numeric ones).
  public static let neuronText: [TextMetric<NeuronRecord>] = [
    TextMetric("neuron_class", .neuron, "honest_miner, honest_validator, owner or attacker:<name>") { $0.neuronClass }
  ]
}
