import NetworkModel

/// `tao-flow`: share ∝ (EMA of net TAO staking inflow)ᵖ, negative flows → 0 (the 2025-11 rule,
/// spec §9.3 history). All shares 0 (the emission recycled, §17.3) when no subnet has positive flow.
///
/// Simplification: the chain's offset/cutoff and protocol-flow subtraction are not modelled; the
/// EMA is kept by the World with half-life ``halfLifeBlocks`` over the stake/unstake TAO flow.
public struct TaoFlowPolicy: SubnetEmissionPolicy {
  public let identifier = "tao-flow"
  /// EMA half-life in blocks (default 216 000 ≈ 30 days, spec §9.3).
  public var halfLifeBlocks: Int64
  /// Power p applied to the positive flow (default 1).
  public var exponent: Double

  public init(halfLifeBlocks: Int64 = 216_000, exponent: Double = 1) {
    self.halfLifeBlocks = halfLifeBlocks
    self.exponent = exponent
  }

  public var taoFlowHalfLifeBlocks: Int64? { halfLifeBlocks }

  public func shares(_ snapshot: EmissionSnapshot) -> [Double] {
    let raw = snapshot.subnets.map { s -> Double in
      let flow = max(0, s.taoFlowEMA)
      return exponent == 1 ? flow : RealMath.pow(flow, exponent)
    }
    return EmissionShares.normalize(raw, enabled: snapshot.subnets.map(\.emissionEnabled))
  }
}
