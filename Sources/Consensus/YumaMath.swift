import EpochTypes

/// The epoch's building blocks on plain `Double` inputs, in either arithmetic: the stake-weighted
/// median (spec §4.2) and the Yuma-3 bond EMA (spec §5.3). Used by the conformance math vectors
/// and by studies; inputs are checked (finite, ≥ 0) and, for `fixed`, rounded to I32F32.
public enum YumaMath {

  /// The chain's scalar `weighted_median`: the smallest score p whose cumulative stake
  /// Σ_{score ≤ p} exceeds `minority`; the smallest score if minority < 0, the largest if
  /// minority ≥ Σ stake; 0 for no entries (spec §4.2 closed form).
  ///
  /// - Throws: `EpochInputError` for mismatched lengths or non-finite/negative stakes or scores.
  public static func weightedMedian(stake: [Double], score: [Double], minority: Double, arithmetic: Arithmetic) throws -> Double {
    if stake.count != score.count {
      throw EpochInputError.lengthMismatch(field: "score", expected: stake.count, got: score.count)
    }
    try check(stake, "stake")
    try check(score, "score")
    if !minority.isFinite { throw EpochInputError.invalidNumber(field: "minority", index: 0, value: minority) }
    switch arithmetic {
    case .fixed:
      return WeightedMedian<I32F32>.scalar(
        stake: stake.map(I32F32.init(rounding:)), score: score.map(I32F32.init(rounding:)),
        minority: I32F32(rounding: minority)
      ).doubleValue
    case .double:
      return WeightedMedian<Double>.scalar(stake: stake, score: score, minority: minority)
    }
  }

  /// The column consensus `weighted_median_col` (spec §4.2): rows are validators, participants
  /// the rows with stake > 0, their stakes re-normalised, minority = Σu − κ.
  ///
  /// - Throws: `EpochInputError` for ragged rows or non-finite/negative inputs.
  public static func weightedMedianColumns(stake: [Double], weights: [[Double]], kappa: Double, arithmetic: Arithmetic) throws -> [Double] {
    if weights.count != stake.count {
      throw EpochInputError.lengthMismatch(field: "weights", expected: stake.count, got: weights.count)
    }
    try check(stake, "stake")
    let columns = weights.first?.count ?? 0
    for (i, row) in weights.enumerated() {
      if row.count != columns { throw EpochInputError.lengthMismatch(field: "weights[\(i)]", expected: columns, got: row.count) }
      try check(row, "weights[\(i)]")
    }
    if !(kappa.isFinite && kappa >= 0) { throw EpochInputError.invalidNumber(field: "kappa", index: 0, value: kappa) }
    switch arithmetic {
    case .fixed:
      return columnMedians(stake: stake, weights: weights, kappa: kappa, as: I32F32.self)
    case .double:
      return columnMedians(stake: stake, weights: weights, kappa: kappa, as: Double.self)
    }
  }

  /// The Yuma-3 bond EMA with a per-entry rate (spec §5.3 step 2): B' = min(1, (1 − α)·B +
  /// max(0, α·W)). `sparse` follows the production semantics of §5.3.4: only entries present in
  /// the new row (non-zero) are emitted and kept if > 0, so old bonds without a new entry are
  /// dropped; the dense form emits every entry. Matrices are row-major `rows × columns`.
  ///
  /// - Throws: `EpochInputError` for wrong sizes or non-finite/negative inputs.
  public static func emaAlpha(
    old: [Double], new: [Double], alpha: Double, rows: Int, columns: Int, sparse: Bool, arithmetic: Arithmetic
  ) throws -> [Double] {
    let size = rows * columns
    if old.count != size { throw EpochInputError.lengthMismatch(field: "old", expected: size, got: old.count) }
    if new.count != size { throw EpochInputError.lengthMismatch(field: "new", expected: size, got: new.count) }
    try check(old, "old")
    try check(new, "new")
    if !(alpha.isFinite && alpha >= 0) { throw EpochInputError.invalidNumber(field: "alpha", index: 0, value: alpha) }
    switch arithmetic {
    case .fixed:
      return ema(old: old, new: new, alpha: alpha, rows: rows, columns: columns, sparse: sparse, as: I32F32.self)
    case .double:
      return ema(old: old, new: new, alpha: alpha, rows: rows, columns: columns, sparse: sparse, as: Double.self)
    }
  }

  /// Rejects NaN, ±∞ and negative values.
  static func check(_ values: [Double], _ field: String) throws {
    for (i, x) in values.enumerated() where !(x.isFinite && x >= 0) {
      throw EpochInputError.invalidNumber(field: field, index: i, value: x)
    }
  }

  static func columnMedians<T: EpochScalar>(stake: [Double], weights: [[Double]], kappa: Double, as _: T.Type) -> [Double] {
    let columns = weights.first?.count ?? 0
    if stake.isEmpty || columns == 0 { return Array(repeating: 0, count: columns) }
    let scores = weights.map { row in row.map { x -> Double? in x != 0 ? x : nil } }
    return WeightedMedian<T>.columns(stake: stake, scores: scores, columns: columns, kappa: kappa).values.map(\.doubleValue)
  }

  static func ema<T: EpochScalar>(
    old: [Double], new: [Double], alpha: Double, rows: Int, columns: Int, sparse: Bool, as _: T.Type
  ) -> [Double] {
    let a = T.from(alpha)
    var result = [Double](repeating: 0, count: rows * columns)
    for k in 0..<(rows * columns) {
      let o = T.from(old[k])
      let w = T.from(new[k])
      if sparse && w == .zero { continue }  // absent from the new sparse row: dropped
      let v = min((T.one - a) * o + max(a * w, .zero), T.one)
      if !sparse || v > .zero { result[k] = v.doubleValue }
    }
    return result
  }
}
