import NetworkModel
import SimCore

/// Running network-wide totals behind the yield columns (`alpha_apr`, `alpha_apy`, `tao_apy`,
/// `root_apy_tao`; formulas in `taosim describe metrics`).
///
/// The World adds to them once per epoch, after the distribution of spec §8.2 — bookkeeping
/// only, never read by the economics. A yield over a window is the difference of two snapshots
/// (``YieldRates/between(_:_:tempo:)``), so numerator and denominator always cover the same stake
/// over the same blocks.
public struct YieldTotals: Sendable, Equatable {
  /// Σ over epochs of the alpha compounded to stakers after take (step 6), valued at the subnet's
  /// spot price after the epoch (TAO).
  public var alphaEarned = 0.0
  /// Σ over epochs of the permit holders' alpha stake at the epoch × the subnet's tempo, valued at
  /// the same price (TAO·blocks).
  public var alphaStakeBlocks = 0.0
  /// Σ over subnet epochs (after a subnet's first) of the staked portfolio's log TAO growth in
  /// that epoch, flows excluded (a time-weighted return): ln(V_after / V_before), V_before =
  /// Σ of the other subnets' positions at their last epochs + α·p′, V_after = the same others +
  /// (α + c)·p; α the permit holders' alpha stake, c the alpha compounded to it, p the price after
  /// the epoch, p′ after the subnet's previous epoch. With one subnet and no flows the chain is
  /// exactly ln(value at end / value at start).
  public var taoGain = 0.0
  /// The blocks the chained growth covers: from the first epoch that valued a position to the
  /// last one that booked growth.
  public var taoBlocks: Int64 = 0
  /// Where ``taoBlocks`` has got to: the first epoch that valued a position, then the last one that
  /// booked growth (`nil`: none yet).
  public var taoClock: Int64?
  /// Σ TAO received by root stakers from selling their root claims after take (step 7).
  public var rootTao = 0.0
  /// ∫ total root stake d(block) up to ``rootIntegratedThrough`` (TAO·blocks).
  public var rootStakeBlocks = 0.0
  /// The block the root-stake integral reaches.
  public var rootIntegratedThrough: Int64 = 0
  /// The same totals restricted to each validator class's hotkeys (sorted by label; a class's
  /// own ``byClass`` is empty): alpha terms over the class's permit holders, root terms over the
  /// root stake on the class's hotkeys.
  public var byClass: [ClassYieldTotals] = []

  public init() {}

  /// The totals of class `label` (`nil` if the class never held stake).
  public func of(_ label: String) -> YieldTotals? { byClass.first { $0.label == label }?.totals }

  /// These totals with the root-stake integral carried on to `block` at `rootStake` TAO, and each
  /// class's at its root stake in `classRootStake` (absent = 0; a pure read: the root stake has
  /// been constant since the last epoch).
  public func integrated(to block: Int64, rootStake: Double, classRootStake: [(label: String, tao: Double)] = []) -> YieldTotals {
    var t = self
    for (label, _) in classRootStake where t.of(label) == nil { t.addClass(label) }
    t.rootStakeBlocks += rootStake * Double(max(0, block - rootIntegratedThrough))
    t.rootIntegratedThrough = max(block, rootIntegratedThrough)
    for k in t.byClass.indices {
      let stake = classRootStake.first { $0.label == t.byClass[k].label }?.tao ?? 0
      t.byClass[k].totals = t.byClass[k].totals.integrated(to: block, rootStake: stake)
    }
    return t
  }

  /// The index of class `label` in ``byClass``, adding it (its root integral starting where the
  /// network's stands) if absent.
  @discardableResult
  public mutating func addClass(_ label: String) -> Int {
    if let k = byClass.firstIndex(where: { $0.label == label }) { return k }
    var totals = YieldTotals()
    totals.rootIntegratedThrough = rootIntegratedThrough
    let k = byClass.firstIndex { $0.label > label } ?? byClass.count
    byClass.insert(ClassYieldTotals(label: label, totals: totals), at: k)
    return k
  }
}

/// One validator class's ``YieldTotals``.
public struct ClassYieldTotals: Sendable, Equatable {
  /// ``NeuronClass/description`` (`honest_validator`, `attacker:<name>`).
  public var label: String
  public var totals: YieldTotals
}

/// The four yields of a window between two ``YieldTotals`` snapshots, per year.
public struct YieldRates: Sendable, Equatable {
  /// Alpha compounded after take per alpha staked, simple: rate per block × blocks per year.
  public var alphaApr: Double?
  /// The same rate compounded at the epoch cadence: (1 + rate per block × tempo)^(epochs per year) − 1.
  public var alphaApy: Double?
  /// TAO value of the staked alpha portfolio (dividends and price change, flows excluded), its
  /// time-weighted return annualised: exp(chained log growth per block × blocks per year) − 1.
  public var taoApy: Double?
  /// Root stakers' TAO after take per TAO staked on root, compounded at the epoch cadence.
  public var rootApyTao: Double?

  public init(alphaApr: Double?, alphaApy: Double?, taoApy: Double?, rootApyTao: Double?) {
    self.alphaApr = alphaApr
    self.alphaApy = alphaApy
    self.taoApy = taoApy
    self.rootApyTao = rootApyTao
  }

  /// The yields earned between `start` and `end` (`nil` where the window holds no stake).
  public static func between(_ start: YieldTotals, _ end: YieldTotals, tempo: Int64) -> YieldRates {
    let epoch = Double(max(1, tempo))
    let epochsPerYear = Double(SimTime.blocksPerYear) / epoch
    func perBlock(_ num: Double, _ den: Double) -> Double? { den > 0 ? num / den : nil }
    func compound(_ r: Double?) -> Double? {
      guard let r, r.isFinite, r * epoch > -1 else { return nil }
      return RealMath.pow(1 + r * epoch, epochsPerYear) - 1
    }
    let alpha = perBlock(end.alphaEarned - start.alphaEarned, end.alphaStakeBlocks - start.alphaStakeBlocks)
    let tao = perBlock(end.taoGain - start.taoGain, Double(end.taoBlocks - start.taoBlocks))
    let root = perBlock(end.rootTao - start.rootTao, end.rootStakeBlocks - start.rootStakeBlocks)
    return YieldRates(
      alphaApr: alpha.map { $0 * Double(SimTime.blocksPerYear) }, alphaApy: compound(alpha),
      taoApy: tao.map { RealMath.exp($0 * Double(SimTime.blocksPerYear)) - 1 },
      rootApyTao: compound(root))
  }
}
