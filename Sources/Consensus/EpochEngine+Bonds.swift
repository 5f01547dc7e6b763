import EpochTypes

/// Bonds and dividends (spec §5.2–§5.5).
extension EpochEngine {

  /// Stored bond rows with ascending, distinct, non-negative columns. Rows written by `persist`
  /// already are, so this returns the input unchanged; hand-built rows are sorted (the first
  /// stored entry of a repeated column is kept).
  ///
  /// - Throws: `EpochInputError.uidOutOfRange` for a negative UID.
  @usableFromInline
  static func cleanBondRows(_ rows: [[SparseEntry]]) throws -> [[SparseEntry]] {
    var result = rows
    for i in rows.indices {
      var clean = true
      var last = -1
      for e in rows[i] {
        if e.uid < 0 { throw EpochInputError.uidOutOfRange(field: "bonds", row: i, uid: e.uid) }
        if e.uid <= last { clean = false }
        last = e.uid
      }
      if clean { continue }
      var seen = Set<Int>()
      result[i] = rows[i].enumerated()
        .sorted { ($0.element.uid, $0.offset) < ($1.element.uid, $1.offset) }
        .map(\.element)
        .filter { seen.insert($0.uid).inserted }
    }
    return result
  }

  /// Column sums of a sparse matrix's values.
  @inlinable
  static func columnSums(_ m: SparseRows<T>, columns n: Int) -> [T] {
    var sums = [T](repeating: .zero, count: n)
    sums.withUnsafeMutableBufferPointer { sp in
      m.col.withUnsafeBufferPointer { c in
        m.val.withUnsafeBufferPointer { v in
          for k in 0..<v.count {
            let j = Int(c[k])
            sp[j] = sp[j] + v[k]
          }
        }
      }
    }
    return sums
  }

  /// Prepared divisors for positive column sums (nil where a column sums to 0: left unchanged).
  @inlinable
  static func divisors(_ sums: [T]) -> [T.Divisor?] { sums.map { $0 > .zero ? T.divisor($0) : nil } }

