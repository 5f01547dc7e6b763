/// A subnet's TAO/alpha pool: a Balancer weighted pool with a swap fee (spec §17.6), or the
/// constant-product pool of the eras before 2026-03-17.
///
/// State: x = alpha reserve (`SubnetAlphaIn`), y = TAO reserve (`SubnetTAO`), w₂ = the TAO
/// ("quote") weight as a Perquintill (parts per 10¹⁸), w₁ = 1 − w₂ the alpha weight.
/// - Spot price p = (w₁/w₂)(y/x) TAO per alpha; 0 for an empty alpha reserve.
/// - Buy (TAO in, net Δ): Δx = ⌊x (1 − (y/(y+Δ))^{w₂/w₁})⌋. Sell (alpha in, net Δ):
///   Δy = ⌊y (1 − (x/(x+Δ))^{w₁/w₂})⌋. With w₁ = w₂ = ½ both are the constant-product amounts and
///   are computed exactly in integers (⌊x·Δ/(y+Δ)⌋); otherwise in `Double` via `log1p`/`expm1`
///   (relative error ≈ 10⁻¹⁶, i.e. at most about one base unit on mainnet-sized reserves; the
///   chain uses fixed point).
/// - Fee: f = ⌊φ·Δin⌋, φ = `feeRate`/65 535 (default 33 ⇒ 5.035·10⁻⁴). The fee-paying swaps
///   (``buyAlphaPayingFee(tao:)``, ``sellAlphaPayingFee(alpha:)``) return the fee in TAO; where
///   it goes is the caller's business (the block author, spec §17.6). Chain buys, root-claim
///   swaps and fee re-swaps are fee-free (``buyAlpha(tao:)``, ``sellAlpha(alpha:)``).
/// - Injection (``reweight(tao:alpha:)`` then ``addReserves(tao:alpha:)``): the weights are
///   moved so the price is unchanged, w₂′ = w₂x(y+Δy) / (w₁y(x+Δx) + w₂x(y+Δy)); if w₂′ leaves
///   [0.01, 0.99] the injection is refused. A constant-product pool (``Kind/constantProduct``)
///   never re-weights: injections only add reserves.
///
/// Simplifications: the chain's swap guards (output reserve ≥ 10⁶, input ≤ 1 000 × reserve,
/// price limits) and limit-price swaps are not modelled; the first-swap reset of the weights to
/// ½ (`PalSwapInitialized`) is not modelled (injections at the price ratio keep w₂ at ½ anyway).
public struct LiquidityPool: Sendable, Equatable, Hashable {
  /// How the pool behaves.
  public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Balancer weighted pool (since 2026-03-17, spec §17.6).
    case balancer
    /// x·y = k with equal fixed weights (the dTAO launch pool; also the model's stand-in for the
    /// Uniswap-v3 pools with full-range protocol liquidity the chain ran before 2026-03-17).
    case constantProduct = "constant-product"
  }

  /// 1 as a Perquintill.
  public static let weightOne: UInt64 = 1_000_000_000_000_000_000
  /// ½ as a Perquintill (the weight of new pools).
  public static let halfWeight: UInt64 = 500_000_000_000_000_000
  /// The smallest weight either side may have: 0.01 (`balancer.rs:71-76`).
  public static let minimumWeight: UInt64 = 10_000_000_000_000_000
  /// `FeeRate` default: 33/65 535 ≈ 0.05 % (swap `mod.rs:90`).
  public static let defaultFeeRate: UInt16 = 33

  /// TAO held by the pool, y (rao).
  public var taoReserve: UInt64
  /// Alpha held by the pool, x (base units).
  public var alphaReserve: UInt64
  /// The TAO weight w₂ (`SwapBalancer.quote`), parts per 10¹⁸; the alpha weight is 1 − w₂.
  public internal(set) var taoWeight: UInt64
  /// Balancer or constant product.
  public var kind: Kind
  /// `FeeRate` as u16 (fee = feeRate/65 535); 0 = no fee.
  public var feeRate: UInt16

  /// A pool with reserves (y, x), TAO weight w₂ (default ½) — a pool built from a snapshot keeps
  /// its weights — kind and fee rate (defaults: the chain's at 14bc6f9).
  ///
  /// - Precondition: w₂ in [0.01, 0.99] for a Balancer pool; ½ for a constant-product one.
  public init(
    taoReserve: UInt64, alphaReserve: UInt64, taoWeight: UInt64 = halfWeight, kind: Kind = .balancer,
    feeRate: UInt16 = defaultFeeRate
  ) {
    precondition(
      kind == .balancer
        ? (taoWeight >= Self.minimumWeight && taoWeight <= Self.weightOne - Self.minimumWeight)
        : taoWeight == Self.halfWeight, "pool weight out of range")
    self.taoReserve = taoReserve
    self.alphaReserve = alphaReserve
    self.taoWeight = taoWeight
    self.kind = kind
    self.feeRate = feeRate
  }

  /// The alpha weight w₁ = 1 − w₂ (Perquintill).
  @inlinable public var alphaWeight: UInt64 { Self.weightOne - taoWeight }

  /// True when the weights are exactly ½/½ (constant-product arithmetic applies).
  @inlinable public var isEvenlyWeighted: Bool { taoWeight == Self.halfWeight }

  /// The spot price p = (w₁/w₂)(y/x) in TAO per alpha; 0 for an empty alpha reserve.
  @inlinable public var spotPrice: Double {
    guard alphaReserve > 0 else { return 0 }
    let ratio = Double(taoReserve) / Double(alphaReserve)
    return isEvenlyWeighted ? ratio : Double(alphaWeight) / Double(taoWeight) * ratio
  }

  /// The fee on a swap input of `amount`: ⌊amount · feeRate / 65 535⌋.
  @inlinable public func fee(on amount: UInt64) -> UInt64 {
    feeRate == 0 ? 0 : FixedMath.mulDiv(amount, UInt64(feeRate), 65_535)
  }

  /// What `input` swapped in pays out of the other side: ⌊out·(1 − (in/(in + input))^{w_in/w_out})⌋,
  /// at most the reserve; with equal weights exactly ⌊out·input/(in + input)⌋ in integers.
  @usableFromInline static func swapOut(
    reserveOut: UInt64, reserveIn: UInt64, input: UInt64, weightIn: UInt64, weightOut: UInt64
  ) -> UInt64 {
    if weightIn == weightOut {
      let (denominator, overflow) = reserveIn.addingReportingOverflow(input)
      guard !overflow, denominator > 0 else { return 0 }
      return FixedMath.mulDiv(reserveOut, input, denominator)
    }
    guard input > 0 else { return 0 }
    guard reserveIn > 0 else { return reserveOut }
    let exponent = Double(weightIn) / Double(weightOut)
    let fraction = -RealMath.expm1(-exponent * RealMath.log1p(Double(input) / Double(reserveIn)))
    return min(reserveOut, FixedMath.floorAmount(Double(reserveOut) * fraction))
  }

  /// The alpha a fee-free buy of `tao` would return.
  @inlinable public func quoteBuy(tao: UInt64) -> UInt64 {
    Self.swapOut(
      reserveOut: alphaReserve, reserveIn: taoReserve, input: tao, weightIn: taoWeight, weightOut: alphaWeight)
  }

  /// The TAO a fee-free sale of `alpha` would return.
  @inlinable public func quoteSell(alpha: UInt64) -> UInt64 {
    Self.swapOut(
      reserveOut: taoReserve, reserveIn: alphaReserve, input: alpha, weightIn: alphaWeight, weightOut: taoWeight)
  }

  /// Swaps `tao` into the pool for alpha without a fee (chain buys); returns the alpha paid out.
  @inlinable public mutating func buyAlpha(tao: UInt64) -> UInt64 {
    let out = quoteBuy(tao: tao)
    taoReserve += tao
    alphaReserve -= out
    return out
  }

  /// Swaps `alpha` into the pool for TAO without a fee (root claims, fee re-swaps); returns the
  /// TAO paid out.
  @inlinable public mutating func sellAlpha(alpha: UInt64) -> UInt64 {
    let out = quoteSell(alpha: alpha)
    alphaReserve += alpha
    taoReserve -= out
    return out
  }

  /// A user buy of `tao` (spec §17.6): the fee f = ⌊φ·tao⌋ is kept out of the pool, tao − f is
  /// swapped. Returns the alpha bought and the fee in TAO (which never enters y).
  @inlinable public mutating func buyAlphaPayingFee(tao: UInt64) -> (alpha: UInt64, fee: UInt64) {
    let f = fee(on: tao)
    return (buyAlpha(tao: tao - f), f)
  }

  /// A user sale of `alpha` (spec §17.6): alpha − f is sold, then the fee alpha f = ⌊φ·alpha⌋ is
  /// re-swapped fee-free (it enters x, lowering p). Returns the seller's TAO and the fee in TAO.
  @inlinable public mutating func sellAlphaPayingFee(alpha: UInt64) -> (tao: UInt64, fee: UInt64) {
    let f = fee(on: alpha)
    let out = sellAlpha(alpha: alpha - f)
    return (out, f > 0 ? sellAlpha(alpha: f) : 0)
  }

  /// The price-neutral weight update for an injection of (Δy, Δx) = (`tao`, `alpha`), applied
  /// before the reserves are added (spec §17.6); returns false — weights unchanged — when w₂′
  /// leaves [0.01, 0.99] (the chain then refuses the whole injection). A constant-product pool, an
  /// empty injection or an empty reserve leaves the weights alone and accepts.
  public mutating func reweight(tao: UInt64, alpha: UInt64) -> Bool {
    guard kind == .balancer, tao > 0 || alpha > 0, taoReserve > 0, alphaReserve > 0 else { return true }
    let w2 = Double(taoWeight), w1 = Double(alphaWeight)
    let x = Double(alphaReserve), y = Double(taoReserve)
    let a = w2 * x * (y + Double(tao))
    let b = w1 * y * (x + Double(alpha))
    let updated = (Double(Self.weightOne) * (a / (a + b))).rounded()
    guard updated >= Double(Self.minimumWeight), updated <= Double(Self.weightOne - Self.minimumWeight) else {
      return false
    }
    taoWeight = UInt64(updated)
    return true
  }

  /// Adds reserves without touching the weights.
  @inlinable public mutating func addReserves(tao: UInt64, alpha: UInt64) {
    taoReserve += tao
    alphaReserve += alpha
  }

  /// Adds liquidity (protocol injection, spec §9.6, §17.6): re-weights, then adds the reserves;
  /// returns false (nothing added) when the weight update is refused.
  @discardableResult
  public mutating func inject(tao: UInt64, alpha: UInt64) -> Bool {
    guard reweight(tao: tao, alpha: alpha) else { return false }
    addReserves(tao: tao, alpha: alpha)
    return true
  }
}

extension LiquidityPool {
  /// A pool of the kind and fee the chain parameters prescribe, with TAO weight w₂ (default ½).
  public init(taoReserve: UInt64, alphaReserve: UInt64, taoWeight: UInt64 = halfWeight, chain: ChainParameters) {
    self.init(
      taoReserve: taoReserve, alphaReserve: alphaReserve,
      taoWeight: chain.poolKind == .balancer ? taoWeight : Self.halfWeight, kind: chain.poolKind,
      feeRate: chain.swapFeeRate)
  }
}
