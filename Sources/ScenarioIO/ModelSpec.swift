import Agents
import Emission
import EpochTypes
import NetworkModel
import Recording

/// The model part of a scenario as plain values: the network's size, chain and subnet
/// parameters, the emission policy, genesis, the honest participants and the attacks, each with
/// where it was written (``origins``) so that problems found later point at the scenario line.
///
/// Units are already the model's (TAO → rao, fractions → the chain's u16/u64 encodings, days →
/// blocks). Defaults are the World's documented ones (spec §12 "new subnet" values and the genesis
/// of `WorldConfig`); a test checks that the two agree. The World's configuration is built from
/// this value by one builder in the experiment layer (`WorldBuilder`).
public struct ModelSpec: Sendable {
  /// Non-root subnets at genesis (netuids 1…n). Default 16.
  public var subnets = 16
  /// UIDs per subnet at genesis. Default 256.
  public var uidsPerSubnet = 256
  /// Honest validators per subnet at genesis, root validators included. Default 64.
  public var validatorsPerSubnet = 64
  /// Validators with root TAO stake, registered on every subnet. Default 8.
  public var rootValidators = 8
  /// The epoch's arithmetic. Default `double`.
  public var arithmetic: Arithmetic = .double
  /// The rule era whose defaults the emission and chain keys start from (spec §17.0).
  public var era: RuleEra = .latest
  /// Network-wide parameters (spec §12, §17.11).
  public var chain = RuleEra.latest.chainParameters()
  /// Hyperparameters of every subnet.
  public var hyperparameters = SubnetHyperparameters()
  /// Overrides for chosen subnets, applied in order.
  public var subnetOverrides: [SubnetHyperparameterOverrides] = []
  /// The subnet emission policy's identifier and parameters (spec §9.3).
  public var emissionPolicy = RuleEra.latest.rules.policy
  public var emissionPolicyParameters = RuleEra.latest.rules.policyParameters
  /// The Hill emission gate (spec §17.1).
  public var emissionGate = RuleEra.latest.rules.gate
  /// Blocks between re-evaluations of the subnets' TAO shares. Default 360.
  public var shareRefreshBlocks: Int64 = 360
  /// The initial state of the economy.
  public var genesis = GenesisParameters()
  /// Each subnet's own utility profile (heavy-tailed scale, spread, drift, emission-capture share).
  public var subnetUtility = SubnetUtilityParameters()
  /// Honest miners, validators and nominators.
  public var miners = HonestMinerParameters()
  public var validators = HonestValidatorParameters()
  public var nominators = NominatorParameters()
  /// Yield stakers and the economy of miners and sellers (``EconomyKeys``).
  public var stakers = YieldStakerParameters()
  public var economics = EconomicsParameters()
  /// The configured attacks, in scenario order.
  public var attacks: [AttackSpec] = []
  /// Where the model's entries were written.
  public var origins = ModelOrigins()

  /// Tempo of subnets without an override, in blocks.
  public var tempoBlocks: Int { Int(hyperparameters.tempo) }

  /// The defaults (the latest era's).
  public init() {}

  static let rao = 1_000_000_000.0

