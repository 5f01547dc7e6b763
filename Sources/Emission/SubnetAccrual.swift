import NetworkModel

/// The closed-form effect of `blocks` quiet blocks of emission on one subnet (spec §8.1, §9.4,
/// §9.6), computed without visiting the blocks.
///
/// Model of an interval with constant inputs (everything that only an event can change is
/// constant between events): the subnet's TAO emission for the interval, the spot price at its
/// start, the root proportion and the root sell flag.
/// - Alpha emission A follows the subnet's halving schedule exactly: the interval is split where
///   the alpha issuance (growing by the minted buckets plus alpha_in each block) crosses an era.
/// - Buckets use the per-block floors of ``BlockAlphaSplit`` (so they are exact per block).
/// - Injection (spec §9.6): alpha_in per block = min(e/p, ρ·A) with e the mean TAO per block;
///   the cap is ρ·A (since 2026-06-22) or min(A, E_block) (before, ``InjectionCap``);
///   if capped, tao_in = alpha_in·p, and the excess TAO buys alpha from the pool once for the
///   whole interval (a constant-product buy split into per-block pieces gives the same result
///   when nothing else trades in between; the interleaved injections are the approximation).
///   A Balancer pool follows the chain's block order (spec §17.6): re-weight for the injection,
///   chain buy on the pre-injection reserves with the new weights, then add the reserves; the
///   weights after many price-neutral injections depend only on the final reserves, so one
///   update per interval equals the per-block ones (up to rounding). A refused update drops the
///   injection (``Result/refusedTao``).
/// - EMA price (spec §9.4): with the spot input held at min(1, mean of the interval's start and
///   end price), P̄ ← p + (P̄ − p)·Π(1 − a_t), and Π(1 − a_t) = exp(−Σa_t) with
///   Σ_t t/(t + H) = n − H·ln((t₁ + H + ½)/(t₀ + H + ½)) (midpoint rule; relative error < 10⁻¹⁰
///   for the default H).
public enum SubnetAccrual {
  /// What an interval adds.
  public struct Result: Sendable, Equatable {
    /// Σ of the per-block bucket splits.
    public var buckets: BlockAlphaSplit
    /// Alpha injected into the pool.
    public var alphaIn: UInt64
    /// TAO injected into the pool alongside alpha_in.
    public var taoIn: UInt64
    /// Excess TAO used to buy alpha (chain buy).
    public var chainBuyTao: UInt64
    /// Alpha the chain buy took out of the pool (held by the protocol).
    public var chainBuyAlpha: UInt64
    /// TAO of a refused injection (spec §17.6): not spent, so recycled with the piece (§17.3).
    public var refusedTao: UInt64
    /// The pool after injection and chain buy.
    public var pool: LiquidityPool
    /// The EMA price after the interval.
    public var emaPrice: Double
  }

