/// The root proportion ρ_i = τ·TAO_root / (τ·TAO_root + alpha issuance_i) (spec §9.5).
public enum RootProportion {
  /// ρ for a subnet; 0 when both terms are 0.
  @inlinable public static func value(tau: Double, totalRootStake: UInt64, alphaIssuance: UInt64) -> Double {
    let root = tau * Double(totalRootStake)
    let denominator = root + Double(alphaIssuance)
    return denominator > 0 ? root / denominator : 0
  }
}