  static func read(_ reader: ObjectReader) -> ModelSpec {
    var m = ModelSpec()
    let defaults = ModelSpec()
    var subnetsWritten = false
    m.origins.document = SpecOrigin(location: reader.value.origin.location, path: "(model)")
    reader.object("network", doc: "size of the network and its participants at genesis") { r in
      subnetsWritten = r.has("subnets")
      m.subnets = r.integer("subnets", default: defaults.subnets, in: 1...4_095, unit: "subnets",
        doc: "non-root subnets at genesis (netuids 1…n); at most chain.subnet_limit")
      m.uidsPerSubnet = r.integer("uids_per_subnet", default: defaults.uidsPerSubnet, in: 2...4_096, unit: "UIDs",
        doc: "UIDs registered per subnet at genesis (owner + validators + agents + miners)")
      m.validatorsPerSubnet = r.integer("validators_per_subnet", default: defaults.validatorsPerSubnet,
        in: 0...4_096, unit: "validators", doc: "honest validators registered per subnet at genesis, root validators included")
      m.rootValidators = r.integer("root_validators", default: defaults.rootValidators, in: 0...4_096,
        unit: "validators", doc: "validators with root TAO stake, registered on every subnet")
      m.arithmetic = Arithmetic(rawValue: r.choice("arithmetic", ["double", "fixed"], default: "double",
        doc: "epoch arithmetic: double (fast) or fixed (bit-exact I32F32, spec §0.3)")) ?? .double
      m.origins.note(r, ["subnets", "uids_per_subnet", "validators_per_subnet", "root_validators"])
    }
    m.origins.note(reader, ["network"])
    m.chain = reader.object("chain", doc: "network-wide parameters (spec §12, §17.11)") { r in
      m.era = RuleEra(rawValue: r.choice("era", RuleEra.allCases.map(\.rawValue), default: RuleEra.latest.rawValue,
        doc: "rule era (spec §17.0, `taosim describe eras`): sets the defaults of emission.policy, emission.gate, chain.injection_cap, chain.tao_weight, chain.min_lock_cost_tao, chain.registration_burn_is_flow, chain.root_claims.timing, chain.child_keys.auto_parent and subnet_registration.enable_emission_after_days, and the pool, seeding and dissolution rules")) ?? .latest
      return readChain(r, defaults: m.era.chainParameters())
    }
    m.origins.note(reader, ["chain"])
    m.chain.enableEmissionAfterBlocks = reader.object("subnet_registration",
      doc: "rules for subnets registered during the run (spec §17.2)") { readRegistration($0, defaults: m.chain) }
    m.origins.note(reader, ["subnet_registration"])
    let eraRules = m.era.rules
    if !reader.context.documenting, m.subnets > m.chain.subnetLimit {
      reader.field("network").object(doc: "") { $0.field("subnets") }.0
        .report("\(m.subnets) subnets exceed chain.subnet_limit (\(m.chain.subnetLimit))")
    }
    m.hyperparameters = reader.object("subnet", doc: "hyperparameters of every subnet (spec §12, new-subnet values)") {
      readHyperparameters($0)
    }
    m.origins.note(reader, ["subnet"])
    let overrides: [(SubnetHyperparameterOverrides, SpecOrigin)] = reader.list(
      "subnet_overrides", doc: "hyperparameters for chosen subnets, applied in order"
    ) { item in
      let (value, json) = item.object(doc: "one override") { readOverride($0) }
      return ((value, item.origin), json)
    }
    m.subnetOverrides = overrides.map(\.0)
    m.origins.subnetOverrides = overrides.map(\.1)
    m.origins.note(reader, ["subnet_overrides"])
    reader.object("emission", doc: "subnet emission policy: how block emission is shared among subnets (spec §9.3)") { r in
      let variants = EmissionPolicies.all.map { descriptor in
        TaggedVariant<(String, [String: Double])>(descriptor.identifier, doc: descriptor.summary) { p in
          var parameters: [String: Double] = [:]
          let eraValues = descriptor.identifier == eraRules.policy ? eraRules.policyParameters : [:]
          for parameter in descriptor.parameters {
            parameters[parameter.name] = p.number(parameter.name, default: eraValues[parameter.name] ?? parameter.defaultValue,
              in: .closed(parameter.minimum, parameter.maximum), doc: parameter.summary)
          }
          return (descriptor.identifier, parameters)
        }
      }
      if let (policy, parameters) = r.tagged("policy", doc: "the policy and its parameters (default: chain.era's)",
        default: eraRules.policy,
        variants: variants)
      {
        m.emissionPolicy = policy
        m.emissionPolicyParameters = parameters
      }
      m.emissionGate = r.object("gate",
        doc: "Hill emission gate applied after the policy's shares (spec §17.1; default: chain.era's)") {
        readGate($0, defaults: eraRules.gate)
      }
      m.shareRefreshBlocks = Int64(r.integer("share_refresh_blocks", default: Int(defaults.shareRefreshBlocks),
        in: 1...1_000_000, unit: "blocks", doc: "blocks between re-evaluations of the subnets' TAO shares (1 = every block)"))
      m.origins.note(r, ["policy", "gate", "share_refresh_blocks"])
    }
    m.genesis = reader.object("genesis", doc: "initial state of the economy (illustrative, not mainnet data)") {
      readGenesis($0)
    }
    if let snapshot = m.genesis.snapshot {
      if subnetsWritten, m.subnets != snapshot.subnets.count {
        reader.field("network").object(doc: "") { $0.field("subnets") }.0
          .report("\(m.subnets) subnets, but genesis.snapshot chooses \(snapshot.subnets.count); choose them with genesis.subnets")
      }
      m.subnets = snapshot.subnets.count
    }
    m.subnetUtility = SubnetUtilitySpec.read(reader)
    m.origins.note(reader, ["subnet_utility"])
    m.miners = reader.object("miners", doc: "honest miners: latent utility, its evolution, exits and arrivals") {
      readMiners($0)
    }
    m.validators = reader.object("validators", doc: "honest validators' weight setting") { r in
      var v = HonestValidatorParameters()
      v.weightSigma = r.number("weight_sigma", default: v.weightSigma, in: .closed(0, 100),
        doc: "σ_W: validators see utility × (1 + N(0, σ²)) (subjectivity noise, spec §15.3)")
      v.weightIntervalBlocks = Int64(r.integer("weight_interval_blocks", default: Int(v.weightIntervalBlocks),
        in: 1...10_000_000, unit: "blocks", doc: "blocks between weight settings (the chain rate-limits it)"))
      v.noiseRefreshBlocks = Int64(r.integer("noise_refresh_blocks", default: Int(v.noiseRefreshBlocks),
        in: 0...100_000_000, unit: "blocks", doc: "blocks between new noise draws; 0 = a fresh draw at every setting"))
      readHeterogeneity(r, &v)
      readChildDelegation(r, &v)
      m.origins.note(r, ["weight_interval_blocks"])
      return v
    }
    m.nominators = reader.object("nominators", doc: "nominators who delegate stake to validators") { r in
      var n = NominatorParameters()
      n.count = r.integer("count", default: n.count, in: 0...10_000_000, unit: "nominators", doc: "number of nominators")
      n.initialBalance = tao(r, "initial_balance_tao", n.initialBalance, doc: "free TAO each holds at genesis")
      n.inflowPerActivation = tao(r, "inflow_tao", n.inflowPerActivation, doc: "new TAO each brings per activation")
      n.rule = DelegationRule(rawValue: r.choice("rule", DelegationRule.allCases.map(\.rawValue), default: n.rule.rawValue,
        doc: "loyal = stay with a first choice; largest = biggest validator; best-yield = best recent yield")) ?? n.rule
      n.intervalBlocks = Int64(r.integer("interval_blocks", default: Int(n.intervalBlocks), in: 1...100_000_000,
        unit: "blocks", doc: "blocks between a nominator's activations"))
      n.moveExisting = r.boolean("move_existing", default: n.moveExisting, doc: "whether nominators move existing stake")
      return n
    }
    m.origins.note(reader, ["genesis", "miners", "validators", "nominators"])
    m.stakers = EconomyKeys.readStakers(reader)
    m.economics = EconomyKeys.readEconomics(reader)
    m.origins.note(reader, ["stakers", "economics"])
    m.attacks = AttackSpecs.read(reader, networkSubnets: m.subnets)
    m.origins.note(reader, ["attacks"])
    return m
  }

