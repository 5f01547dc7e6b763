import EpochTypes

/// The per-subnet hyperparameters the model uses (spec §12, "new subnet" column).
///
/// Every field can be overridden per subnet (see ``SubnetHyperparameterOverrides``). Epoch-facing
/// fields use the chain's integer encodings so that the World can hand them to the epoch
/// unchanged.
public struct SubnetHyperparameters: Sendable, Equatable, Hashable {
  /// `Tempo` T in blocks; epochs run every T blocks (spec §2). Default 360.
  public var tempo: Int64 = 360
  /// The epoch's own hyperparameters (κ, β, bonds moving average, Yuma 3, liquid alpha,
  /// `MaxAllowedValidators`, …; spec §12). Their defaults are the "new subnet" values. The World
  /// fills `activityCutoffBlocks`, `taoWeight`, `stakeThreshold` and `commitReveal` from the
  /// fields below and the chain parameters before each epoch.
  public var epoch = EpochHyperparameters()
  /// `MaxAllowedUids`. Default 256.
  public var maxAllowedUids: Int = 256
  /// `ActivityCutoffFactorMilli` F; cutoff = max(1, ⌊F·T/1000⌋) blocks (spec §3.1). Default 13 889.
  public var activityCutoffFactorMilli: Int64 = 13_889
  /// `ImmunityPeriod` in blocks (spec §11.3). New subnets: 5 000.
  public var immunityPeriod: Int64 = 5_000
  /// `MinNonImmuneUids` (spec §11.3). Default 10.
  public var minNonImmuneUids: Int = 10
  /// `ImmuneOwnerUidsLimit` (spec §11.3). Default 1.
  public var immuneOwnerUidsLimit: Int = 1
  /// `WeightsSetRateLimit` in blocks (spec §3.5; also limits commits). Default 100.
  public var weightsRateLimit: Int64 = 100
  /// `MinAllowedWeights` (spec §3.5). New subnets: 1.
  public var minAllowedWeights: Int = 1
  /// Commit-reveal period p in tempos (spec §10); 0 switches commit-reveal off. Default 1.
  public var commitRevealInterval: Int = 1
  /// `OwnerCutEnabled` (spec §8.1). Default true.
  public var ownerCutEnabled: Bool = true
  /// Initial registration burn in rao (new subnets: 1 TAO, spec §11.2).
  public var initialBurn: UInt64 = 1_000_000_000
  /// `MinBurn` in rao. Default 0.0005 TAO.
  public var minBurn: UInt64 = 500_000
  /// `MaxBurn` in rao. Default 100 TAO.
  public var maxBurn: UInt64 = 100_000_000_000
  /// `BurnHalfLife` in blocks (spec §11.2). Default 360.
  public var burnHalfLife: Int64 = 360
  /// `BurnIncreaseMult` (spec §11.2). Default 1.26.
  public var burnIncreaseMultiplier: Double = 1.26
  /// Whether the subnet receives a TAO share (`SubnetEmissionEnabled`, spec §9.2). Default true
  /// (the model departs from 14bc6f9, where new subnets start disabled until a root switch).
  public var emissionEnabled: Bool = true

  public init() {}

  /// The activity cutoff in blocks: max(1, ⌊F·T/1000⌋) (spec §3.1).
  @inlinable public var activityCutoffBlocks: Int64 { max(1, activityCutoffFactorMilli * tempo / 1_000) }

  /// Whether commit-reveal is on (interval > 0).
  @inlinable public var commitRevealEnabled: Bool { commitRevealInterval > 0 }

