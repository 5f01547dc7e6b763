import NetworkModel

/// What moving a stake from one subnet to another would cost and gain: the stake is sold through
/// the first pool and the TAO bought into the second, both paying the swap fee and slippage
/// (spec §17.6).
public struct StakeMove: Sendable, Equatable {
  /// The stake's value at the first pool's spot price (rao).
  public var value: Double
  /// TAO the sales would return (rao).
  public var tao: UInt64
  /// What the round trip loses: value − (alpha bought × the second pool's spot price), rao.
  public var cost: Double
  /// Expected gain over the horizon: value × (rate to − rate from) × horizon ÷ 365, rao.
  public var gain: Double

  /// Quotes selling `held` (alpha per hotkey position, in order) through `from` and buying with
  /// the proceeds through `to`, and the gain of earning `rateTo` instead of `rateFrom` (annual) for
  /// `horizonDays`.
  public init(held: [UInt64], from: LiquidityPool, to: LiquidityPool, rateFrom: Double, rateTo: Double, horizonDays: Double) {
    var source = from
    var tao: UInt64 = 0
    for alpha in held where alpha > 0 { tao += source.sellAlphaPayingFee(alpha: alpha).tao }
    var target = to
    let price = to.spotPrice
    let bought = tao > 0 ? target.buyAlphaPayingFee(tao: tao).alpha : 0
    value = Double(held.reduce(0, +)) * from.spotPrice
    self.tao = tao
    cost = value - Double(bought) * price
    gain = value * (rateTo - rateFrom) * horizonDays / 365
  }

  /// Whether the move pays: the gain beats the cost plus `hurdle` × value.
  public func pays(hurdle: Double) -> Bool { value > 0 && gain > cost + hurdle * value }
}