  /// A TAO amount key converted to rao.
  static func tao(_ r: ObjectReader, _ key: String, _ fallback: UInt64, doc: String, maximum: Double = 21_000_000)
    -> UInt64
  {
    let value = r.number(key, default: Double(fallback) / rao, in: .closed(0, maximum), unit: "TAO", doc: doc)
    return value == Double(fallback) / rao ? fallback : UInt64((value * rao).rounded())
  }

  /// A fraction key converted to the chain's u16 (x · 65 535, rounded); the default maps exactly.
  static func u16(_ r: ObjectReader, _ key: String, _ fallback: UInt16, doc: String) -> UInt16 {
    let value = r.number(key, default: Double(fallback) / 65_535, in: .closed(0, 1), doc: doc + " (stored as x·65535)")
    return value == Double(fallback) / 65_535 ? fallback : UInt16((value * 65_535).rounded())
  }

  static func readChain(_ r: ObjectReader, defaults: ChainParameters) -> ChainParameters {
    var c = defaults
    let maxU64 = 18_446_744_073_709_551_615.0
    let tau = r.number("tao_weight", default: Double(c.taoWeight) / maxU64, in: .closed(0, 1),
      doc: "τ, weight of root TAO stake in stake weight (spec §3.2); mainnet 0.18 since migrate_rao (runtime constant ≈ 0.05268)")
    if tau != Double(c.taoWeight) / maxU64 { c.taoWeight = tau >= 1 ? UInt64.max : UInt64(tau * maxU64) }
    c.stakeThreshold = tao(r, "stake_threshold_tao", c.stakeThreshold, doc: "StakeThreshold for validator permits")
    c.ownerCut = u16(r, "owner_cut", c.ownerCut, doc: "SubnetOwnerCut, the owner's share of alpha emission (spec §8.1)")
    c.defaultTake = u16(r, "validator_take", c.defaultTake, doc: "delegate take of validator hotkeys (spec §8.2)")
    c.movingAlpha = r.number("moving_alpha", default: c.movingAlpha, in: .closed(0, 1),
      doc: "SubnetMovingAlpha of the EMA price (spec §9.4)")
    c.emaPriceHalvingBlocks = Int64(r.integer("ema_price_halving_blocks", default: Int(c.emaPriceHalvingBlocks),
      in: 0...100_000_000, unit: "blocks", doc: "EMAPriceHalvingBlocks (spec §9.4)"))
    c.maxEpochsPerBlock = r.integer("max_epochs_per_block", default: c.maxEpochsPerBlock, in: 1...4_096,
      unit: "epochs", doc: "MaxEpochsPerBlock (spec §2)")
    c.subnetLimit = r.integer("subnet_limit", default: c.subnetLimit, in: 1...4_095, unit: "subnets",
      doc: "most non-root subnets (spec §11.5)")
    c.minLockCost = tao(r, "min_lock_cost_tao", c.minLockCost,
      doc: "NetworkMinLockCost (spec §11.5, §17.2); mainnet 1 TAO since migrate_rao (runtime constant 1 000 TAO)")
    c.injectionCap = InjectionCap(rawValue: r.choice("injection_cap", InjectionCap.allCases.map(\.rawValue),
      default: c.injectionCap.rawValue,
      doc: "alpha_in cap of the TAO injection (spec §9.6): root-proportion = ρ·A (since 2026-06-22), block-emission = min(A, block emission)")) ?? c.injectionCap
    c.registrationBurnIsFlow = r.boolean("registration_burn_is_flow", default: c.registrationBurnIsFlow,
      doc: "neuron registration burns count as TAO inflow to the subnet, read by tao-flow (spec §17.10)")
    readChainMechanisms(r, &c)
    return c
  }

