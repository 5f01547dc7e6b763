/// Bonds and dividends (spec §5.2–§5.5).
extension EpochEngine {

  /// Stored bonds as a sparse matrix, with columns of UIDs registered since the previous epoch
  /// removed (Rⱼ ≥ last_tempo, spec §5.4). Yuma 2 reads the stored u16 as integers, Yuma 3 as
  /// proportions of 65535 (spec §5.2 step 1, §5.3 step 1).
  @usableFromInline
  static func storedBonds(_ state: SubnetEpochState, lastTempo: Int64, proportions: Bool) throws -> SparseRows<T> {
    try readRows(state, filter: .bonds(lastTempo: lastTempo, proportions: proportions))
  }

  /// Divides every entry by its column sum; columns summing to 0 stay unchanged (spec §0.3).
  @usableFromInline
  static func columnNormalize(_ m: inout SparseRows<T>, columns: Int) {
    var sums = [T](repeating: .zero, count: columns)
    m.col.withUnsafeBufferPointer { c in
      m.val.withUnsafeMutableBufferPointer { v in
        sums.withUnsafeMutableBufferPointer { sp in
          for k in 0..<v.count {
            let j = Int(c[k])
            sp[j] = sp[j] + v[k]
          }
        }
        divideByColumn(v, c, sums)
      }
    }
  }

  /// vₖ ← vₖ / dⱼ for each entry in column j with dⱼ > 0.
  @inline(__always) @usableFromInline
  static func divideByColumn(_ v: UnsafeMutableBufferPointer<T>, _ c: UnsafeBufferPointer<Int32>, _ d: [T]) {
    let divisors = d.map { $0 > .zero ? T.divisor($0) : nil }
    divisors.withUnsafeBufferPointer { dp in
      for k in 0..<v.count {
        if let divisor = dp[Int(c[k])] { v[k] = T.divide(v[k], by: divisor) }
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
    let capacity = new.count + old.count
    var start = [Int](repeating: 0, count: rows + 1)
    var count = 0
    var val: [T] = []
    let col = [Int32].prefixFilled(capacity: capacity) { cp in
      val = [T].prefixFilled(capacity: capacity) { vp in
    new.col.withUnsafeBufferPointer { nc in
      new.val.withUnsafeBufferPointer { nv in
        old.col.withUnsafeBufferPointer { oc in
          old.val.withUnsafeBufferPointer { ov in
            do {
              do {
                for i in 0..<rows {
                  start[i] = count
                  var p = new.start[i]
                  let pEnd = new.start[i + 1]
                  var q = old.start[i]
                  let qEnd = old.start[i + 1]
                  while p < pEnd && q < qEnd {
                    let jp = nc[p]
                    let jq = oc[q]
                    let j: Int32
                    let v: T
                    if jp == jq {
                      j = jp
                      v = rate * nv[p] + keepRate * ov[q]
                      p += 1
                      q += 1
                    } else if jp < jq {
                      j = jp
                      v = rate * nv[p]
                      p += 1
                    } else {
                      j = jq
                      v = keepRate * ov[q]
                      q += 1
                    }
                    cp[count] = j
                    vp[count] = v
                    count += v > .zero ? 1 : 0
                  }
                  while p < pEnd {
                    let v = rate * nv[p]
                    cp[count] = nc[p]
                    vp[count] = v
                    count += v > .zero ? 1 : 0
                    p += 1
                  }
                  while q < qEnd {
                    let v = keepRate * ov[q]
                    cp[count] = oc[q]
                    vp[count] = v
                    count += v > .zero ? 1 : 0
                    q += 1
                  }
                }
              }
            }
          }
        }
      }
    }
        return count
      }
      return count
    }
    start[rows] = count
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
    ema.col.withUnsafeBufferPointer { c in
      ema.val.withUnsafeMutableBufferPointer { v in
        for k in 0..<v.count {
          let j = Int(c[k])
          if maxima[j] < v[k] { maxima[j] = v[k] }
        }
        divideByColumn(v, c, maxima)
      }
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
    // Dᵢ = aᵢ · Σⱼ (B'ᵢⱼ / Σₖ B'ₖⱼ) · Iⱼ, without materialising the normalised copy.
    var sums = [T](repeating: .zero, count: n)
    var dividends = [T](repeating: .zero, count: n)
    ema.col.withUnsafeBufferPointer { c in
      ema.val.withUnsafeBufferPointer { v in
        for k in 0..<v.count {
          let j = Int(c[k])
          sums[j] = sums[j] + v[k]
        }
        let divisors = sums.map { $0 > .zero ? T.divisor($0) : nil }
        for i in 0..<n where a[i] != .zero {
          var d = T.zero
          for k in ema.start[i]..<ema.start[i + 1] {
            let j = Int(c[k])
            if let divisor = divisors[j] { d = d + T.divide(v[k], by: divisor) * incentive[j] }
          }
          dividends[i] = d * a[i]
        }
      }
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
      result[i] = [SparseEntry](unsafeUninitializedCapacity: upper - lower) { buffer, initialized in
        for k in lower..<upper {
          (buffer.baseAddress! + (k - lower)).initialize(to: SparseEntry(uid: Int(m.col[k]), value: m.val[k].u16Proportion))
        }
        initialized = upper - lower
      }
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
