import NetworkModel

/// `price-ema`: share ∝ EMA price, weighted by (1 − MinerBurned) (spec §9.3, the 2025-02 and
/// current rule).
///
/// w_i = P̄_i · (1 − min(1, MinerBurned_i)) when `minerBurnWeighting` is on, else P̄_i; if every
/// weighted share is 0 the unweighted prices are used (§17.1.1 step 2); if those are 0 too, every
/// share is 0 and the emission is recycled (§17.3).
public struct PriceEMAPolicy: SubnetEmissionPolicy {
  public let identifier = "price-ema"
  /// Whether shares are weighted by (1 − MinerBurned) (on since 2026-06-22).
  public var minerBurnWeighting: Bool

  public init(minerBurnWeighting: Bool = true) { self.minerBurnWeighting = minerBurnWeighting }

  public func shares(_ snapshot: EmissionSnapshot) -> [Double] {
    let enabled = snapshot.subnets.map(\.emissionEnabled)
    let prices = snapshot.subnets.map { max(0, $0.emaPrice) }
    if minerBurnWeighting {
      let weighted = snapshot.subnets.map { max(0, $0.emaPrice) * (1 - min(1, max(0, $0.minerBurnedFraction))) }
      var any = false
      for i in weighted.indices where enabled[i] && weighted[i] > 0 { any = true }
      if any { return EmissionShares.normalize(weighted, enabled: enabled) }
    }
    return EmissionShares.normalize(prices, enabled: enabled)
  }
}
