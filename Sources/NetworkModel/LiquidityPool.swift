/// A subnet's constant-product TAO/alpha pool (spec §9.4, §9.6).
///
/// Spot price p = TAO reserve / alpha reserve (TAO per alpha). Swaps keep x·y = k with the output
/// floored, so k never decreases (the pool keeps rounding dust). Protocol injections add both
/// tokens in the current price ratio and leave the price unchanged.
///
/// Simplification: the chain at 14bc6f9 runs a Balancer-style weighted pool whose weights absorb
/// injections; with equal weights it is this constant-product pool. No swap fee is modelled.
public struct LiquidityPool: Sendable, Equatable, Hashable {
  /// TAO held by the pool (rao).
  public var taoReserve: UInt64
  /// Alpha held by the pool (base units).
  public var alphaReserve: UInt64

  public init(taoReserve: UInt64, alphaReserve: UInt64) {
    self.taoReserve = taoReserve
    self.alphaReserve = alphaReserve
  }

  /// The spot price in TAO per alpha; 0 for an empty alpha reserve.
  @inlinable public var spotPrice: Double {
    alphaReserve == 0 ? 0 : Double(taoReserve) / Double(alphaReserve)
  }

  /// The alpha a buy of `tao` would return: ⌊α·t / (τ_r + t)⌋.
  @inlinable public func quoteBuy(tao: UInt64) -> UInt64 {
    let (denominator, overflow) = taoReserve.addingReportingOverflow(tao)
    guard !overflow, denominator > 0 else { return 0 }
    return FixedMath.mulDiv(alphaReserve, tao, denominator)
  }

  /// The TAO a sale of `alpha` would return: ⌊τ_r·a / (α_r + a)⌋.
  @inlinable public func quoteSell(alpha: UInt64) -> UInt64 {
    let (denominator, overflow) = alphaReserve.addingReportingOverflow(alpha)
    guard !overflow, denominator > 0 else { return 0 }
    return FixedMath.mulDiv(taoReserve, alpha, denominator)
  }

  /// Swaps `tao` into the pool for alpha; returns the alpha paid out.
  @inlinable public mutating func buyAlpha(tao: UInt64) -> UInt64 {
    let out = quoteBuy(tao: tao)
    taoReserve += tao
    alphaReserve -= out
    return out
  }

  /// Swaps `alpha` into the pool for TAO; returns the TAO paid out.
  @inlinable public mutating func sellAlpha(alpha: UInt64) -> UInt64 {
    let out = quoteSell(alpha: alpha)
    alphaReserve += alpha
    taoReserve -= out
    return out
  }

  /// Adds liquidity (protocol injection, spec §9.6); price-neutral when tao/alpha = p.
  @inlinable public mutating func inject(tao: UInt64, alpha: UInt64) {
    taoReserve += tao
    alphaReserve += alpha
  }
}
