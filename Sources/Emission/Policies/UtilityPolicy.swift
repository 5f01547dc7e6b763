import NetworkModel

/// `utility`: share ∝ (measured subnet utility)ᵖ — the "dynamic, based on subnet utility" rule.
/// Equal shares when no subnet has positive utility.
///
/// The measured utility is the sum of the latent utility of the subnet's registered miners (what
/// the subnet produces); it is an oracle quantity the chain cannot observe.
public struct UtilityPolicy: SubnetEmissionPolicy {
  public let identifier = "utility"
  /// Power p applied to utility (default 1).
  public var exponent: Double
  public init(exponent: Double = 1) { self.exponent = exponent }
  public func shares(_ snapshot: EmissionSnapshot) -> [Double] {
    let raw = snapshot.subnets.map { exponent == 1 ? max(0, $0.utility) : RealMath.pow(max(0, $0.utility), exponent) }
    return EmissionShares.normalize(raw, enabled: snapshot.subnets.map(\.emissionEnabled))
  }
}
