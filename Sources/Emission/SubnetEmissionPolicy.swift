import NetworkModel

/// What a subnet emission policy may read about one emitting subnet.
public struct SubnetEmissionInputs: Sendable, Equatable {
  /// The subnet.
  public var id: SubnetID
  /// `SubnetEmissionEnabled` (spec §9.2): disabled subnets get share 0.
  public var emissionEnabled: Bool
  /// EMA price P̄ (TAO per alpha, spec §9.4).
  public var emaPrice: Double
  /// Spot price (TAO per alpha).
  public var spotPrice: Double
  /// Fraction of the last epoch's miner emission burned by the owner (`MinerBurned`, spec §9.3).
  public var minerBurnedFraction: Double
  /// EMA of net TAO staking inflow per block (rao per block; may be negative).
  public var taoFlowEMA: Double
  /// Root validators' stake-weighted weight on this subnet (Σ_v rootStake_v · w_v,s / Σ_s w_v,s).
  public var rootWeight: Double
  /// The subnet's measured utility (Σ of its registered miners' latent utility).
  public var utility: Double

  public init(
    id: SubnetID, emissionEnabled: Bool = true, emaPrice: Double = 0, spotPrice: Double = 0,
    minerBurnedFraction: Double = 0, taoFlowEMA: Double = 0, rootWeight: Double = 0, utility: Double = 0
  ) {
    self.id = id
    self.emissionEnabled = emissionEnabled
    self.emaPrice = emaPrice
    self.spotPrice = spotPrice
    self.minerBurnedFraction = minerBurnedFraction
    self.taoFlowEMA = taoFlowEMA
    self.rootWeight = rootWeight
    self.utility = utility
  }
}

/// A snapshot of the emitting subnets (spec §9.2), in ascending netuid order.
public struct EmissionSnapshot: Sendable, Equatable {
  /// The block the snapshot was taken.
  public var block: Int64
  /// One entry per emitting subnet.
  public var subnets: [SubnetEmissionInputs]

  public init(block: Int64, subnets: [SubnetEmissionInputs]) {
    self.block = block
    self.subnets = subnets
  }
}

/// Decides each subnet's share of the TAO block emission (spec §9.3).
///
/// Policies are pure functions of a snapshot: they never change the network; the World applies
/// their shares. Two policies can therefore be compared on the same random world.
public protocol SubnetEmissionPolicy: Sendable {
  /// A stable name written to results (e.g. `"price-ema"`); never derived from the type name.
  var identifier: String { get }

  /// The half-life in blocks of the TAO-flow EMA this policy reads, if it reads one. The World
  /// keeps ``SubnetEmissionInputs/taoFlowEMA`` with this half-life.
  var taoFlowHalfLifeBlocks: Int64? { get }

  /// Shares parallel to `snapshot.subnets`: each ≥ 0, Σ = 1, or all 0 when no enabled subnet has
  /// a positive raw value (then the block emission is recycled, spec §17.3).
  func shares(_ snapshot: EmissionSnapshot) -> [Double]
}

extension SubnetEmissionPolicy {
  public var taoFlowHalfLifeBlocks: Int64? { nil }
}

/// Shared share arithmetic for policies.
public enum EmissionShares {
  /// Normalises `raw` over enabled subnets: disabled or non-positive/non-finite entries get 0.
  /// If nothing positive remains every share is 0 and the World recycles the whole block emission
  /// (spec §17.3: the chain has no equal-share fallback).
  public static func normalize(_ raw: [Double], enabled: [Bool]) -> [Double] {
    var out = [Double](repeating: 0, count: raw.count)
    var total = 0.0
    for i in raw.indices where enabled[i] && raw[i].isFinite && raw[i] > 0 { total += raw[i] }
    guard total > 0, total.isFinite else { return out }
    for i in raw.indices where enabled[i] && raw[i].isFinite && raw[i] > 0 { out[i] = raw[i] / total }
    return out
  }
}