  /// Merges W̃-derived rows with the stored bond rows into the EMA B' (spec §5.2 step 3,
  /// §5.3 step 2), row by row. Stored entries in columns ≥ n or registered since the last epoch
  /// (Rⱼ ≥ last_tempo, spec §5.4) are skipped.
  ///
  /// - `union`: B'ᵢⱼ = new(k) ⊕ old(value, j) over the union of entries (missing side = 0);
  ///   otherwise only entries of the new row are emitted (liquid alpha, spec §5.3.4).
  /// - `combine(new, old, j)` gives the EMA value; entries are kept if > 0.
  @inline(__always) @usableFromInline
  static func mergeEMA(
    new: SparseRows<T>, stored: [[SparseEntry]], registration: [Int64], lastTempo: Int64, union: Bool,
    oldValue: (UInt16, Int) -> T, combine: (T?, T?, Int) -> T
  ) -> SparseRows<T> {
    let rows = new.start.count - 1
    let n = rows
    var capacity = new.count
    if union { for row in stored { capacity += row.count } }
    var start = [Int](repeating: 0, count: rows + 1)
    var count = 0
    var val: [T] = []
    let col = [Int32].prefixFilled(capacity: capacity) { cp in
      val = [T].prefixFilled(capacity: capacity) { vp in
        new.col.withUnsafeBufferPointer { nc in
          new.val.withUnsafeBufferPointer { nv in
            registration.withUnsafeBufferPointer { r in
              for i in 0..<rows {
                start[i] = count
                var c = count
                var p = new.start[i]
                let pEnd = new.start[i + 1]
                stored[i].withUnsafeBufferPointer { ob in
                  var q = 0
                  let qEnd = ob.count
                  // Next live stored entry at or after q.
                  @inline(__always) func skipMasked() {
                    while q < qEnd {
                      let j = ob[q].uid
                      if j < n && lastTempo > r[j] { return }
                      q += 1
                    }
                  }
                  // Emits the stored entry at q alone (union only) and moves past it.
                  @inline(__always) func emitOld() {
                    let jq = ob[q].uid
                    let v = combine(nil, oldValue(ob[q].value, jq), jq)
                    cp[c] = Int32(truncatingIfNeeded: jq)
                    vp[c] = v
                    c &+= v > .zero ? 1 : 0
                    q += 1
                    skipMasked()
                  }
                  skipMasked()
                  while p < pEnd {
                    let jp = Int(nc[p])
                    if union {
                      while q < qEnd && ob[q].uid < jp { emitOld() }
                    } else {
                      while q < qEnd && ob[q].uid < jp {
                        q += 1
                        skipMasked()
                      }
                    }
                    var old: T? = nil
                    if q < qEnd && ob[q].uid == jp {
                      old = oldValue(ob[q].value, jp)
                      q += 1
                      skipMasked()
                    }
                    let v = combine(nv[p], old, jp)
                    cp[c] = Int32(truncatingIfNeeded: jp)
                    vp[c] = v
                    c &+= v > .zero ? 1 : 0
                    p += 1
                  }
                  if union {
                    while q < qEnd { emitOld() }
                  }
                }
                count = c
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

  /// Yuma 2 (spec §5.2): column-normalised stored bonds (read as integers), column-normalised
  /// instant bonds ΔB = a·W̃, fixed-rate EMA over the union, column normalisation, dividends
  /// Dᵢ = Σⱼ B'ᵢⱼ·Iⱼ; storage column-max-upscaled. The two input normalisations happen inside
  /// the merge (same divisions, no copies).
  @usableFromInline
  static func yuma2Bonds(
    _ state: SubnetEpochState, hp: EpochHyperparameters, lastTempo: Int64, bondWeights: SparseRows<T>,
    incentive: [T], stake a: [T], newPermit: [Bool]
  ) throws -> ([T], [[SparseEntry]]) {
    let n = state.n
    let stored = try cleanBondRows(state.bonds)
    let registration = state.registrationBlock
    // Column sums of the masked stored bonds.
    var bondSums = [T](repeating: .zero, count: n)
    for row in stored {
      for e in row where e.uid < n && lastTempo > registration[e.uid] {
        bondSums[e.uid] = bondSums[e.uid] + T.integer(Int64(e.value))
      }
    }
    let bondDivisors = divisors(bondSums)
    // ΔB = W̃ᵢⱼ·aᵢ and its column sums.
    let delta = rowScaled(bondWeights, by: a)
    let deltaDivisors = divisors(columnSums(delta, columns: n))
    let rate = T.emaRate(bondsMovingAverage: hp.bondsMovingAverage)
    let keepRate = T.one - rate
    var ema = mergeEMA(
      new: delta, stored: stored, registration: registration, lastTempo: lastTempo, union: true,
      oldValue: { value, j in
        let b = T.integer(Int64(value))
        if let d = bondDivisors[j] { return T.divide(b, by: d) }
        return b
      },
      combine: { new, old, j in
        var v = T.zero
        if let x = new { v = rate * (deltaDivisors[j].map { T.divide(x, by: $0) } ?? x) }
        if let b = old { v = v + keepRate * b }
        return v
      })
    // Column-normalise B', dividends, column maxima.
    let emaDivisors = divisors(columnSums(ema, columns: n))
    var dividends = [T](repeating: .zero, count: n)
    var maxima = [T](repeating: .zero, count: n)
    ema.col.withUnsafeBufferPointer { c in
      ema.val.withUnsafeMutableBufferPointer { v in
        for i in 0..<n {
          var d = T.zero
          for k in ema.start[i]..<ema.start[i + 1] {
            let j = Int(c[k])
            if let divisor = emaDivisors[j] { v[k] = T.divide(v[k], by: divisor) }
            d = d + v[k] * incentive[j]
            if maxima[j] < v[k] { maxima[j] = v[k] }
          }
          dividends[i] = d
        }
        // Column max-upscale for storage (spec §5.2 step 6).
        divideByColumn(v, c, maxima)
      }
    }
    return (dividends, storageRows(ema, newPermit: newPermit))
  }

  /// Yuma 3 (spec §5.3): per-validator bonds (stored proportions) with a fixed-rate or
  /// liquid-alpha EMA (sparse presence semantics of §5.3.4), dividends Dᵢ = aᵢ·Σⱼ Nᵢⱼ·Iⱼ with
  /// N the column-normalised bonds; storage floor(B'·65535).
  @usableFromInline
  static func yuma3Bonds(
    _ state: SubnetEpochState, hp: EpochHyperparameters, lastTempo: Int64, bondWeights: SparseRows<T>,
    consensus: [T], incentive: [T], stake a: [T], newPermit: [Bool]
  ) throws -> ([T], [[SparseEntry]]) {
    let n = state.n
    let stored = try cleanBondRows(state.bonds)
    let ema: SparseRows<T>
    if hp.liquidAlpha && consensus.contains(where: { $0 != .zero }) {
      // Only entries present in the new W̃ row are emitted (spec §5.3.4).
      let sigmoid = LiquidAlphaSigmoid<T>(hp)
      ema = mergeEMA(
        new: bondWeights, stored: stored, registration: state.registrationBlock, lastTempo: lastTempo,
        union: false, oldValue: { value, _ in T.proportion(u16: value) },
        combine: { new, old, j in
          let w = new ?? .zero
          let b = old ?? .zero
          let rate = sigmoid.rate(consensus: consensus[j], weight: w, bond: b)
          return min((T.one - rate) * b + max(rate * w, .zero), T.one)
        })
    } else {
      let rate = T.emaRate(bondsMovingAverage: hp.bondsMovingAverage)
      let keepRate = T.one - rate
      ema = mergeEMA(
        new: bondWeights, stored: stored, registration: state.registrationBlock, lastTempo: lastTempo,
        union: true, oldValue: { value, _ in T.proportion(u16: value) },
        combine: { new, old, _ in
          var v = T.zero
          if let w = new { v = rate * w }
          if let b = old { v = v + keepRate * b }
          return v
        })
    }
    // Dᵢ = aᵢ · Σⱼ (B'ᵢⱼ / Σₖ B'ₖⱼ) · Iⱼ, without materialising the normalised copy.
    let emaDivisors = divisors(columnSums(ema, columns: n))
    var dividends = [T](repeating: .zero, count: n)
    ema.col.withUnsafeBufferPointer { c in
      ema.val.withUnsafeBufferPointer { v in
        for i in 0..<n where a[i] != .zero {
          var d = T.zero
          for k in ema.start[i]..<ema.start[i + 1] {
            let j = Int(c[k])
            if let divisor = emaDivisors[j] { d = d + T.divide(v[k], by: divisor) * incentive[j] }
          }
          dividends[i] = d * a[i]
        }
      }
    }
    return (dividends, storageRows(ema, newPermit: newPermit))
  }

  /// vₖ ← vₖ / dⱼ for each entry in column j with dⱼ > 0.
  @inline(__always) @usableFromInline
  static func divideByColumn(_ v: UnsafeMutableBufferPointer<T>, _ c: UnsafeBufferPointer<Int32>, _ d: [T]) {
    let prepared = divisors(d)
    prepared.withUnsafeBufferPointer { dp in
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

  /// Bond rows to persist (spec §5.5): rows of UIDs with P' as floor(x·65535), others empty.
  @usableFromInline
  static func storageRows(_ m: SparseRows<T>, newPermit: [Bool]) -> [[SparseEntry]] {
    let rows = m.start.count - 1
    var result = [[SparseEntry]](repeating: [], count: rows)
    m.col.withUnsafeBufferPointer { c in
      m.val.withUnsafeBufferPointer { v in
        for i in 0..<rows where newPermit[i] {
          let lower = m.start[i]
          let upper = m.start[i + 1]
          if lower == upper { continue }
          result[i] = [SparseEntry].filled(count: upper - lower) { buffer in
            for k in lower..<upper {
              (buffer.baseAddress! + (k - lower)).initialize(to: SparseEntry(uid: Int(c[k]), value: v[k].u16Proportion))
            }
          }
        }
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
