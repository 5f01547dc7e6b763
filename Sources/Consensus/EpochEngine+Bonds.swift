/// Bonds and dividends (spec §5.2–§5.5).
extension EpochEngine {

  /// Stored bonds as a sparse matrix, with columns of UIDs registered since the previous epoch
  /// removed (Rⱼ ≥ last_tempo, spec §5.4). Yuma 2 reads the stored u16 as integers, Yuma 3 as
  /// proportions of 65535 (spec §5.2 step 1, §5.3 step 1).
  @usableFromInline
  static func storedBonds(_ state: SubnetEpochState, lastTempo: Int64, proportions: Bool) throws -> SparseRows<T> {
    let n = state.n
    var total = 0
    for row in state.bonds { total += row.count }
    var start = [Int](repeating: 0, count: n + 1)
    var col = [Int32]()
    var val = [T]()
    col.reserveCapacity(total)
    val.reserveCapacity(total)
    let registration = state.registrationBlock
    for i in 0..<n {
      start[i] = col.count
      let rowStart = col.count
      var sorted = true
      var last = -1
      for e in state.bonds[i] {
        let j = e.uid
        if j < 0 { throw EpochInputError.uidOutOfRange(field: "bonds", row: i, uid: j) }
        if j >= n || lastTempo <= registration[j] { continue }
        if j <= last { sorted = false }
        last = j
        col.append(Int32(truncatingIfNeeded: j))
        val.append(proportions ? T.proportion(u16: e.value) : T.integer(Int64(e.value)))
      }
      if !sorted { SparseRows<T>.sortSegment(&col, &val, from: rowStart, to: col.count) }
    }
    start[n] = col.count
    return SparseRows(start: start, col: col, val: val)
  }

  /// Divides every entry by its column sum; columns summing to 0 stay unchanged (spec §0.3).
  @usableFromInline
  static func columnNormalize(_ m: inout SparseRows<T>, columns: Int) {
    var sums = [T](repeating: .zero, count: columns)
    for k in 0..<m.count {
      let j = Int(m.col[k])
      sums[j] = sums[j] + m.val[k]
    }
    var divisors = [T.Divisor?](repeating: nil, count: columns)
    for j in 0..<columns where sums[j] > .zero { divisors[j] = T.divisor(sums[j]) }
    m.val.withUnsafeMutableBufferPointer { v in
      m.col.withUnsafeBufferPointer { c in
        for k in 0..<v.count {
          if let d = divisors[Int(c[k])] { v[k] = T.divide(v[k], by: d) }
        }
      }
    }
  }

  /// ΔBᵢⱼ = W̃ᵢⱼ · aᵢ (spec §5.2 step 2, before column normalisation).
  @usableFromInline
  static func rowScaled(_ m: SparseRows<T>, by a: [T]) -> SparseRows<T> {
    var result = m
    let rows = m.start.count - 1
    result.val.withUnsafeMutableBufferPointer { v in
      for i in 0..<rows {
        let ai = a[i]
        for k in m.start[i]..<m.start[i + 1] { v[k] = v[k] * ai }
      }
    }
    return result
  }

  /// Fixed-rate EMA over the union of entries: B'ᵢⱼ = ᾱ·Newᵢⱼ + (1 − ᾱ)·Oldᵢⱼ, kept if > 0
  /// (spec §5.2 step 3; §5.3 step 2 without liquid alpha). Rows of both inputs are column-sorted.
  @usableFromInline
  static func emaUnion(new: SparseRows<T>, old: SparseRows<T>, rate: T) -> SparseRows<T> {
    let rows = new.start.count - 1
    let keepRate = T.one - rate
    var start = [Int](repeating: 0, count: rows + 1)
    var col = [Int32]()
    var val = [T]()
    col.reserveCapacity(new.count + old.count)
    val.reserveCapacity(new.count + old.count)
    for i in 0..<rows {
      start[i] = col.count
      var p = new.start[i]
      let pEnd = new.start[i + 1]
      var q = old.start[i]
      let qEnd = old.start[i + 1]
      while p < pEnd || q < qEnd {
        let jp = p < pEnd ? new.col[p] : Int32.max
        let jq = q < qEnd ? old.col[q] : Int32.max
        var v = T.zero
        let j: Int32
        if jp <= jq {
          j = jp
          v = rate * new.val[p]
          p += 1
          if jq == jp {
            v = v + keepRate * old.val[q]
            q += 1
          }
        } else {
          j = jq
          v = keepRate * old.val[q]
          q += 1
        }
        if v > .zero {
          col.append(j)
          val.append(v)
        }
      }
    }
    start[rows] = col.count
    return SparseRows(start: start, col: col, val: val)
  }

