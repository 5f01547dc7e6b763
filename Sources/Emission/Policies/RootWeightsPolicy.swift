import NetworkModel

/// `root-weights`: share ∝ root validators' stake-weighted weights on subnets (the pre-dTAO
/// rule). Equal shares when no root weight is set.
///
/// Simplification: the pre-dTAO chain ran a Yuma epoch on the root subnet; this policy uses the
/// plain stake-weighted mean of root weights (no consensus clipping).
public struct RootWeightsPolicy: SubnetEmissionPolicy {
  public let identifier = "root-weights"
  public init() {}
  public func shares(_ snapshot: EmissionSnapshot) -> [Double] {
    EmissionShares.normalize(snapshot.subnets.map(\.rootWeight), enabled: snapshot.subnets.map(\.emissionEnabled))
  }
}