  static func readGate(_ r: ObjectReader, defaults g: EmissionGate) -> EmissionGate {
    var gate = g
    gate.mode = EmissionGate.Mode(rawValue: r.choice("mode", EmissionGate.Mode.allCases.map(\.rawValue),
      default: g.mode.rawValue,
      doc: "rank = θ is the N-th largest share (since 2026-08-03); quantile = θ where the descending share mass reaches q (2026-07-27); off = no gate")) ?? g.mode
    gate.rank = r.integer("rank", default: g.rank, in: 1...4_096, unit: "subnets",
      doc: "EmissionBarRank N (rank mode)")
    gate.quantile = r.number("quantile", default: g.quantile, in: .aboveZero(upTo: 1),
      doc: "EmissionBarQuantile q (quantile mode)")
    gate.exponent = r.number("exponent", default: g.exponent, in: .aboveZero(upTo: 100),
      doc: "EmissionGateExponent h: g = 1/(1 + (θ/s)^h)")
    return gate
  }

  static func readHyperparameters(_ r: ObjectReader) -> SubnetHyperparameters {
    var h = SubnetHyperparameters()
    h.tempo = Int64(r.integer("tempo_blocks", default: Int(h.tempo), in: 1...65_535, unit: "blocks",
      doc: "Tempo: blocks between a subnet's epochs (spec §2)"))
    h.epoch.kappa = u16(r, "kappa", h.epoch.kappa, doc: "κ, the consensus majority (spec §4.1)")
    h.epoch.bondsPenalty = u16(r, "bonds_penalty", h.epoch.bondsPenalty, doc: "β, bonds penalty (spec §5.1)")
    let bma = r.number("bonds_moving_average", default: Double(h.epoch.bondsMovingAverage) / 1e6, in: .closed(0, 1),
      doc: "BondsMovingAverage as a fraction; the bond EMA rate is 1 − this (spec §5.2)")
    if bma != Double(h.epoch.bondsMovingAverage) / 1e6 { h.epoch.bondsMovingAverage = UInt64((bma * 1e6).rounded()) }
    h.epoch.yuma3 = r.boolean("yuma3", default: h.epoch.yuma3, doc: "Yuma 3 bonds (spec §5.3); false = Yuma 2")
    h.epoch.liquidAlpha = r.boolean("liquid_alpha", default: h.epoch.liquidAlpha, doc: "liquid alpha bond rates (spec §5.3.1)")
    h.epoch.alphaLow = u16(r, "alpha_low", h.epoch.alphaLow, doc: "liquid alpha low (spec §5.3.1)")
    h.epoch.alphaHigh = u16(r, "alpha_high", h.epoch.alphaHigh, doc: "liquid alpha high (spec §5.3.1)")
    h.epoch.alphaSigmoidSteepness = Int16(r.integer("alpha_sigmoid_steepness", default: Int(h.epoch.alphaSigmoidSteepness),
      in: Int(Int16.min)...Int(Int16.max), doc: "AlphaSigmoidSteepness (spec §5.3.1)"))
    h.epoch.maxAllowedValidators = r.integer("max_validators", default: h.epoch.maxAllowedValidators, in: 1...4_096,
      unit: "validators", doc: "MaxAllowedValidators K: permits per subnet (spec §3.3)")
    h.maxAllowedUids = r.integer("max_uids", default: h.maxAllowedUids, in: 1...4_096, unit: "UIDs",
      doc: "MaxAllowedUids (spec §11.1)")
    h.activityCutoffFactorMilli = Int64(r.integer("activity_cutoff_factor_milli",
      default: Int(h.activityCutoffFactorMilli), in: 1...1_000_000_000,
      doc: "ActivityCutoffFactorMilli F: cutoff = max(1, F·tempo/1000) blocks (spec §3.1)"))
    h.immunityPeriod = Int64(r.integer("immunity_period_blocks", default: Int(h.immunityPeriod), in: 0...100_000_000,
      unit: "blocks", doc: "ImmunityPeriod (spec §11.3)"))
    h.minNonImmuneUids = r.integer("min_non_immune_uids", default: h.minNonImmuneUids, in: 0...4_096,
      doc: "MinNonImmuneUids (spec §11.3)")
    h.immuneOwnerUidsLimit = r.integer("immune_owner_uids_limit", default: h.immuneOwnerUidsLimit, in: 0...10,
      doc: "ImmuneOwnerUidsLimit (spec §11.3)")
    h.weightsRateLimit = Int64(r.integer("weights_rate_limit_blocks", default: Int(h.weightsRateLimit),
      in: 0...100_000_000, unit: "blocks", doc: "WeightsSetRateLimit (spec §3.5)"))
    h.minAllowedWeights = r.integer("min_allowed_weights", default: h.minAllowedWeights, in: 0...4_096,
      doc: "MinAllowedWeights (spec §3.5)")
    h.commitRevealInterval = r.integer("commit_reveal_interval_tempos", default: h.commitRevealInterval, in: 0...100,
      unit: "tempos", doc: "commit-reveal period p; 0 = commit-reveal off (spec §10)")
    h.ownerCutEnabled = r.boolean("owner_cut_enabled", default: h.ownerCutEnabled, doc: "OwnerCutEnabled (spec §8.1)")
    h.initialBurn = tao(r, "initial_burn_tao", h.initialBurn, doc: "registration burn of a new subnet (spec §11.2)")
    h.minBurn = tao(r, "min_burn_tao", h.minBurn, doc: "MinBurn (spec §11.2)")
    h.maxBurn = tao(r, "max_burn_tao", h.maxBurn, doc: "MaxBurn (spec §11.2)")
    h.burnHalfLife = Int64(r.integer("burn_half_life_blocks", default: Int(h.burnHalfLife), in: 1...100_000_000,
      unit: "blocks", doc: "BurnHalfLife (spec §11.2)"))
    h.burnIncreaseMultiplier = r.number("burn_increase_multiplier", default: h.burnIncreaseMultiplier,
      in: .closed(1, 100), doc: "BurnIncreaseMult (spec §11.2)")
    h.emissionEnabled = r.boolean("emission_enabled", default: h.emissionEnabled,
      doc: "SubnetEmissionEnabled (spec §9.2); the model starts subnets enabled")
    return h
  }