  /// Checks ranges; returns one message per problem (empty when valid).
  public func problems() -> [String] {
    var out: [String] = []
    if tempo < 1 || tempo > 65_535 { out.append("tempo must be in 1...65535 blocks, got \(tempo)") }
    if epoch.bondsMovingAverage > 1_000_000 {
      out.append("bonds_moving_average must be ≤ 1000000 ppm, got \(epoch.bondsMovingAverage)")
    }
    if epoch.alphaLow > epoch.alphaHigh {
      out.append("alpha_low (\(epoch.alphaLow)) must not exceed alpha_high (\(epoch.alphaHigh))")
    }
    if maxAllowedUids < 1 || maxAllowedUids > 4_096 { out.append("max_allowed_uids must be in 1...4096, got \(maxAllowedUids)") }
    if epoch.maxAllowedValidators < 1 {
      out.append("max_allowed_validators must be ≥ 1, got \(epoch.maxAllowedValidators)")
    }
    if activityCutoffFactorMilli < 1 { out.append("activity_cutoff_factor_milli must be ≥ 1, got \(activityCutoffFactorMilli)") }
    if immunityPeriod < 0 { out.append("immunity_period must be ≥ 0, got \(immunityPeriod)") }
    if minNonImmuneUids < 0 { out.append("min_non_immune_uids must be ≥ 0, got \(minNonImmuneUids)") }
    if immuneOwnerUidsLimit < 0 { out.append("immune_owner_uids_limit must be ≥ 0, got \(immuneOwnerUidsLimit)") }
    if weightsRateLimit < 0 { out.append("weights_rate_limit must be ≥ 0, got \(weightsRateLimit)") }
    if commitRevealInterval < 0 || commitRevealInterval > 100 {
      out.append("commit_reveal_interval must be in 0...100 tempos, got \(commitRevealInterval)")
    }
    if minBurn > maxBurn { out.append("min_burn must not exceed max_burn") }
    if burnHalfLife < 1 { out.append("burn_half_life must be ≥ 1 block, got \(burnHalfLife)") }
    if !(burnIncreaseMultiplier.isFinite && burnIncreaseMultiplier >= 1) {
      out.append("burn_increase_multiplier must be a finite number ≥ 1, got \(burnIncreaseMultiplier)")
    }
    return out
  }
}

/// A partial set of hyperparameters applied on top of the defaults for chosen subnets.
///
/// `nil` fields keep the default. Applied in the order given; later overrides win.
public struct SubnetHyperparameterOverrides: Sendable, Equatable, Hashable {
  /// The non-root subnets (1-based netuids) this override applies to.
  public var subnets: [Int]
  public var tempo: Int64?
  public var kappa: UInt16?
  public var bondsPenalty: UInt16?
  public var bondsMovingAverage: UInt64?
  public var yuma3: Bool?
  public var liquidAlpha: Bool?
  public var alphaLow: UInt16?
  public var alphaHigh: UInt16?
  public var maxAllowedValidators: Int?
  public var activityCutoffFactorMilli: Int64?
  public var immunityPeriod: Int64?
  public var weightsRateLimit: Int64?
  public var commitRevealInterval: Int?
  public var ownerCutEnabled: Bool?
  public var emissionEnabled: Bool?

  public init(subnets: [Int]) { self.subnets = subnets }

  /// Returns `base` with every non-nil field of this override applied.
  public func applied(to base: SubnetHyperparameters) -> SubnetHyperparameters {
    var h = base
    if let tempo { h.tempo = tempo }
    if let kappa { h.epoch.kappa = kappa }
    if let bondsPenalty { h.epoch.bondsPenalty = bondsPenalty }
    if let bondsMovingAverage { h.epoch.bondsMovingAverage = bondsMovingAverage }
    if let yuma3 { h.epoch.yuma3 = yuma3 }
    if let liquidAlpha { h.epoch.liquidAlpha = liquidAlpha }
    if let alphaLow { h.epoch.alphaLow = alphaLow }
    if let alphaHigh { h.epoch.alphaHigh = alphaHigh }
    if let maxAllowedValidators { h.epoch.maxAllowedValidators = maxAllowedValidators }
    if let activityCutoffFactorMilli { h.activityCutoffFactorMilli = activityCutoffFactorMilli }
    if let immunityPeriod { h.immunityPeriod = immunityPeriod }
    if let weightsRateLimit { h.weightsRateLimit = weightsRateLimit }
    if let commitRevealInterval { h.commitRevealInterval = commitRevealInterval }
    if let ownerCutEnabled { h.ownerCutEnabled = ownerCutEnabled }
    if let emissionEnabled { h.emissionEnabled = emissionEnabled }
    return h
  }
}
