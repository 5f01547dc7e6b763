import NetworkModel

/// One block's alpha emission for one subnet split into the pending buckets (spec §8.1).
///
/// owner = ⌊A·κₒ⌋ (if the owner cut is on), A' = A − owner, server = ⌊A'/2⌋,
/// root_alpha = ρ·A'/2, validator = ⌊A'/2 − root_alpha⌋, root = ⌊root_alpha⌋ — paid into the root
/// bucket when the network's root sell flag is set, otherwise recycled. Every amount is floored per
/// block, so n identical blocks give exactly n times one block's amounts.
public struct BlockAlphaSplit: Sendable, Equatable, Hashable {
  /// To `PendingOwnerCut`.
  public var owner: UInt64
  /// To `PendingServerEmission`.
  public var server: UInt64
  /// To `PendingValidatorEmission`.
  public var validator: UInt64
  /// To `PendingRootAlphaDivs` (0 when recycled).
  public var root: UInt64
  /// Root alpha recycled because the root sell flag is off.
  public var recycled: UInt64

  /// The alpha minted as outstanding this block (Σ of the parts; flooring dust is never minted).
  @inlinable public var minted: UInt64 { owner + server + validator + root + recycled }

  /// Splits `alpha` base units.
  ///
  /// - Parameters:
  ///   - alpha: A_i for the block.
  ///   - ownerCut: `SubnetOwnerCut` as u16, or `nil` when the subnet's owner cut is disabled.
  ///   - rootProportion: ρ_i in [0, 1] (spec §9.5).
  ///   - rootSell: the network root sell flag (Σ EMA prices > 1).
  public init(alpha: UInt64, ownerCut: UInt16?, rootProportion: Double, rootSell: Bool) {
    owner = ownerCut.map { FixedMath.mulDiv(alpha, UInt64($0), 65_535) } ?? 0
    let rest = alpha - owner
    server = rest / 2
    let half = Double(rest) * 0.5
    let rootAlpha = min(half, max(0, rootProportion) * half)
    validator = FixedMath.floorAmount(half - rootAlpha)
    let rootFloor = FixedMath.floorAmount(rootAlpha)
    root = rootSell ? rootFloor : 0
    recycled = rootSell ? 0 : rootFloor
  }

  /// Multiplies every part by `blocks` (blocks with identical inputs).
  public func times(_ blocks: UInt64) -> BlockAlphaSplit {
    var s = self
    s.owner *= blocks
    s.server *= blocks
    s.validator *= blocks
    s.root *= blocks
    s.recycled *= blocks
    return s
  }
}
