import NetworkModel

/// `equal`: every enabled subnet gets the same share.
public struct EqualPolicy: SubnetEmissionPolicy {
  public let identifier = "equal"
  public init() {}
  public func shares(_ snapshot: EmissionSnapshot) -> [Double] {
    let enabled = snapshot.subnets.map(\.emissionEnabled)
    return EmissionShares.normalize(enabled.map { $0 ? 1 : 0 }, enabled: enabled)
  }
}
