/// Parameters of honest validators' weight setting.
///
/// The heterogeneity keys (``weightSigmaSpread``, ``weightIntervalRange``, ``lagShare``, ``topK``,
/// ``misconfiguredShare``) default to "everyone alike": left unset, every validator has σ_W, one
/// cohort cadence, fresh utility, a full row and a correct configuration, and no extra random draw
/// is made, so worlds written before them run unchanged.
public struct HonestValidatorParameters: Sendable, Equatable, Hashable {
  /// Subjectivity noise σ_W relative to the mean (spec §15.3): validator i weights miner j by
  /// u_j · max(0, 1 + σ_i·ε_ij), ε_ij ~ N(0, 1). Default 0.2.
  public var weightSigma: Double = 0.2
  /// Spread s of the validators' noise levels: σ_i = σ_W · lognormal(0, s), drawn once per
  /// validator from its own stream. Default 0 (σ_i = σ_W for all).
  public var weightSigmaSpread: Double = 0
  /// Blocks between weight submissions (default 360 = one tempo). Should be ≥ the subnet's
  /// weights rate limit (100) or submissions are refused.
  public var weightIntervalBlocks: Int64 = 360
  /// Per-validator cadences: validator i submits every I_i ~ uniform{lo…hi} blocks from its own
  /// phase. `nil` (default): every validator submits every ``weightIntervalBlocks``.
  public var weightIntervalRange: ClosedRange<Int64>? = nil
  /// Blocks after which a validator redraws all its noise terms; 0 = never (persistent
  /// subjectivity: ε_ij is drawn once per validator–miner pair, and again when the UID changes
  /// hands). Default 0.
  public var noiseRefreshBlocks: Int64 = 0
  /// Share of validators who lag: they weight the utility as it was ``lagBlocks`` ago (a miner
  /// newer than that is not weighted). Default 0.
  public var lagShare: Double = 0
  /// How stale a lagging validator's view is, in blocks. Default 7,200 (a day).
  public var lagBlocks: Int64 = 7_200
  /// Sparse rows: each validator weights only the k miners it observes best; 0 (default) = all.
  public var topK: Int = 0
  /// Share of small validators (stake below the subnet's median validator stake when first seen)
  /// who are misconfigured and out of consensus. Default 0.
  public var misconfiguredShare: Double = 0
  /// What a misconfigured validator submits.
  public var misconfiguredWeights: MisconfiguredWeights = .random
  /// Root validators who delegate stake weight to a child hotkey (spec §17.5; default off).
  public var childDelegation = ChildDelegation()

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if !(weightSigma.isFinite && weightSigma >= 0) { out.append("validators.weight_sigma must be ≥ 0, got \(weightSigma)") }
    if !(weightSigmaSpread.isFinite && weightSigmaSpread >= 0) {
      out.append("validators.weight_sigma_spread must be ≥ 0, got \(weightSigmaSpread)")
    }
    if weightIntervalBlocks < 1 { out.append("validators.weight_interval_blocks must be ≥ 1, got \(weightIntervalBlocks)") }
    if let r = weightIntervalRange, r.lowerBound < 1 {
      out.append("validators.weight_interval_blocks_range must start at ≥ 1, got \(r.lowerBound)")
    }
    if noiseRefreshBlocks < 0 { out.append("validators.noise_refresh_blocks must be ≥ 0, got \(noiseRefreshBlocks)") }
    if !(lagShare >= 0 && lagShare <= 1) { out.append("validators.lag_share must be in [0, 1], got \(lagShare)") }
    if lagBlocks < 0 { out.append("validators.lag_blocks must be ≥ 0, got \(lagBlocks)") }
    if topK < 0 { out.append("validators.top_k must be ≥ 0, got \(topK)") }
    if !(misconfiguredShare >= 0 && misconfiguredShare <= 1) {
      out.append("validators.misconfigured_share must be in [0, 1], got \(misconfiguredShare)")
    }
    return out
  }

  /// The smallest interval any validator submits at (for the rate-limit check).
  public var shortestInterval: Int64 { weightIntervalRange?.lowerBound ?? weightIntervalBlocks }
}

/// What a misconfigured validator's row is.
public enum MisconfiguredWeights: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Uniform(0, 1) weights on every UID, drawn once per slot holder.
  case random
  /// Equal weights on a fixed set of UIDs drawn once (as many as ``HonestValidatorParameters/topK``,
  /// or 8 when that is 0), whatever those UIDs produce.
  case fixedSet = "fixed-set"
}