  static func readOverride(_ r: ObjectReader) -> SubnetHyperparameterOverrides {
    let subnets: [Int] = r.list("subnets", doc: "netuids the override applies to") { item in
      let (value, json) = item.integer(default: nil, in: 1...4_095, doc: "a netuid")
      return (value, json)
    }
    if !r.context.documenting, subnets.isEmpty { r.field("subnets").report("name at least one netuid") }
    var o = SubnetHyperparameterOverrides(subnets: subnets)
    // Keys are optional: an absent key keeps the subnet's value (documented default = the base value).
    let base = SubnetHyperparameters()
    func optional<T>(_ key: String, _ read: () -> T) -> T? { r.has(key) || r.context.documenting ? read() : nil }
    o.tempo = optional("tempo_blocks") {
      Int64(r.integer("tempo_blocks", default: Int(base.tempo), in: 1...65_535, unit: "blocks", doc: "Tempo"))
    }
    o.kappa = optional("kappa") { u16(r, "kappa", base.epoch.kappa, doc: "κ") }
    o.bondsPenalty = optional("bonds_penalty") { u16(r, "bonds_penalty", base.epoch.bondsPenalty, doc: "β") }
    o.bondsMovingAverage = optional("bonds_moving_average") {
      UInt64((r.number("bonds_moving_average", default: Double(base.epoch.bondsMovingAverage) / 1e6, in: .closed(0, 1),
        doc: "BondsMovingAverage as a fraction") * 1e6).rounded())
    }
    o.alphaLow = optional("alpha_low") { u16(r, "alpha_low", base.epoch.alphaLow, doc: "liquid alpha low") }
    o.alphaHigh = optional("alpha_high") { u16(r, "alpha_high", base.epoch.alphaHigh, doc: "liquid alpha high") }
    o.activityCutoffFactorMilli = optional("activity_cutoff_factor_milli") {
      Int64(r.integer("activity_cutoff_factor_milli", default: Int(base.activityCutoffFactorMilli), in: 1...1_000_000_000,
        doc: "ActivityCutoffFactorMilli"))
    }
    o.weightsRateLimit = optional("weights_rate_limit_blocks") {
      Int64(r.integer("weights_rate_limit_blocks", default: Int(base.weightsRateLimit), in: 0...100_000_000,
        unit: "blocks", doc: "WeightsSetRateLimit"))
    }
    o.yuma3 = optional("yuma3") { r.boolean("yuma3", default: base.epoch.yuma3, doc: "Yuma 3 bonds") }
    o.liquidAlpha = optional("liquid_alpha") { r.boolean("liquid_alpha", default: base.epoch.liquidAlpha, doc: "liquid alpha") }
    o.maxAllowedValidators = optional("max_validators") {
      r.integer("max_validators", default: base.epoch.maxAllowedValidators, in: 1...4_096, unit: "validators", doc: "MaxAllowedValidators")
    }
    o.immunityPeriod = optional("immunity_period_blocks") {
      Int64(r.integer("immunity_period_blocks", default: Int(base.immunityPeriod), in: 0...100_000_000, unit: "blocks", doc: "ImmunityPeriod"))
    }
    o.commitRevealInterval = optional("commit_reveal_interval_tempos") {
      r.integer("commit_reveal_interval_tempos", default: base.commitRevealInterval, in: 0...100, unit: "tempos", doc: "commit-reveal period")
    }
    o.ownerCutEnabled = optional("owner_cut_enabled") { r.boolean("owner_cut_enabled", default: base.ownerCutEnabled, doc: "OwnerCutEnabled") }
    o.emissionEnabled = optional("emission_enabled") { r.boolean("emission_enabled", default: base.emissionEnabled, doc: "SubnetEmissionEnabled") }
    return o
  }