  /// Yuma 2 (spec §5.2): column-normalised stored bonds, column-normalised instant bonds a·W̃,
  /// fixed-rate EMA, column normalisation, dividends Dᵢ = Σⱼ B'ᵢⱼ·Iⱼ; storage column-max-upscaled.
  @usableFromInline
  static func yuma2Bonds(
    _ state: SubnetEpochState, hp: EpochHyperparameters, lastTempo: Int64, bondWeights: SparseRows<T>,
    incentive: [T], stake a: [T], newPermit: [Bool]
  ) throws -> ([T], [[SparseEntry]]) {
    let n = state.n
    var bonds = try storedBonds(state, lastTempo: lastTempo, proportions: false)
    columnNormalize(&bonds, columns: n)
    var delta = rowScaled(bondWeights, by: a)
    columnNormalize(&delta, columns: n)
    var ema = emaUnion(new: delta, old: bonds, rate: T.emaRate(bondsMovingAverage: hp.bondsMovingAverage))
    columnNormalize(&ema, columns: n)
    var dividends = [T](repeating: .zero, count: n)
    for i in 0..<n {
      var d = T.zero
      for k in ema.start[i]..<ema.start[i + 1] { d = d + ema.val[k] * incentive[Int(ema.col[k])] }
      dividends[i] = d
    }
    // Column max-upscale for storage (spec §5.2 step 6).
    var maxima = [T](repeating: .zero, count: n)
    for k in 0..<ema.count {
      let j = Int(ema.col[k])
      if maxima[j] < ema.val[k] { maxima[j] = ema.val[k] }
    }
    var divisors = [T.Divisor?](repeating: nil, count: n)
    for j in 0..<n where maxima[j] > .zero { divisors[j] = T.divisor(maxima[j]) }
    for k in 0..<ema.count {
      if let d = divisors[Int(ema.col[k])] { ema.val[k] = T.divide(ema.val[k], by: d) }
    }
    return (dividends, storageRows(ema, newPermit: newPermit))
  }

  /// Yuma 3 (spec §5.3): per-validator bonds with a fixed-rate or liquid-alpha EMA (sparse
  /// presence semantics of §5.3.4), dividends Dᵢ = aᵢ · Σⱼ Nᵢⱼ·Iⱼ with N the column-normalised
  /// bonds; storage floor(B'·65535).
  @usableFromInline
  static func yuma3Bonds(
    _ state: SubnetEpochState, hp: EpochHyperparameters, lastTempo: Int64, bondWeights: SparseRows<T>,
    consensus: [T], incentive: [T], stake a: [T], newPermit: [Bool]
  ) throws -> ([T], [[SparseEntry]]) {
    let n = state.n
    let bonds = try storedBonds(state, lastTempo: lastTempo, proportions: true)
    let ema: SparseRows<T>
    if hp.liquidAlpha && consensus.contains(where: { $0 != .zero }) {
      ema = liquidAlphaEMA(new: bondWeights, old: bonds, consensus: consensus, hp: hp)
    } else {
      ema = emaUnion(new: bondWeights, old: bonds, rate: T.emaRate(bondsMovingAverage: hp.bondsMovingAverage))
    }
    var normalized = ema
    columnNormalize(&normalized, columns: n)
    var dividends = [T](repeating: .zero, count: n)
    for i in 0..<n {
      var d = T.zero
      for k in normalized.start[i]..<normalized.start[i + 1] {
        d = d + normalized.val[k] * incentive[Int(normalized.col[k])]
      }
      dividends[i] = d * a[i]
    }
    return (dividends, storageRows(ema, newPermit: newPermit))
  }

