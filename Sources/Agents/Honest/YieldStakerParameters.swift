/// Parameters of the yield stakers (the `stakers:` block): TAO holders who keep their stake on
/// the subnet they expect to pay best and move it when the gain beats the cost of moving.
///
/// Off by default (``count`` 0). Sources of the mainnet values: `docs/calibration.md`, "Stake that
/// follows yield and utility".
public struct YieldStakerParameters: Sendable, Equatable, Hashable {
  /// Number of stakers (each its own coldkey). Default 0 (none).
  public var count = 0
  /// Share of every genesis validator's own alpha stake that belongs to the stakers instead
  /// (delegated stake; ownership only, so genesis prices and alpha outstanding are unchanged).
  /// Staker k starts on subnet k mod n + 1 and holds that subnet's carved stake with the other
  /// stakers there. Default 0.2.
  public var stakeShare = 0.2
  /// Blocks between activations. Default 7 200 (a day).
  public var intervalBlocks: Int64 = 7_200
  /// Share of stakers who reconsider their subnet at each activation (inertia). Default 0.1.
  public var reconsiderFraction = 0.1
  /// Weight of a subnet's trailing validator yield (alpha APR) in its expected annual return.
  /// Default 1.
  public var yieldWeight = 1.0
  /// Weight of a subnet's perceived utility, ln(its Σ utility ÷ the mean over subnets) clamped
  /// to [−3, 3], in its expected annual return (per year per e-fold of utility). Default 0.
  public var utilityWeight = 0.0
  /// σ of the Gaussian noise each staker adds to each subnet's expected annual return. Default 0.05.
  public var noise = 0.05
  /// Days over which a move's expected gain is counted against its cost. Default 30.
  public var horizonDays = 30.0
  /// Extra expected gain a move must clear, as a share of the stake moved. Default 0.
  public var hurdle = 0.0
  /// Days of the exponential memory of each subnet's trailing yield. Default 7.
  public var yieldMemoryDays = 7.0

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    func fraction(_ v: Double, _ key: String) {
      if !(v.isFinite && v >= 0 && v <= 1) { out.append("stakers.\(key) must be in [0, 1], got \(v)") }
    }
    func nonNegative(_ v: Double, _ key: String) {
      if !(v.isFinite && v >= 0) { out.append("stakers.\(key) must be ≥ 0, got \(v)") }
    }
    if count < 0 { out.append("stakers.count must be ≥ 0, got \(count)") }
    fraction(stakeShare, "stake_share")
    fraction(reconsiderFraction, "reconsider_fraction")
    nonNegative(yieldWeight, "yield_weight")
    nonNegative(utilityWeight, "utility_weight")
    nonNegative(noise, "noise")
    nonNegative(hurdle, "hurdle")
    if !(horizonDays.isFinite && horizonDays > 0) { out.append("stakers.horizon_days must be > 0, got \(horizonDays)") }
    if !(yieldMemoryDays.isFinite && yieldMemoryDays > 0) {
      out.append("stakers.yield_memory_days must be > 0, got \(yieldMemoryDays)")
    }
    if intervalBlocks < 1 { out.append("stakers.interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    return out
  }
}