  static func readGenesis(_ r: ObjectReader) -> GenesisParameters {
    var g = GenesisParameters()
    g.initialIssuance = tao(r, "initial_issuance_tao", g.initialIssuance, doc: "TAO issued before block 0")
    g.poolTao = tao(r, "pool_tao", g.poolTao, doc: "TAO in each subnet pool at genesis")
    g.initialPrice = r.number("initial_price", default: g.initialPrice, in: .aboveZero(upTo: 1_000_000),
      unit: "TAO/alpha", doc: "each pool's initial price")
    g.validatorStakeMu = r.number("validator_stake_mu", default: g.validatorStakeMu, in: .closed(-50, 50),
      doc: "validators' alpha stake at genesis ~ lognormal(mu, sigma) tokens")
    g.validatorStakeSigma = r.number("validator_stake_sigma", default: g.validatorStakeSigma, in: .closed(0, 10),
      doc: "σ of the log validator stake")
    g.rootStakeMu = r.number("root_stake_mu", default: g.rootStakeMu, in: .closed(-50, 50),
      doc: "root validators' root TAO ~ lognormal(mu, sigma) TAO")
    g.rootStakeSigma = r.number("root_stake_sigma", default: g.rootStakeSigma, in: .closed(0, 10),
      doc: "σ of the log root stake")
    if r.has("initial_ema_price") || r.context.documenting {
      g.initialEMAPrice = r.number("initial_ema_price", default: nil, in: .closed(0, 1_000_000), unit: "TAO/alpha",
        doc: "EMA price at genesis", defaultText: "min(1, initial_price)")
    }
    g.snapshot = SnapshotSpec.read(r)
    return g
  }