  /// Liquid-alpha EMA (spec §5.3 step 2, §5.3.4): only entries present in the new W̃ row are
  /// emitted, B'ᵢⱼ = min(1, (1 − Aᵢⱼ)·Bᵢⱼ + max(0, Aᵢⱼ·W̃ᵢⱼ)), kept if > 0.
  @usableFromInline
  static func liquidAlphaEMA(
    new: SparseRows<T>, old: SparseRows<T>, consensus: [T], hp: EpochHyperparameters
  ) -> SparseRows<T> {
    let rows = new.start.count - 1
    let sigmoid = LiquidAlphaSigmoid<T>(hp)
    var start = [Int](repeating: 0, count: rows + 1)
    var col = [Int32]()
    var val = [T]()
    col.reserveCapacity(new.count)
    val.reserveCapacity(new.count)
    for i in 0..<rows {
      start[i] = col.count
      var q = old.start[i]
      let qEnd = old.start[i + 1]
      for p in new.start[i]..<new.start[i + 1] {
        let j = new.col[p]
        while q < qEnd && old.col[q] < j { q += 1 }
        let b: T = (q < qEnd && old.col[q] == j) ? old.val[q] : .zero
        let w = new.val[p]
        let rate = sigmoid.rate(consensus: consensus[Int(j)], weight: w, bond: b)
        let decayed = (T.one - rate) * b
        let purchase = max(rate * w, .zero)
        let v = min(decayed + purchase, T.one)
        if v > .zero {
          col.append(j)
          val.append(v)
        }
      }
    }
    start[rows] = col.count
    return SparseRows(start: start, col: col, val: val)
  }

  /// Bond rows to persist (spec §5.5): rows of UIDs with P' as floor(x·65535), others empty.
  @usableFromInline
  static func storageRows(_ m: SparseRows<T>, newPermit: [Bool]) -> [[SparseEntry]] {
    let rows = m.start.count - 1
    var result = [[SparseEntry]](repeating: [], count: rows)
    for i in 0..<rows where newPermit[i] {
      let lower = m.start[i]
      let upper = m.start[i + 1]
      if lower == upper { continue }
      var row = [SparseEntry]()
      row.reserveCapacity(upper - lower)
      for k in lower..<upper { row.append(SparseEntry(uid: Int(m.col[k]), value: m.val[k].u16Proportion)) }
      result[i] = row
    }
    return result
  }
}

/// The liquid-alpha rate (spec §5.3.1): a sigmoid of the buy-side or sell-side difference,
/// mapped into [α_lo, α_hi].
@usableFromInline
struct LiquidAlphaSigmoid<T: EpochScalar> {
  @usableFromInline let low: T
  @usableFromInline let high: T
  /// k / −100, as the chain evaluates it.
  @usableFromInline let factor: T
  @usableFromInline let half: T

  @inlinable init(_ hp: EpochHyperparameters) {
    low = T.fraction65535(hp.alphaLow)
    high = T.fraction65535(hp.alphaHigh)
    factor = T.safeDiv(T.integer(Int64(hp.alphaSigmoidSteepness)), T.integer(-100))
    half = T.from(0.5)
  }

  /// A(c, w, b) = clamp(α_lo + σ·(α_hi − α_lo), α_lo, α_hi) with σ = 1/(1 + exp(−k/100·(d − ½))).
  @inlinable
  func rate(consensus c: T, weight w: T, bond b: T) -> T {
    let buy = min(max(w - c, .zero), .one)
    let sell = min(max(b - w, .zero), .one)
    let d = w >= b ? buy : sell
    let sigma = T.safeDiv(.one, .one + T.clampedExp(factor * (d - half)))
    let alpha = low + sigma * (high - low)
    return alpha < low ? low : (alpha > high ? high : alpha)
  }
}