  /// Computes the interval.
  ///
  /// - Parameters:
  ///   - blocks: n ≥ 0 blocks.
  ///   - tao: The subnet's TAO emission over the interval (rao).
  ///   - pool: The pool at the start.
  ///   - alphaIssuance: The subnet's alpha issuance at the start (reserve + outstanding).
  ///   - schedule: The alpha halving schedule.
  ///   - ownerCut: `SubnetOwnerCut` u16, or `nil` if disabled for the subnet.
  ///   - rootProportion: ρ (spec §9.5).
  ///   - rootSell: The root sell flag.
  ///   - emaPrice: P̄ at the start.
  ///   - blocksSinceStart: t₀, blocks since the subnet's start at the interval's start.
  ///   - chain: Moving alpha, H and the injection cap.
  ///   - taoBlockEmission: The TAO block emission E_block (rao), read by the `blockEmission` cap.
  public static func compute(
    blocks: Int64, tao: UInt64, pool start: LiquidityPool, alphaIssuance: UInt64,
    schedule: HalvingSchedule, ownerCut: UInt16?, rootProportion: Double, rootSell: Bool,
    emaPrice: Double, blocksSinceStart: Int64, chain: ChainParameters, taoBlockEmission: UInt64 = .max
  ) -> Result {
    var pool = start
    let price = start.spotPrice
    var buckets = BlockAlphaSplit(alpha: 0, ownerCut: nil, rootProportion: 0, rootSell: false)
    guard blocks > 0 else {
      return Result(
        buckets: buckets, alphaIn: 0, taoIn: 0, chainBuyTao: 0, chainBuyAlpha: 0, refusedTao: 0, pool: pool,
        emaPrice: emaPrice)
    }
    let taoPerBlock = Double(tao) / Double(blocks)
    var issuance = alphaIssuance
    var left = UInt64(blocks)
    var alphaIn: UInt64 = 0
    var capped = false
    while left > 0 {
      let a = schedule.blockEmission(issuance)
      let split = BlockAlphaSplit(alpha: a, ownerCut: ownerCut, rootProportion: rootProportion, rootSell: rootSell)
      var inPerBlock: UInt64 = 0
      if price > 0 {
        let uncapped = taoPerBlock / price
        let cap: Double
        switch chain.injectionCap {
        case .rootProportion: cap = rootProportion * Double(a)
        case .blockEmission: cap = Double(min(a, taoBlockEmission))
        }
        capped = capped || uncapped > cap
        inPerBlock = FixedMath.floorAmount(min(uncapped, cap))
      }
      let growth = split.minted - split.recycled + inPerBlock
      var m = left
      if growth > 0, let k = schedule.era(issuance) {
        let next = schedule.threshold(k + 1)
        m = min(left, (next - issuance + growth - 1) / growth)
      }
      let part = split.times(m)
      buckets.owner += part.owner
      buckets.server += part.server
      buckets.validator += part.validator
      buckets.root += part.root
      buckets.recycled += part.recycled
      alphaIn += inPerBlock * m
      issuance += growth * m
      left -= m
      if growth == 0 { break }
    }
    var taoIn = capped ? min(tao, FixedMath.floorAmount(Double(alphaIn) * price)) : (price > 0 ? tao : 0)
    let excess = tao - taoIn
    let bought: UInt64  // an empty alpha reserve keeps the TAO and pays 0
    var refused: UInt64 = 0
    switch pool.kind {
    case .constantProduct:
      pool.inject(tao: taoIn, alpha: alphaIn)
      bought = pool.buyAlpha(tao: excess)
    case .balancer:
      // Spec §17.6 block order: weights updated, the chain buy on the pre-injection reserves with
      // the new weights, then the reserves added; a refused weight update drops the injection
      // (its TAO stays unspent, its alpha is not minted).
      let accepted = pool.reweight(tao: taoIn, alpha: alphaIn)
      bought = pool.buyAlpha(tao: excess)
      if accepted {
        pool.addReserves(tao: taoIn, alpha: alphaIn)
      } else {
        refused = taoIn
        taoIn = 0
        alphaIn = 0
      }
    }
    // EMA price (spec §9.4).
    let spot = min(1, 0.5 * (price + pool.spotPrice))
    let n = Double(blocks)
    let sumA: Double
    if chain.emaPriceHalvingBlocks == 0 {
      sumA = chain.movingAlpha * n
    } else {
      let h = Double(chain.emaPriceHalvingBlocks)
      let t0 = Double(max(0, blocksSinceStart))
      let sumFractions = n - h * RealMath.log((t0 + n + h + 0.5) / (t0 + h + 0.5))
      sumA = chain.movingAlpha * max(0, sumFractions)
    }
    let factor = RealMath.exp(-sumA)
    let ema = spot + (emaPrice - spot) * factor
    return Result(
      buckets: buckets, alphaIn: alphaIn, taoIn: taoIn, chainBuyTao: excess, chainBuyAlpha: bought,
      refusedTao: refused, pool: pool, emaPrice: ema)
  }
}
