import Agents
import Emission
import EpochTypes
import NetworkModel
import Recording
import Simulation

/// The model part of a scenario, read straight into the World's configuration.
///
/// This is the one place scenario values become model objects: every key below maps to one
/// ``WorldConfig`` field (units converted: TAO → rao, fractions → the chain's u16/u64
/// encodings, days → blocks). Defaults are the World's own (spec §12 "new subnet" values and
/// the documented genesis of ``WorldConfig``); the resolved scenario records them all.
public struct ModelSpec: @unchecked Sendable {
  /// The World's configuration (horizon and recording are filled in by ``ScenarioSpec``).
  public var world: WorldConfig

  /// Non-root subnets at genesis.
  public var subnets: Int { world.subnetCount }
  /// UIDs per subnet at genesis.
  public var uidsPerSubnet: Int { world.uidsPerSubnet }
  /// Tempo of subnets without an override, in blocks.
  public var tempoBlocks: Int { Int(world.hyperparameters.tempo) }

  static let rao = 1_000_000_000.0

  static func read(_ reader: ObjectReader) -> ModelSpec {
    var world = WorldConfig()
    let defaults = WorldConfig()
    var subnetsWritten = false
    reader.object("network", doc: "size of the network and its participants at genesis") { r in
      subnetsWritten = r.has("subnets")
      world.subnetCount = r.integer("subnets", default: defaults.subnetCount, in: 1...4_095, unit: "subnets",
        doc: "non-root subnets at genesis (netuids 1…n); at most chain.subnet_limit")
      world.uidsPerSubnet = r.integer("uids_per_subnet", default: defaults.uidsPerSubnet, in: 2...4_096, unit: "UIDs",
        doc: "UIDs registered per subnet at genesis (owner + validators + agents + miners)")
      world.validatorsPerSubnet = r.integer("validators_per_subnet", default: defaults.validatorsPerSubnet,
        in: 0...4_096, unit: "validators", doc: "honest validators registered per subnet at genesis, root validators included")
      world.rootValidators = r.integer("root_validators", default: defaults.rootValidators, in: 0...4_096,
        unit: "validators", doc: "validators with root TAO stake, registered on every subnet")
      world.arithmetic = Arithmetic(rawValue: r.choice("arithmetic", ["double", "fixed"], default: "double",
        doc: "epoch arithmetic: double (fast) or fixed (bit-exact I32F32, spec §0.3)")) ?? .double
    }
    var era = RuleEra.latest
    world.chain = reader.object("chain", doc: "network-wide parameters (spec §12, §17.11)") { r in
      era = RuleEra(rawValue: r.choice("era", RuleEra.allCases.map(\.rawValue), default: RuleEra.latest.rawValue,
        doc: "rule era (spec §17.0, `taosim describe eras`): sets the defaults of emission.policy, emission.gate, chain.injection_cap, chain.tao_weight, chain.min_lock_cost_tao and chain.registration_burn_is_flow")) ?? .latest
      return readChain(r, defaults: era.chainParameters())
    }
    let eraDefaults = WorldConfig(era: era)
    if !reader.context.documenting, world.subnetCount > world.chain.subnetLimit {
      reader.field("network").object(doc: "") { $0.field("subnets") }.0
        .report("\(world.subnetCount) subnets exceed chain.subnet_limit (\(world.chain.subnetLimit))")
    }
    world.hyperparameters = reader.object("subnet", doc: "hyperparameters of every subnet (spec §12, new-subnet values)") {
      readHyperparameters($0)
    }
    world.subnetOverrides = reader.list("subnet_overrides", doc: "hyperparameters for chosen subnets, applied in order") {
      item in
      let (value, json) = item.object(doc: "one override") { readOverride($0) }
      return (value, json)
    }
    reader.object("emission", doc: "subnet emission policy: how block emission is shared among subnets (spec §9.3)") { r in
      let variants = EmissionPolicies.all.map { descriptor in
        TaggedVariant<(String, [String: Double])>(descriptor.identifier, doc: descriptor.summary) { p in
          var parameters: [String: Double] = [:]
          let eraValues = descriptor.identifier == eraDefaults.emissionPolicy ? eraDefaults.emissionPolicyParameters : [:]
          for parameter in descriptor.parameters {
            parameters[parameter.name] = p.number(parameter.name, default: eraValues[parameter.name] ?? parameter.defaultValue,
              in: .closed(parameter.minimum, parameter.maximum), doc: parameter.summary)
          }
          return (descriptor.identifier, parameters)
        }
      }
      if let (policy, parameters) = r.tagged("policy", doc: "the policy and its parameters (default: chain.era's)",
        default: eraDefaults.emissionPolicy,
        variants: variants)
      {
        world.emissionPolicy = policy
        world.emissionPolicyParameters = parameters
      }
      world.emissionGate = r.object("gate",
        doc: "Hill emission gate applied after the policy's shares (spec §17.1; default: chain.era's)") {
        readGate($0, defaults: eraDefaults.emissionGate)
      }
      world.shareRefreshBlocks = Int64(r.integer("share_refresh_blocks", default: Int(defaults.shareRefreshBlocks),
        in: 1...1_000_000, unit: "blocks", doc: "blocks between re-evaluations of the subnets' TAO shares (1 = every block)"))
    }
    world.genesis = reader.object("genesis", doc: "initial state of the economy (illustrative, not mainnet data)") {
      readGenesis($0)
    }
    if let snapshot = world.genesis.snapshot {
      if subnetsWritten, world.subnetCount != snapshot.subnets.count {
        reader.field("network").object(doc: "") { $0.field("subnets") }.0
          .report("\(world.subnetCount) subnets, but genesis.snapshot chooses \(snapshot.subnets.count); choose them with genesis.subnets")
      }
      world.subnetCount = snapshot.subnets.count
    }
    world.subnetUtility = SubnetUtilitySpec.read(reader)
    world.miners = reader.object("miners", doc: "honest miners: latent utility, its evolution, exits and arrivals") {
      readMiners($0)
    }
    world.validators = reader.object("validators", doc: "honest validators' weight setting") { r in
      var v = HonestValidatorParameters()
      v.weightSigma = r.number("weight_sigma", default: v.weightSigma, in: .closed(0, 100),
        doc: "σ_W: validators see utility × (1 + N(0, σ²)) (subjectivity noise, spec §15.3)")
      v.weightIntervalBlocks = Int64(r.integer("weight_interval_blocks", default: Int(v.weightIntervalBlocks),
        in: 1...10_000_000, unit: "blocks", doc: "blocks between weight settings (the chain rate-limits it)"))
      v.noiseRefreshBlocks = Int64(r.integer("noise_refresh_blocks", default: Int(v.noiseRefreshBlocks),
        in: 0...100_000_000, unit: "blocks", doc: "blocks between new noise draws; 0 = a fresh draw at every setting"))
      return v
    }
    world.nominators = reader.object("nominators", doc: "nominators who delegate stake to validators") { r in
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
    world.agents = AttackSpecs.read(reader)
    return ModelSpec(world: world)
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
