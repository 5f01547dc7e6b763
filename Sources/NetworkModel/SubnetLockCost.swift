/// The TAO lock needed to register a subnet (spec §11.5).
///
/// After each registration the cost doubles from the last lock, then decays linearly to the
/// minimum over `lockReductionInterval` blocks.
public struct SubnetLockCost: Sendable, Equatable, Hashable {
  /// The lock paid by the last subnet registration (rao).
  public private(set) var lastLock: UInt64
  /// The block of the last subnet registration.
  public private(set) var lastBlock: Int64

  public init(lastLock: UInt64, lastBlock: Int64) {
    self.lastLock = lastLock
    self.lastBlock = lastBlock
  }

  /// The cost in rao at `block`: max(min, 2·last − (2·last)·elapsed/interval).
  public func cost(at block: Int64, _ chain: ChainParameters) -> UInt64 {
    let doubled = lastLock > UInt64.max / 2 ? UInt64.max : lastLock * 2
    let elapsed = UInt64(max(0, min(block - lastBlock, chain.lockReductionInterval)))
    let reduction = FixedMath.mulDiv(doubled, elapsed, UInt64(chain.lockReductionInterval))
    return max(chain.minLockCost, doubled - reduction)
  }

  /// Records a registration that paid `paid` at `block`.
  public mutating func registered(paid: UInt64, at block: Int64) {
    lastLock = paid
    lastBlock = block
  }
}
