/// The stake-weighted median of spec §4.2, as a selection among submitted values.
///
/// For participants with stakes uᵢ (sum U), scores xᵢ and minority m, the result is the unique
/// score p with L(p) ≤ m < H(p), where L(p) = Σ_{xᵢ<p} uᵢ and H(p) = Σ_{xᵢ≤p} uᵢ; the smallest
/// score if m < 0, the largest if m ≥ U, and 0 with no participants. The chain finds it by
/// quickselect; this closed form gives identical results because fixed-point sums are exact.
@usableFromInline
enum WeightedMedian<T: EpochScalar> {

  /// Consensus per column (spec §4.2): participants are the rows with positive active stake,
  /// their stakes re-normalised (u = a/Σa, truncated in fixed point), m = Σu − κ, and absent
  /// entries count as score 0.
  @usableFromInline
  static func columns(stake a: [T], weights w: SparseRows<T>, columns n: Int, kappa: T) -> [T] {
    var result = [T](repeating: .zero, count: n)
    var participants = [Int]()
    var u = [T]()
    for i in a.indices where a[i] > .zero {
      participants.append(i)
      u.append(a[i])
    }
    if participants.isEmpty { return result }
    EpochEngine<T>.normalize(&u)
    var total = T.zero
    for x in u { total = total + x }
    let minority = total - kappa

    // Column-major copy of the participants' entries (counting sort by column).
    var colStart = [Int](repeating: 0, count: n + 1)
    for i in participants {
      for k in w.start[i]..<w.start[i + 1] { colStart[Int(w.col[k]) + 1] += 1 }
    }
    for j in 0..<n { colStart[j + 1] += colStart[j] }
    let entries = colStart[n]
    var scores = [T](repeating: .zero, count: entries)
    var weights = [T](repeating: .zero, count: entries)
    var fill = colStart
    for (p, i) in participants.enumerated() {
      let ui = u[p]
      for k in w.start[i]..<w.start[i + 1] {
        let j = Int(w.col[k])
        let slot = fill[j]
        scores[slot] = w.val[k]
        weights[slot] = ui
        fill[j] = slot + 1
      }
    }
    let everyonePresent = participants.count
    scores.withUnsafeMutableBufferPointer { sp in
      weights.withUnsafeMutableBufferPointer { wp in
        for j in 0..<n {
          let lower = colStart[j]
          let upper = colStart[j + 1]
          result[j] = select(
            scores: sp, stakes: wp, lower: lower, upper: upper, anyAbsent: upper - lower < everyonePresent,
            total: total, minority: minority)
        }
      }
    }
    return result
  }

  /// The median of one column. `scores[lower..<upper]` are the present entries (≥ 0) with their
  /// stakes; absent participants hold the rest of `total` at score 0. Reorders the slice.
  @inlinable
  static func select(
    scores: UnsafeMutableBufferPointer<T>, stakes: UnsafeMutableBufferPointer<T>, lower: Int, upper: Int,
    anyAbsent: Bool, total: T, minority m: T
  ) -> T {
    if lower == upper { return .zero }  // every participant absent: all scores are 0
    if m < .zero {
      if anyAbsent { return .zero }
      var lowest = scores[lower]
      for k in lower..<upper where scores[k] < lowest { lowest = scores[k] }
      return lowest
    }
    if !(m < total) {
      var highest: T = .zero
      if !anyAbsent { highest = scores[lower] }
      for k in lower..<upper where scores[k] > highest { highest = scores[k] }
      return highest
    }
    // Stake at score 0 (absent + explicit zeros); move the positive scores to the front.
    var presentStake = T.zero
    var zeroStake = T.zero
    var end = lower
    for k in lower..<upper {
      let x = scores[k]
      let s = stakes[k]
      presentStake = presentStake + s
      if x > .zero {
        scores[end] = x
        stakes[end] = s
        end += 1
      } else {
        zeroStake = zeroStake + s
      }
    }
    var below = (total - presentStake) + zeroStake  // H(0)
    if m < below || end == lower { return .zero }
    let begin = lower
    while true {
      let count = end - begin
      if count == 1 { return scores[begin] }
      let pivot = scores[begin + count / 2]
      var lessStake = T.zero
      var equalStake = T.zero
      for k in begin..<end {
        let x = scores[k]
        if x < pivot {
          lessStake = lessStake + stakes[k]
        } else if x == pivot {
          equalStake = equalStake + stakes[k]
        }
      }
      if m < below + lessStake {
        // Keep the lower part.
        var out = begin
        for k in begin..<end where scores[k] < pivot {
          let x = scores[k]
          let s = stakes[k]
          scores[out] = x
          stakes[out] = s
          out += 1
        }
        if out == begin { return pivot }
        end = out
      } else if m < below + lessStake + equalStake {
        return pivot
      } else {
        below = below + lessStake + equalStake
        var out = begin
        for k in begin..<end where scores[k] > pivot {
          let x = scores[k]
          let s = stakes[k]
          scores[out] = x
          stakes[out] = s
          out += 1
        }
        if out == begin { return pivot }
        end = out
      }
    }
  }

  /// The scalar weighted median of the chain's `weighted_median` (spec §4.2 closed form) on
  /// arbitrary stakes (zeros allowed) and a given minority: the smallest score p with
  /// H(p) > minority; the smallest score if minority < 0; the largest if minority ≥ Σ stake.
  @usableFromInline
  static func scalar(stake: [T], score: [T], minority: T) -> T {
    let n = min(stake.count, score.count)
    if n == 0 { return .zero }
    var total = T.zero
    for s in stake.prefix(n) { total = total + s }
    var order = Array(0..<n)
    order.sort { score[$0] != score[$1] ? score[$0] < score[$1] : $0 < $1 }
    if minority < .zero { return score[order[0]] }
    if !(minority < total) { return score[order[n - 1]] }
    var cumulative = T.zero
    var k = 0
    while k < n {
      let p = score[order[k]]
      while k < n && score[order[k]] == p {
        cumulative = cumulative + stake[order[k]]
        k += 1
      }
      if minority < cumulative { return p }
    }
    return score[order[n - 1]]
  }
}
