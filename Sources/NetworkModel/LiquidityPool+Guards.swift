/// The swap guards of a user swap (spec §17.6, `impls.rs:185-286`, `swap_step.rs:124`).
extension LiquidityPool {
  /// `MinimumReserve`: the output side's reserve before a swap must hold at least this (base units).
  public static let minimumReserve: UInt64 = 1_000_000
  /// `MAX_SWAP_INPUT_RESERVE_MULTIPLIER`: the net input may be at most this many times the input
  /// side's reserve.
  public static let maxInputReserveMultiplier: UInt64 = 1_000

  /// Why a user swap of `input` (TAO when `buying`, else alpha; before the fee) is refused, or
  /// `nil`: the output reserve is below ``minimumReserve``; the net input exceeds
  /// ``maxInputReserveMultiplier`` × the input reserve; or a positive input would pay out nothing.
  /// Only the Balancer pool has them (the constant-product eras' pools are not specified).
  public func userSwapRefusal(input: UInt64, buying: Bool) -> String? {
    guard kind == .balancer, input > 0 else { return nil }
    let reserveOut = buying ? alphaReserve : taoReserve
    let reserveIn = buying ? taoReserve : alphaReserve
    if reserveOut < Self.minimumReserve { return "reserves too low" }
    let net = input - fee(on: input)
    let (limit, overflow) = reserveIn.multipliedReportingOverflow(by: Self.maxInputReserveMultiplier)
    if !overflow && net > limit { return "swap input too large" }
    let out = buying ? quoteBuy(tao: net) : quoteSell(alpha: net)
    if net > 0 && out == 0 { return "reserves too low" }
    return nil
  }
}
