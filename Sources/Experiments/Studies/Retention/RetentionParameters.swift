import EpochTypes

/// The knobs of the retention (collusion) Monte-Carlo of spec §15.3.
///
/// Defaults reproduce the documented study: σ_W = 0.4, β = 1, ξ = 0.5, κ = 0.5, 512 UIDs of which
/// 64 validators, the full 11 × 51 × 51 grid, one Yuma-2 epoch with commit-reveal off.
public struct RetentionParameters: Sendable, Equatable {
  /// σ_W: standard deviation of the multiplicative N(1, σ_W²) noise on each weight (spec §15.3 step 5).
  public var weightSigma: Double = 0.4
  /// β, the bonds penalty as a fraction in [0, 1] (spec §5.1). Stored as ⌊β·65534⌋ like the chain's
  /// study, which scales its command-line β by `u16::MAX − 1`; so β = 1 gives 65 534, not 65 535.
  public var bondsPenalty: Double = 1
  /// ξ, the validator emission ratio in [0, 1]: the fraction of the epoch amount paid by dividends
  /// (the rest is paid by incentive). ξ = 0.5 is the chain's fixed split (spec §6); see
  /// ``RetentionEmission`` for how other values enter.
  public var validatorShare: Double = 0.5
  /// κ as a fraction in [0, 1] (spec §4.1), stored as ⌊κ·65534⌋ so that the default κ = 0.5 gives the
  /// chain's default `Kappa` = 32 767 (κ ≈ 0.49999); the same scaling the study applies to β.
  public var kappa: Double = 0.5
  /// Root seed of the keyed random streams (stake and weight-noise draws).
  public var seed: UInt64 = 0
  /// Which epoch arithmetic runs the networks.
  public var arithmetic: Arithmetic = .double
  /// The grid of honest stakes and utilities.
  public var grid: RetentionGrid = .specification
  /// Steps of the W_H and W_C axes (shorthand for `grid.utilitySteps`).
  public var utilitySteps: Int {
    get { grid.utilitySteps }
    set { grid.utilitySteps = newValue }
  }
  /// Number of UIDs N (spec §15.3: 512).
  public var networkSize: Int = 512
  /// Number of validators (spec §15.3: 64); UIDs 0..<validatorCount, servers after them (blockwise).
  public var validatorCount: Int = 64
  /// Standard deviation of the N(1, σ²) stake draws per validator (spec §15.3 step 4: 0.3).
  public var stakeSigma: Double = 0.3
  /// Total stake in base units that the stake shares are scaled to (spec §15.3 step 4: 21·10¹⁵).
  public var totalStake: Double = 21e15
  /// The amount R passed to the measured epoch (spec §15.3 step 6: 10⁹).
  public var epochEmission: UInt64 = 1_000_000_000

  public init() {}

  /// Every problem with these parameters, as readable sentences (empty when they are valid).
  public var problems: [String] {
    var found: [String] = []
    func unit(_ value: Double, _ name: String) {
      if !(value.isFinite && value >= 0 && value <= 1) { found.append("\(name) must be in [0, 1], got \(value)") }
    }
    if !(weightSigma.isFinite && weightSigma >= 0 && weightSigma <= 100) {
      found.append("weight_sigma must be finite and in [0, 100], got \(weightSigma)")
    }
    unit(bondsPenalty, "bonds_penalty")
    unit(validatorShare, "validator_share")
    unit(kappa, "kappa")
    if !(stakeSigma.isFinite && stakeSigma >= 0) { found.append("stake_sigma must be finite and ≥ 0, got \(stakeSigma)") }
    if !(totalStake.isFinite && totalStake >= 1 && totalStake <= 1.8e19) {
      found.append("total_stake must be in [1, 1.8e19] base units, got \(totalStake)")
    }
    if validatorCount < 2 { found.append("validator_count must be at least 2, got \(validatorCount)") }
    if networkSize - validatorCount < 2 {
      found.append("network_size must leave at least 2 servers, got \(networkSize) UIDs and \(validatorCount) validators")
    }
    if networkSize > 65_535 { found.append("network_size must be at most 65535, got \(networkSize)") }
    if epochEmission == 0 { found.append("epoch_emission must be positive") }
    found.append(contentsOf: grid.problems)
    return found
  }

  /// The epoch hyperparameters of the study's subnet: Yuma 2, no liquid alpha, commit-reveal off,
  /// `MaxAllowedValidators` = the validator count, τ = 0 and no stake threshold (the chain's test mock).
  public var hyperparameters: EpochHyperparameters {
    var h = EpochHyperparameters()
    h.kappa = Self.studyU16(kappa)
    h.bondsPenalty = Self.studyU16(bondsPenalty)
    h.bondsMovingAverage = 900_000
    h.yuma3 = false
    h.liquidAlpha = false
    h.maxAllowedValidators = validatorCount
    h.activityCutoffBlocks = 5_000
    h.taoWeight = 0
    h.stakeThreshold = 0
    h.commitReveal = false
    return h
  }

  /// ⌊x·65534⌋ for x in [0, 1]: the study's float → u16 scaling.
  static func studyU16(_ x: Double) -> UInt16 { UInt16((min(max(x, 0), 1) * 65_534).rounded(.down)) }
}

/// Why a retention study cannot run.
public struct RetentionParameterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The problems found, one sentence each.
  public var problems: [String]
  public var description: String { problems.joined(separator: "; ") }
}
