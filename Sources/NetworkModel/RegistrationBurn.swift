/// A subnet's neuron-registration burn price and its dynamics (spec §11.2).
///
/// The price decays by 2^(−1/H) per block (H = `BurnHalfLife`), rises by `BurnIncreaseMult` after
/// each registration and is clamped to [MinBurn, MaxBurn]. The decay is evaluated in closed form
/// from the last update, so quiet blocks cost nothing; because the lower clamp is absorbing under
/// decay, the closed form equals the per-block recursion up to floating-point rounding.
public struct RegistrationBurn: Sendable, Equatable, Hashable {
  /// The price in rao at ``updatedAt`` (kept as a real number between updates).
  public private(set) var price: Double
  /// The block the price was last brought up to date.
  public private(set) var updatedAt: Int64

  public init(initial: UInt64, at block: Int64) {
    price = Double(initial)
    updatedAt = block
  }

  /// The price in rao at `block` (≥ ``updatedAt``), clamped to the subnet's bounds.
  public func price(at block: Int64, _ h: SubnetHyperparameters) -> UInt64 {
    let blocks = Double(max(0, block - updatedAt))
    let decayed = price * RealMath.exp2(-blocks / Double(h.burnHalfLife))
    return min(h.maxBurn, max(h.minBurn, FixedMath.floorAmount(decayed.rounded(.down))))
  }

  /// Brings the price to `block` and applies one registration's increase.
  public mutating func registered(at block: Int64, _ h: SubnetHyperparameters) {
    let current = Double(price(at: block, h))
    price = min(Double(h.maxBurn), max(Double(h.minBurn), current * h.burnIncreaseMultiplier))
    updatedAt = block
  }
}

