import EpochTypes

/// The honest emission ratio E_H of one measured epoch, with the validator emission ratio ξ.
///
/// Spec §15.3 step 7: E_H = Σ stored `Emission` over honest validators and servers ÷ Σ over all.
/// The stored `Emission` is the combined amount normalise(I + D)·R of spec §6, i.e. the chain's fixed
/// 50/50 split — the docs' ξ = 0.5. Reading of ξ (the consensus docs' "validator emission ratio",
/// E = ξ·D + (1 − ξ)·I): ξ is the fraction of the epoch amount paid out by dividends, as if the
/// per-block miner/validator buckets of spec §8.1 were filled (1 − ξ)/ξ instead of ½/½. So for
/// ξ ≠ ½ the epoch's own two parts are re-weighted: each UID receives
/// (1 − ξ)·srv_i/Σsrv + ξ·val_i/Σval, where srv and val are the §6 miner and validator parts. At ξ = ½
/// this equals the stored `Emission` up to the floors of §6, and the stored value is used exactly.
/// If no incentive was paid (Σsrv = 0) validators take the miner part too (spec §8.2 step 2).
public enum RetentionEmission {
  /// E_H for `output` under `layout` and validator share ξ = `validatorShare`; 0 when nothing was emitted.
  public static func honestShare(_ output: EpochOutput, layout: RetentionLayout, validatorShare: Double) -> Double {
    if validatorShare == 0.5 {
      return share(of: output.combinedEmission.map(Double.init), layout: layout)
    }
    return share(of: reweighted(output, validatorShare: validatorShare), layout: layout)
  }

  /// Per-UID emission fractions (1 − ξ)·srv_i/Σsrv + ξ·val_i/Σval, with the §8.2 fallback when one part
  /// is empty; all zero when nothing was emitted.
  static func reweighted(_ output: EpochOutput, validatorShare: Double) -> [Double] {
    var miner = output.minerEmission.map(Double.init)
    var validator = output.validatorEmission.map(Double.init)
    var minerTotal = miner.reduce(0, +)
    var validatorTotal = validator.reduce(0, +)
    if minerTotal == 0 { (miner, minerTotal) = (validator, validatorTotal) }
    if validatorTotal == 0 { (validator, validatorTotal) = (miner, minerTotal) }
    guard minerTotal > 0, validatorTotal > 0 else { return Array(repeating: 0, count: miner.count) }
    return zip(miner, validator).map { m, v in
      (1 - validatorShare) * m / minerTotal + validatorShare * v / validatorTotal
    }
  }

  /// Σ over honest UIDs ÷ Σ over all (0 when the total is 0).
  static func share(of amounts: [Double], layout: RetentionLayout) -> Double {
    var honest = 0.0
    var total = 0.0
    for (uid, amount) in amounts.enumerated() {
      total += amount
      if layout.isHonest(uid) { honest += amount }
    }
    return total > 0 ? honest / total : 0
  }
}