  static func readMiners(_ r: ObjectReader) -> HonestMinerParameters {
    var m = HonestMinerParameters()
    let distributions = UtilityDistributionSpec.variants
    m.distribution = r.tagged("utility", doc: "latent utility of each miner at genesis and of each arrival",
      default: "lognormal", variants: distributions) ?? m.distribution
    let evolutions: [TaggedVariant<UtilityEvolution>] = [
      TaggedVariant("random-walk", doc: "utility × exp(N(0, sigma²)) at each update") { p in
        .randomWalk(sigma: p.number("sigma", default: 0.05, in: .closed(0, 10), doc: "step sd of log utility"))
      },
      TaggedVariant("stable", doc: "utility never changes") { _ in .stable },
      TaggedVariant("regime-shifts", doc: "with this probability per update, a fresh draw from the distribution") { p in
        .regimeShifts(probability: p.number("probability", default: 0.01, in: .closed(0, 1), doc: "shift probability per update"))
      },
    ]
    m.evolution = r.tagged("evolution", doc: "how utility changes over time", default: "random-walk",
      variants: evolutions) ?? m.evolution
    m.updateIntervalBlocks = Int64(r.integer("update_interval_blocks", default: Int(m.updateIntervalBlocks),
      in: 1...100_000_000, unit: "blocks", doc: "blocks between utility updates, exits and arrivals"))
    m.exitProbability = r.number("exit_probability", default: m.exitProbability, in: .closed(0, 1),
      doc: "probability per update that a miner exits (a newcomer replaces it: churn)")
    m.extraArrivalsPerUpdate = r.number("extra_arrivals_per_update", default: m.extraArrivalsPerUpdate,
      in: .closed(0, 10_000), unit: "miners", doc: "mean further arrivals per subnet per update (Poisson)")
    m.maxBurn = tao(r, "max_burn_tao", m.maxBurn, doc: "the most an arrival pays to register")
    return m
  }
}
