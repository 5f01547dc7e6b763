import EpochTypes

/// Bonds and dividends (spec §5.2–§5.5).
extension EpochEngine {

  /// Whether a stored bond row is clean: each UID exceeds the one before (the first must exceed
  /// −1, so a clean row has no negative UID). Branch-free; rows written by `persist` always are.
  @inlinable @inline(__always)
  static func isCleanBondRow(_ r: UnsafeBufferPointer<SparseEntry>) -> Bool {
    var unordered = 0
    var last = -1
    for e in r {
      unordered |= Int(bit: e.uid <= last)
      last = e.uid
    }
    return unordered == 0
  }

  /// Whether a stored row holds exactly the columns `col[0..<count]`, in the same order
  /// (branch-free after the count).
  @inlinable @inline(__always)
  static func sameColumns(_ r: UnsafeBufferPointer<SparseEntry>, _ col: UnsafeMutablePointer<Int32>, count: Int) -> Bool {
    if r.count != count { return false }
    var differ = 0
    for k in 0..<count { differ |= Int(bit: r[k].uid != Int(col[k])) }
    return differ == 0
  }

  /// Stored bond rows with ascending, distinct, non-negative columns. Rows written by `persist`
  /// already are, so this returns the input unchanged; hand-built rows are sorted (the first
  /// stored entry of a repeated column is kept). The epoch calls it only after a bond pass met a
  /// row that is not clean (``isCleanBondRow(_:)``), so that clean rows are read once, warm.
  ///
  /// - Throws: `EpochInputError.uidOutOfRange` for a negative UID.
  @usableFromInline
  static func cleanBondRows(_ rows: [[SparseEntry]]) throws -> [[SparseEntry]] {
    var allClean = true
    for row in rows {
      allClean = allClean && row.withUnsafeBufferPointer { isCleanBondRow($0) }
    }
    if allClean { return rows }
    var result = rows
    for i in rows.indices {
      var clean = true
      var negative = 0
      rows[i].withUnsafeBufferPointer { row in
        var last = -1
        for e in row {
          negative = min(negative, e.uid)
          clean = clean && e.uid > last
          last = e.uid
        }
      }
      if negative < 0 {
        let uid = rows[i].first { $0.uid < 0 }!.uid
        throw EpochInputError.uidOutOfRange(field: "bonds", row: i, uid: uid)
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

  /// Whether every UID registered before the last epoch (Rⱼ < last_tempo, spec §5.4), so that
  /// no stored bond is masked.
  @inlinable
  static func everyColumnLive(_ registration: UnsafeBufferPointer<Int64>, lastTempo: Int64) -> Bool {
    var live = true
    for r in registration { live = live && lastTempo > r }
    return live
  }

  /// Prepared divisors for column sums: a positive sum's divisor, and division by one (which
  /// leaves every value unchanged, exactly, in both arithmetics) where a column sums to 0.
  @inlinable
  static func divisors(_ sums: UnsafeMutablePointer<T>, _ n: Int, into d: UnsafeMutablePointer<T.Divisor>) {
    let one = T.divisor(.one)
    for j in 0..<n { (d + j).initialize(to: sums[j] > .zero ? T.divisor(sums[j]) : one) }
  }

  /// Merges W̃-derived rows with the stored bond rows into the EMA B' (spec §5.2 step 3,
  /// §5.3 step 2), row by row, into the scratch EMA matrix. Stored entries in columns ≥ n or
  /// registered since the last epoch (Rⱼ ≥ last_tempo, spec §5.4) are skipped.
  ///
  /// - `union`: B'ᵢⱼ = new(k) ⊕ old(value, j) over the union of entries (missing side = 0);
  ///   otherwise only entries of the new row are emitted (liquid alpha, spec §5.3.4).
  /// - `both(new, old, j)`, `newOnly(new, j)` and `oldOnly(old, j)` give the EMA value (old values
  ///   already read by `oldValue(stored u16, j)`); entries are kept if > 0.
  /// - `sums[0..<n]` receives the column sums of the kept entries, each column summed in row order.
  /// - Returns nil, having left the row buffers zero, when a stored row is not clean
  ///   (``isCleanBondRow(_:)``): each row is checked just before it is merged, so that the check
  ///   and the merge read it once from memory. The caller then cleans the rows and merges again.
  ///   With `checked` the caller has already found every row clean and the check is skipped.
  /// - A row whose stored columns are exactly its new columns (every column live) pairs entry k
  ///   with stored entry k (``sameColumns(_:_:count:)``): what the two cursors and the dense
  ///   row do there; with `sameRow` the whole row's `both` values come from it
  ///   (``SameColumnsRow``). With union this is checked first, for dense rows too: a validator
  ///   bonded to exactly the columns it weights merges without the n-wide rows. Without union,
  ///   with `bothRow`, such a row reads its stored values in place instead of through the n-wide
  ///   stored row.
  /// - Stored rows scattered into or cleared from the n-wide stored row are read run by run
  ///   where their UIDs are consecutive (``scatterStoredRow(_:asWords:into:)``).
  ///
  /// A dense row (union: its new and stored entries together at least n; otherwise every row)
  /// is merged through n-wide row buffers, zero except at the row's new entries and its live
  /// stored u16 values: without union each new entry reads its stored value there, with union
  /// every column j gets `both(new, oldValue(stored, j), j)` with the missing side 0 (a pass
  /// the compiler vectorises), then the kept entries are compacted in column order. Reading a
  /// missing stored value as `oldValue(0, j)` gives 0 (0/d), and the result is the
  /// sparse merge's result because `both(x, 0, j)` equals `newOnly(x, j)` and `both(0, b, j)`
  /// equals `oldOnly(b, j)` whenever they are kept (> 0), and `both(0, 0, j)` is not kept: the
  /// missing term is a product with 0 (±0 in `Double`, 0 in fixed point), and adding a zero to
  /// a value leaves it unchanged (a zero stays a zero, so not kept). Callers' closures keep it.
  /// Without union, `bothRow` (if given) computes `both` for a whole dense row at once:
  /// `bothRow(count, new, old, columns, out)` sets out[e] = both(new[e], old[e], columns[e]),
  /// the same value, so that a caller can split `both` into passes over the row.
  /// With union a dense row's new entries are copied run by run where their columns are
  /// consecutive, and a merged row that keeps every column but at most one (a validator's row
  /// without its own column) is compacted by two bulk copies instead of entry by entry.
  /// ``mergeEMA(new:stored:registration:lastTempo:union:scratch:sums:checked:oldValue:both:newOnly:oldOnly:bothRow:sameRow:sameRun:)``'s
  /// whole-row `both`: (count, new values, old values, columns, out).
  @usableFromInline
  typealias BothRow = (Int, UnsafeMutablePointer<T>, UnsafeMutablePointer<T>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<T>) -> Void

  /// ``mergeEMA(new:stored:registration:lastTempo:union:scratch:sums:checked:oldValue:both:newOnly:oldOnly:bothRow:sameRow:sameRun:)``'s
  /// whole-piece `both` for the entries of a row over the same columns as its stored row that
  /// are not in a run of consecutive columns (a sparse row: all of them): (count, new values,
  /// stored entries, columns, out), out[e] = both(new[e], oldValue(stored[e].value, columns[e]),
  /// columns[e]), the same value, so that a caller can gather per-column operands first and
  /// compute the piece in a loop that vectorises.
  @usableFromInline
  typealias SameColumnsRow = (Int, UnsafeMutablePointer<T>, UnsafePointer<SparseEntry>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<T>) -> Void

  /// ``mergeEMA(new:stored:registration:lastTempo:union:scratch:sums:checked:oldValue:both:newOnly:oldOnly:bothRow:sameRow:sameRun:)``'s
  /// whole-run `both` for a run of consecutive columns of a row over the same columns as its
  /// stored row: (count, new values, stored entries, first column j, out), out[e] = both(new[e],
  /// oldValue(stored[e].value, j + e), j + e), the same value, so that a caller can split `both`
  /// into passes over the run (fixed point: its divisions in lanes of their own).
  @usableFromInline
  typealias SameColumnsRun = (Int, UnsafeMutablePointer<T>, UnsafePointer<SparseEntry>, Int, UnsafeMutablePointer<T>) -> Void

  @inline(__always) @usableFromInline
  static func mergeEMA(
    new: SparseRows<T>, stored: [[SparseEntry]], registration: UnsafeBufferPointer<Int64>, lastTempo: Int64,
    union: Bool, scratch ws: EpochScratch<T>, sums: UnsafeMutablePointer<T>,
    checked: Bool = false, oldValue: (UInt16, Int) -> T, both: (T, T, Int) -> T, newOnly: (T, Int) -> T, oldOnly: (T, Int) -> T,
    bothRow: BothRow? = nil, sameRow: SameColumnsRow? = nil, sameRun: SameColumnsRun? = nil
  ) -> SparseRows<T>? {
    let rows = new.rows
    let n = rows
    var capacity = new.count
    if union { for row in stored { capacity += row.count } }
    let start = ws.emaStart.reserve(rows + 1)
    // One spare entry: the dense row loop writes each column before knowing if it is kept.
    let cp = ws.emaCol.reserve(capacity &+ 1)
    let vp = ws.emaVal.reserve(capacity &+ 1)
    let nc = new.col
    let nv = new.val
    let r = registration
    sums.initialize(repeating: .zero, count: n)
    let newRow = ws.rowA.reserve(n)
    let merged = ws.rowB.reserve(n)
    let oldRow = ws.rowStored.reserve(n)
    let allLive = everyColumnLive(r, lastTempo: lastTempo)
    let asWords = sparseEntryIsOneWord
    var oldRowClean = false  // whether `oldRow` is all zero (the dense rows below)
    var count = 0
    var clean = true
    for i in 0..<rows {
      start[i] = count
      var c = count
      var p = new.start[i]
      let pEnd = new.start[i + 1]
      stored[i].withUnsafeBufferPointer { ob in
        if !checked && !isCleanBondRow(ob) {
          clean = false
          return
        }
        // Writes the entry (column, v), kept if v > 0, and adds a kept v to its column's sum.
        @inline(__always) func put(_ column: Int32, _ v: T) {
          let j = Int(column)
          cp[c] = column
          vp[c] = v
          let kept = v > .zero
          sums[j] = sums[j] + (kept ? v : .zero)  // + 0 leaves a sum unchanged, exactly
          c &+= Int(bit: kept)
        }
        // Puts the run of `length` consecutive columns from column j with values value(e), as
        // `put` does: written whole in loops that vectorise, then compacted in place only if it
        // holds an entry not kept.
        @inline(__always) func putRun(_ j: Int, _ length: Int, _ value: (Int) -> T) {
          let out = vp + c
          var absent = 0
          for e in 0..<length {
            let v = value(e)
            out[e] = v
            absent |= Int(bit: !(v > .zero))
          }
          putWrittenRun(j, length, absent: absent)
        }
        // `putRun` once its values are at vp + c (`absent` ≠ 0 iff one of them is not kept).
        @inline(__always) func putWrittenRun(_ j: Int, _ length: Int, absent: Int) {
          let out = vp + c
          let columns = cp + c
          let sj = sums + j
          T.add(out, to: sj, count: length, keptOnly: true)
          for e in 0..<length { columns[e] = Int32(truncatingIfNeeded: j &+ e) }
          if absent == 0 {
            c &+= length
            return
          }
          // (In place: entry e moves to c ≤ its position, after it is read.)
          for e in 0..<length {
            let v = out[e]
            cp[c] = Int32(truncatingIfNeeded: j &+ e)
            vp[c] = v
            c &+= Int(bit: v > .zero)
          }
        }
        // Puts `newRow[e]` at the new column of entry k + e for e < count, as `put` does.
        @inline(__always) func putPiece(_ k: Int, _ count: Int) {
          var dropped = 0
          for e in 0..<count { dropped &+= Int(bit: !(newRow[e] > .zero)) }
          if dropped == 0 {
            // Every entry kept: the piece's columns and values copied in bulk, run by run where
            // its columns are consecutive (a run's sums then in a loop that vectorises).
            let cc = cp + (c &- k)
            let vv = vp + (c &- k)
            let values = newRow - k
            new.forEachRun(
              from: k, to: k &+ count,
              run: { a, end in
                let first = Int(nc[a]) &- a
                let sj = sums + first
                for q in a..<end {
                  let v = values[q]
                  sj[q] = sj[q] + v
                  cc[q] = Int32(truncatingIfNeeded: first &+ q)
                  vv[q] = v
                }
              },
              rest: { a, end in
                for q in a..<end {
                  let j = Int(nc[q])
                  let v = values[q]
                  sums[j] = sums[j] + v
                  cc[q] = Int32(truncatingIfNeeded: j)
                  vv[q] = v
                }
              })
            c &+= count
          } else {
            for e in 0..<count { put(nc[k &+ e], newRow[e]) }
          }
        }
        if ob.isEmpty {
          // No stored row: every new entry is new-only (with or without union), a run of
          // consecutive columns put whole, other entries one by one.
          new.forEachRun(
            from: p, to: pEnd,
            run: { k, end in
              let j = Int(nc[k])
              let x = nv + k
              putRun(j, end &- k) { newOnly(x[$0], j &+ $0) }
            },
            rest: { k, end in for q in k..<end { put(nc[q], newOnly(nv[q], Int(nc[q]))) } })
          return
        }
        if union && allLive && sameColumns(ob, nc + p, count: pEnd &- p) {
          // Both rows over the same columns (a validator bonded to exactly the columns it
          // weights, the steady state): every entry is `both` with the stored entry at its
          // position, as the dense row and the two cursors would pair them, without the n-wide
          // rows. A run of consecutive columns is put whole (its per-column operands read in
          // place); the other pieces go through `sameRow` if given, else entry by entry.
          let old = ob.baseAddress! - p  // the stored entry of new entry k is old[k]
          new.forEachRun(
            from: p, to: pEnd,
            run: { k, end in
              let j = Int(nc[k])
              let x = nv + k
              let b = old + k
              if let sameRun {
                let out = vp + c
                sameRun(end &- k, x, b, j, out)
                var absent = 0
                for e in 0..<(end &- k) { absent |= Int(bit: !(out[e] > .zero)) }
                putWrittenRun(j, end &- k, absent: absent)
                return
              }
              putRun(j, end &- k) { both(x[$0], oldValue(b[$0].value, j &+ $0), j &+ $0) }
            },
            rest: { k, end in
              if let sameRow {
                sameRow(end &- k, nv + k, old + k, nc + k, newRow)
                putPiece(k, end &- k)
                return
              }
              for q in k..<end {
                let j = Int(nc[q])
                put(nc[q], both(nv[q], oldValue(old[q].value, j), j))
              }
            })
          return
        }
        if !union, let bothRow, allLive, sameColumns(ob, nc + p, count: pEnd &- p) {
          // Without union, a row over its stored row's columns: each new entry's stored value
          // is the stored entry at its position (what the dense row gives there), read in place.
          let count = pEnd &- p
          for e in 0..<count { merged[e] = oldValue(ob[e].value, Int(nc[p &+ e])) }
          bothRow(count, nv + p, merged, nc + p, newRow)
          putPiece(p, count)
          return
        }
        if !union || pEnd &- p &+ ob.count >= n {
          // Dense: `newRow` (with union) and `oldRow` zero-filled, then the row's entries scattered.
          // A row with entries on at least a quarter of the columns refills `oldRow` (one fill of
          // n u16 is cheaper than clearing its entries after); a shorter one clears its entries.
          let refill = union || (pEnd &- p &+ ob.count) &* 4 >= n
          if refill || !oldRowClean { oldRow.initialize(repeating: 0, count: n) }
          // Stored rows are ascending and non-negative: a last UID below n puts every UID in range.
          // (The clear below only with union: the liquid-alpha merge keeps the smaller loop, which
          // the compiler then inlines with the sigmoid.)
          let everyUIDInRange = ob.last!.uid < n
          let inside = union && everyUIDInRange
          if allLive && everyUIDInRange {
            scatterStoredRow(ob, asWords: asWords, into: oldRow)
          } else {
            for e in ob where e.uid < n && lastTempo > r[e.uid] { oldRow[e.uid] = e.value }
          }
          @inline(__always) func emit(_ v: T, _ j: Int) {
            cp[c] = Int32(truncatingIfNeeded: j)
            vp[c] = v
            c &+= Int(bit: v > .zero)
          }
          if union {
            scatter(new, row: i, into: newRow, columns: n)  // (with union every dense row refills)
            // The dropped columns (v ≤ 0) counted, and their indices summed, on the way.
            var dropped = 0
            var droppedColumns = 0
            for j in 0..<n {
              let v = both(newRow[j], oldValue(oldRow[j], j), j)
              merged[j] = v
              let kept = v > .zero
              sums[j] = sums[j] + (kept ? v : .zero)  // + 0 leaves a sum unchanged, exactly
              dropped &+= Int(bit: !kept)
              droppedColumns &+= j & (0 &- Int(bit: !kept))
            }
            c &+= compact(merged, columns: n, dropped: dropped, droppedColumns: droppedColumns, col: cp + c, val: vp + c)
          } else if let bothRow {
            // The row's stored values first, then `both` over the whole row at once.
            let count = pEnd &- p
            for e in 0..<count {
              let j = Int(nc[p &+ e])
              merged[e] = oldValue(oldRow[j], j)
            }
            bothRow(count, nv + p, merged, nc + p, newRow)
            putPiece(p, count)
          } else {
            for k in p..<pEnd {
              let j = Int(nc[k])
              let v = both(nv[k], oldValue(oldRow[j], j), j)
              sums[j] = sums[j] + (v > .zero ? v : .zero)
              emit(v, j)
            }
          }
          oldRowClean = !refill
          if refill { return }
          if inside {
            clearStoredRow(ob, asWords: asWords, in: oldRow)
          } else {
            for e in ob where e.uid < n { oldRow[e.uid] = 0 }
          }
          return
        }
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
          put(Int32(truncatingIfNeeded: jq), oldOnly(oldValue(ob[q].value, jq), jq))
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
          let v: T
          if q < qEnd && ob[q].uid == jp {
            v = both(nv[p], oldValue(ob[q].value, jp), jp)
            q += 1
            skipMasked()
          } else {
            v = newOnly(nv[p], jp)
          }
          put(nc[p], v)
          p += 1
        }
        if union {
          while q < qEnd { emitOld() }
        }
      }
      if !clean { return nil }
      count = c
    }
    start[rows] = count
    return SparseRows(start: start, col: cp, val: vp, rows: rows)
  }

  /// Row `i` of `m` as an n-wide row: zero, then each entry at its column (runs of consecutive
  /// columns copied in place, ``SparseRows/forEachRun(from:to:run:rest:)``). Kept out of the
  /// merge so that its per-row closure stays inlined.
  @usableFromInline @inline(never)
  static func scatter(_ m: SparseRows<T>, row i: Int, into row: UnsafeMutablePointer<T>, columns n: Int) {
    row.initialize(repeating: .zero, count: n)
    let c = m.col
    let v = m.val
    m.forEachRun(
      from: m.start[i], to: m.start[i + 1],
      run: { k, end in
        let r = row + Int(c[k])
        let values = v + k
        for e in 0..<(end &- k) { r[e] = values[e] }
      },
      rest: { k, end in for e in k..<end { row[Int(c[e])] = v[e] } })
  }

  /// The kept entries (v > 0) of an n-wide merged row, in column order, into `col` / `val`;
  /// returns their count. `dropped` entries are not kept; when there is at most one (a
  /// validator's row without its own column), `droppedColumns` is its column and the kept
  /// entries are the pieces before and after it, copied in bulk. Otherwise the row goes in
  /// blocks of eight columns: consecutive blocks kept whole are copied in bulk together (one
  /// loop that vectorises, not one unrolled scalar copy per block), a block with nothing kept
  /// is skipped (a whole network's rows hold long runs of either: miners' columns bonded,
  /// validators' not), and a mixed block entry by entry, branch-free, which writes one entry
  /// past the kept ones (the merge's spare entry).
  @usableFromInline @inline(never)
  static func compact(
    _ merged: UnsafeMutablePointer<T>, columns n: Int, dropped: Int, droppedColumns: Int,
    col: UnsafeMutablePointer<Int32>, val: UnsafeMutablePointer<T>
  ) -> Int {
    var c = 0
    @inline(__always) func entryByEntry(_ from: Int, _ to: Int) {
      for j in from..<to {
        let v = merged[j]
        col[c] = Int32(truncatingIfNeeded: j)
        val[c] = v
        c &+= Int(bit: v > .zero)
      }
    }
    if dropped > 1 {
      var j = 0
      var whole = 0  // the first of the blocks kept whole since the last other block
      while j &+ 8 <= n {
        var kept = 0
        for e in 0..<8 { kept &+= Int(bit: merged[j &+ e] > .zero) }
        if kept != 8 {
          copyKept(merged, from: whole, to: j, col: col, val: val, count: &c)
          if kept != 0 { entryByEntry(j, j &+ 8) }
          whole = j &+ 8
        }
        j &+= 8
      }
      copyKept(merged, from: whole, to: j, col: col, val: val, count: &c)
      entryByEntry(j, n)
      return c
    }
    let hole = dropped == 0 ? n : droppedColumns
    copyKept(merged, from: 0, to: hole, col: col, val: val, count: &c)
    copyKept(merged, from: min(hole &+ 1, n), to: n, col: col, val: val, count: &c)
    return c
  }

  /// Columns `from..<to` of a merged row, every one kept, appended at entry `count` of
  /// `col` / `val` (a loop that vectorises).
  @inline(__always)
  static func copyKept(
    _ merged: UnsafeMutablePointer<T>, from: Int, to: Int, col: UnsafeMutablePointer<Int32>,
    val: UnsafeMutablePointer<T>, count c: inout Int
  ) {
    let cc = col + (c &- from)
    let vv = val + (c &- from)
    for j in from..<to {
      cc[j] = Int32(truncatingIfNeeded: j)
      vv[j] = merged[j]
    }
    c &+= to &- from
  }

  /// Yuma 2 (spec §5.2): column-normalised stored bonds (read as integers), column-normalised
  /// instant bonds ΔB = a·W̃, fixed-rate EMA over the union, column normalisation, dividends
  /// Dᵢ = Σⱼ B'ᵢⱼ·Iⱼ (into `dividends`); storage column-max-upscaled. The two input
  /// normalisations happen inside the merge (same divisions, no copies). Returns the
  /// column-normalised B'; storage divides it by the column maxima prepared in `divisorsB`.
  ///
  /// - `scaledSums`: `bondWeights` already is ΔB (built with W̃) and these are its column sums.
  /// - `ranks`: with β = 1, ΔB's column sums (the ranks, see `run`).
  /// - Returns nil when a stored row is not clean (checked in the first pass that reads it).
  @usableFromInline
  static func yuma2Bonds(
    _ state: SubnetEpochState, stored: [[SparseEntry]], hp: EpochHyperparameters, lastTempo: Int64,
    bondWeights: SparseRows<T>, scaledSums: UnsafeMutablePointer<T>?, ranks: UnsafeMutablePointer<T>?,
    incentive: UnsafeMutablePointer<T>, stake a: UnsafeMutablePointer<T>, dividends: UnsafeMutablePointer<T>,
    scratch ws: EpochScratch<T>
  ) -> SparseRows<T>? {
    let n = state.n
    return state.registrationBlock.withUnsafeBufferPointer { registration -> SparseRows<T>? in
      // Column sums of the masked stored bonds, added as integers (exact, so the same value as
      // the sum in row order, ``EpochScalar/integerTotal(_:)``).
      let integerSums = ws.integerSums.reserve(n)
      integerSums.initialize(repeating: 0, count: n)
      let allLive = everyColumnLive(registration, lastTempo: lastTempo)
      let asWords = sparseEntryIsOneWord
      var clean = true
      for row in stored where !row.isEmpty {  // (an empty row is clean and adds nothing)
        row.withUnsafeBufferPointer { ob in
          if !isCleanBondRow(ob) {
            clean = false
            return
          }
          // Clean rows are ascending and non-negative: a last UID below n puts every UID in range.
          if allLive && (ob.last?.uid ?? -1) < n {
            addStoredRow(ob, asWords: asWords, to: integerSums)
          } else {
            for e in ob where e.uid < n && lastTempo > registration[e.uid] { integerSums[e.uid] &+= Int64(e.value) }
          }
        }
        if !clean { return nil }
      }
      let bondSums = ws.sums.reserve(n)
      for j in 0..<n { bondSums[j] = T.integerTotal(integerSums[j]) }
      let bondDivisors = ws.divisorsA.reserve(n)
      divisors(bondSums, n, into: bondDivisors)
      // In fixed point the same divisors as totals in `Double` (1 where a column sums to 0, the
      // division by one), for ``EpochScalar/quotient(integer:total:)`` while every total is
      // below 2³¹ (in `Double` the prepared division is already a division).
      let bondTotals = ws.totals.reserve(n)
      var small = !T.dividesInLanes
      if small {
        for j in 0..<n {
          let t = integerSums[j]
          small = small && t < 1 << 31
          bondTotals[j] = t > 0 ? Double(t) : 1
        }
      }
      // ΔB = W̃ᵢⱼ·aᵢ and its column sums: with `scaledSums`, `bondWeights` already is ΔB and
      // those are its sums; with `ranks` (β = 1) the sums are the ranks.
      let deltaSums = scaledSums ?? ranks ?? ws.sums.reserve(n)
      let delta =
        scaledSums != nil
        ? bondWeights
        : rowScaled(
          bondWeights, by: a, into: ws.delta.reserve(bondWeights.count), columnSums: ranks == nil ? deltaSums : nil)
      let deltaDivisors = ws.divisorsB.reserve(n)
      divisors(deltaSums, n, into: deltaDivisors)
      let rate = T.emaRate(bondsMovingAverage: hp.bondsMovingAverage)
      let keepRate = T.one - rate
      let emaSums = ws.emaSums.reserve(n)
      // Every row was found clean above. A stored value is a u16 p of a column whose live values
      // sum to its total, so p ≤ total (masked values are never read; a missing one reads 0).
      // The merge with the stored values read by `oldValue`: one call site per reading, each
      // with its closure literal, so that the closures are inlined into the merge's loops.
      @inline(__always) func merge(
        sameRow: SameColumnsRow? = nil, sameRun: SameColumnsRun? = nil, oldValue: (UInt16, Int) -> T
      ) -> SparseRows<T>? {
        mergeEMA(
          new: delta, stored: stored, registration: registration, lastTempo: lastTempo, union: true, scratch: ws,
          sums: emaSums, checked: true, oldValue: oldValue,
          both: { x, b, j in rate * T.divide(x, by: deltaDivisors[j]) + keepRate * b },
          newOnly: { x, j in rate * T.divide(x, by: deltaDivisors[j]) },
          oldOnly: { b, _ in T.zero + keepRate * b }, sameRow: sameRow, sameRun: sameRun)
      }
      // Where divisions run in lanes (`Double`), a sparse row over its stored row's columns has
      // both divisors of each entry gathered first, then `both` over the row in a loop that
      // vectorises (the same divisions, products and sum per entry).
      let gatheredDelta = ws.gathered.reserve(n)
      let gatheredBond = ws.gatheredB.reserve(n)
      @inline(__always) func sameRow(
        _ count: Int, _ x: UnsafeMutablePointer<T>, _ stored: UnsafePointer<SparseEntry>, _ columns: UnsafeMutablePointer<Int32>,
        _ out: UnsafeMutablePointer<T>
      ) {
        yuma2GatheredRow(
          count: count, new: x, stored: stored, columns: columns, deltaDivisors: deltaDivisors, bondDivisors: bondDivisors,
          rate: rate, keepRate: keepRate, gathered: (gatheredDelta, gatheredBond), into: out)
      }
      // The readings as local functions, not closure literals: the compiler then inlines them
      // into the merge's loops (a literal read below its totals was left as a call per column).
      @inline(__always) func overTotal(_ value: UInt16, _ j: Int) -> T { T.quotient(integer: value, total: bondTotals[j]) }
      @inline(__always) func overDivisor(_ value: UInt16, _ j: Int) -> T {
        T.divide(T.integer(Int64(value)), by: bondDivisors[j])
      }
      // In fixed point a piece over its stored row's columns takes its two divisions in lanes
      // of their own (``EpochScalar/divide(_:by:count:into:)``), each stored u16 over its
      // column's prepared divisor (the value `overTotal` gives), then the products and sums.
      let quotients = ws.rowC.reserve(n)
      @inline(__always) func fixedPiece(
        _ count: Int, _ x: UnsafeMutablePointer<T>, _ stored: UnsafePointer<SparseEntry>,
        _ delta: UnsafePointer<T.Divisor>, _ bond: UnsafePointer<T.Divisor>, _ out: UnsafeMutablePointer<T>
      ) {
        for e in 0..<count { out[e] = T.integer(Int64(stored[e].value)) }
        T.divide(x, by: delta, count: count, into: quotients)
        T.divide(out, by: bond, count: count, into: out)
        T.combine(rate, quotients, keepRate, out, count: count, into: out)
      }
      @inline(__always) func fixedRow(
        _ count: Int, _ x: UnsafeMutablePointer<T>, _ stored: UnsafePointer<SparseEntry>, _ columns: UnsafeMutablePointer<Int32>,
        _ out: UnsafeMutablePointer<T>
      ) {
        for e in 0..<count {
          let j = Int(columns[e])
          (gatheredDelta + e).initialize(to: deltaDivisors[j])
          (gatheredBond + e).initialize(to: bondDivisors[j])
        }
        fixedPiece(count, x, stored, gatheredDelta, gatheredBond, out)
      }
      @inline(__always) func fixedRun(
        _ count: Int, _ x: UnsafeMutablePointer<T>, _ stored: UnsafePointer<SparseEntry>, _ j: Int, _ out: UnsafeMutablePointer<T>
      ) {
        fixedPiece(count, x, stored, deltaDivisors + j, bondDivisors + j, out)
      }
      let merged =
        T.dividesInLanes
        ? (small ? merge(oldValue: overTotal) : merge(sameRow: sameRow, oldValue: overDivisor))
        : (small ? merge(sameRow: fixedRow, sameRun: fixedRun, oldValue: overTotal) : merge(oldValue: overDivisor))
      guard let ema = merged else { return nil }
      // Column-normalise B', dividends, column maxima.
      let emaDivisors = ws.divisorsA.reserve(n)
      divisors(emaSums, n, into: emaDivisors)
      let maxima = ws.sums.reserve(n)
      maxima.initialize(repeating: .zero, count: n)
      let terms = ws.delta.reserve(ema.count)  // ΔB is merged: its buffer is free again
      normalizedTerms(ema, divisors: emaDivisors, incentive: incentive, maxima: maxima, into: terms)
      rowSums(ema, terms, stake: a, everyRow: true, into: dividends)
      // Column max-upscale for storage (spec §5.2 step 6), applied when the rows are stored.
      let maximumDivisors = ws.divisorsB.reserve(n)
      divisors(maxima, n, into: maximumDivisors)
      return ema
    }
  }

  /// Yuma 2's EMA values of a sparse row over the same columns as its stored row (spec §5.2
  /// step 3): out[e] = rate · (x[e] / ΔB's divisor) + keepRate · (stored u16 / the stored bonds'
  /// divisor) at column columns[e], the value of the merge's `both` on `oldValue`, entry by entry.
  /// Both divisors of each entry are gathered into `gathered` first (at least `count` each), so
  /// that the divisions, products and sums run in a loop that vectorises.
  @inlinable @inline(__always)
  static func yuma2GatheredRow(
    count: Int, new x: UnsafePointer<T>, stored: UnsafePointer<SparseEntry>, columns: UnsafePointer<Int32>,
    deltaDivisors: UnsafePointer<T.Divisor>, bondDivisors: UnsafePointer<T.Divisor>, rate: T, keepRate: T,
    gathered: (UnsafeMutablePointer<T.Divisor>, UnsafeMutablePointer<T.Divisor>), into out: UnsafeMutablePointer<T>
  ) {
    let (gd, gb) = gathered
    for e in 0..<count {
      let j = Int(columns[e])
      (gd + e).initialize(to: deltaDivisors[j])
      (gb + e).initialize(to: bondDivisors[j])
      out[e] = T.integer(Int64(stored[e].value))
    }
    for e in 0..<count {
      out[e] = rate * T.divide(x[e], by: gd[e]) + keepRate * T.divide(out[e], by: gb[e])
    }
  }

  /// Yuma 3 (spec §5.3): per-validator bonds (stored proportions) with a fixed-rate or
  /// liquid-alpha EMA (sparse presence semantics of §5.3.4), dividends Dᵢ = aᵢ·Σⱼ Nᵢⱼ·Iⱼ with
  /// N the column-normalised bonds (into `dividends`); storage floor(B'·65535). Returns B', or nil
  /// when a stored row is not clean (checked as the merge reaches it).
  @usableFromInline
  static func yuma3Bonds(
    _ state: SubnetEpochState, stored: [[SparseEntry]], hp: EpochHyperparameters, lastTempo: Int64,
    bondWeights: SparseRows<T>, consensus: UnsafeMutablePointer<T>, incentive: UnsafeMutablePointer<T>,
    stake a: UnsafeMutablePointer<T>, dividends: UnsafeMutablePointer<T>, scratch ws: EpochScratch<T>
  ) -> SparseRows<T>? {
    let n = state.n
    var anyConsensus = false
    for j in 0..<n where consensus[j] != .zero { anyConsensus = true }
    let proportion = U16Proportion<T>()
    let emaSums = ws.sums.reserve(n)
    // The stored proportion as a local function rather than a closure literal, so that the
    // compiler inlines it into the merge's loops (the literal was left as a call per column in
    // fixed point).
    @inline(__always) func readStored(_ value: UInt16, _: Int) -> T { proportion.value(value) }
    let merged: SparseRows<T>? = state.registrationBlock.withUnsafeBufferPointer { registration in
      if hp.liquidAlpha && anyConsensus {
        // Only entries present in the new W̃ row are emitted (spec §5.3.4).
        let sigmoid = LiquidAlphaSigmoid<T>(hp)
        @inline(__always) func liquid(_ w: T, _ b: T, _ j: Int) -> T {
          let rate = sigmoid.rate(consensus: consensus[j], weight: w, bond: b)
          return min((T.one - rate) * b + max(rate * w, .zero), T.one)
        }
        // A whole row in three passes: the sigmoid's exponents, the exponentials (four at a time,
        // `Exponential`), then the rates and the EMA values; each
        // value is what `liquid` gives, with the same operations in the same order.
        let exponents = ws.rowC.reserve(n)
        @inline(__always) func liquidRow(
          _ count: Int, _ w: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>, _ columns: UnsafeMutablePointer<Int32>,
          _ out: UnsafeMutablePointer<T>
        ) {
          // The consensus gathered first (copied over consecutive columns): the exponents then
          // vectorise.
          if count > 0 && Int(columns[count &- 1]) &- Int(columns[0]) == count &- 1 {
            exponents.update(from: consensus + Int(columns[0]), count: count)
          } else {
            for e in 0..<count { exponents[e] = consensus[Int(columns[e])] }
          }
          T.liquidExponents(
            exponents, weights: w, bonds: b, factor: sigmoid.factor, half: sigmoid.half, count: count
          ) { e in sigmoid.exponent(consensus: exponents[e], weight: w[e], bond: b[e]) }
          T.clampedExp(exponents, count: count)
          T.liquidEMA(
            exponentials: exponents, weights: w, bonds: b, low: sigmoid.low, high: sigmoid.high, count: count, into: out
          ) { e in
            let rate = sigmoid.rate(exponential: exponents[e])
            return min((T.one - rate) * b[e] + max(rate * w[e], .zero), T.one)
          }
        }
        // `both` is `liquid` itself, not a closure calling it: the compiler then inlines the sigmoid
        // into the merge loop (a wrapping closure was left as a call per entry).
        return mergeEMA(
          new: bondWeights, stored: stored, registration: registration, lastTempo: lastTempo, union: false,
          scratch: ws, sums: emaSums, oldValue: readStored,
          both: liquid, newOnly: { w, j in liquid(w, .zero, j) },
          oldOnly: { b, j in liquid(.zero, b, j) }, bothRow: liquidRow)
      }
      let rate = T.emaRate(bondsMovingAverage: hp.bondsMovingAverage)
      let keepRate = T.one - rate
      // (Likewise the EMA value.)
      @inline(__always) func emaValue(_ w: T, _ b: T, _: Int) -> T { rate * w + keepRate * b }
      // A piece of a row over its stored row's columns at once (the same `both` values).
      @inline(__always) func sameRow(
        _ count: Int, _ w: UnsafeMutablePointer<T>, _ stored: UnsafePointer<SparseEntry>, _: UnsafeMutablePointer<Int32>,
        _ out: UnsafeMutablePointer<T>
      ) {
        for e in 0..<count { out[e] = emaValue(w[e], readStored(stored[e].value, 0), 0) }
      }
      return mergeEMA(
        new: bondWeights, stored: stored, registration: registration, lastTempo: lastTempo, union: true,
        scratch: ws, sums: emaSums, oldValue: readStored, both: emaValue, newOnly: { w, _ in rate * w },
        oldOnly: { b, _ in T.zero + keepRate * b }, sameRow: sameRow)
    }
    guard let ema = merged else { return nil }
    // Dᵢ = aᵢ · Σⱼ (B'ᵢⱼ / Σₖ B'ₖⱼ) · Iⱼ, without materialising the normalised copy.
    let emaDivisors = ws.divisorsA.reserve(n)
    divisors(emaSums, n, into: emaDivisors)
    let terms = ws.delta.reserve(ema.count)
    dividendTerms(
      ema, stake: a, divisors: emaDivisors, incentive: incentive, gatheredDivisors: ws.divisorsB.reserve(n),
      gatheredIncentive: ws.rowA.reserve(n), into: terms)
    rowSums(ema, terms, stake: a, into: dividends)
    for i in 0..<n where a[i] != .zero { dividends[i] = dividends[i] * a[i] }
    return ema
  }

  /// Yuma 2's B' column normalisation (spec §5.2 step 4) in place, B'ᵢⱼ ← B'ᵢⱼ / dⱼ, with the
  /// dividend terms B'ᵢⱼ · Iⱼ into `terms` at the entries' positions (summed by ``rowSums``:
  /// the products and additions of `d = d + x · Iⱼ`, in the same order) and the column maxima
  /// (`m < x ? x : m` in row order) into `maxima`. A run of at least ``denseRunMinimum``
  /// consecutive columns (``SparseRows/forEachRun(from:to:run:rest:)``) reads divisors,
  /// incentives and maxima in place, so that its loops run on contiguous operands and vectorise
  /// in `Double`; the other entries loop one by one (gathering their divisors first cost more
  /// on the sparse subnet than it saved). Every value is the same as entry by entry.
  @usableFromInline @inline(never)  // called once per epoch; kept out of the merge's caller
  static func normalizedTerms(
    _ m: SparseRows<T>, divisors d: UnsafeMutablePointer<T.Divisor>, incentive: UnsafeMutablePointer<T>,
    maxima: UnsafeMutablePointer<T>, into terms: UnsafeMutablePointer<T>
  ) {
    let c = m.col
    let v = m.val
    // Entries k ..< k + count whose divisors, incentives and maxima are at rd, ri, rm + 0 ..< count.
    @inline(__always) func contiguous(
      _ k: Int, _ count: Int, _ rd: UnsafeMutablePointer<T.Divisor>, _ ri: UnsafeMutablePointer<T>
    ) {
      let rv = v + k
      let rt = terms + k
      if T.dividesInLanes {
        for e in 0..<count {
          let x = T.divide(rv[e], by: rd[e])
          rv[e] = x
          rt[e] = x * ri[e]
        }
      } else {
        // The divisions first, in lanes of their own (fixed point), then the products.
        T.divide(rv, by: rd, count: count, into: rv)
        T.multiply(rv, ri, count: count, into: rt)
      }
    }
    // Entries k ..< end over consecutive columns: divisors, incentives and maxima in place.
    @inline(__always) func run(_ k: Int, _ end: Int) {
      let j = Int(c[k])
      contiguous(k, end &- k, d + j, incentive + j)
      let rv = v + k
      let rm = maxima + j
      for e in 0..<(end &- k) {
        let x = rv[e]
        let old = rm[e]
        rm[e] = old < x ? x : old
      }
    }
    // Any other entries k ..< upper.
    @inline(__always) func rest(_ k: Int, _ upper: Int) {
      for e in k..<upper {
        let j = Int(c[e])
        let x = T.divide(v[e], by: d[j])
        v[e] = x
        terms[e] = x * incentive[j]
        let old = maxima[j]
        maxima[j] = old < x ? x : old
      }
    }
    for i in 0..<m.rows { m.forEachRun(from: m.start[i], to: m.start[i + 1], run: run, rest: rest) }
  }

  /// The terms (B'ᵢⱼ / dⱼ) · Iⱼ of every entry of the rows with aᵢ ≠ 0, into `terms` at the
  /// entries' positions: independent divisions, not waiting on a running sum. A row's divisors
  /// and incentives are first gathered by column into `gathered…` (at least n each; runs of at
  /// least ``denseRunMinimum`` consecutive columns read them in place,
  /// ``SparseRows/runEnd(from:to:)``), so that the divisions run on contiguous operands, a loop
  /// the compiler vectorises.
  @usableFromInline @inline(never)  // called once per epoch; kept out of the merge's caller
  static func dividendTerms(
    _ m: SparseRows<T>, stake a: UnsafeMutablePointer<T>, divisors d: UnsafeMutablePointer<T.Divisor>,
    incentive: UnsafeMutablePointer<T>, gatheredDivisors gd: UnsafeMutablePointer<T.Divisor>,
    gatheredIncentive gi: UnsafeMutablePointer<T>, into terms: UnsafeMutablePointer<T>
  ) {
    let n = m.rows
    let c = m.col
    let v = m.val
    @inline(__always) func divide(
      _ count: Int, _ rv: UnsafeMutablePointer<T>, _ rd: UnsafeMutablePointer<T.Divisor>,
      _ ri: UnsafeMutablePointer<T>, _ rt: UnsafeMutablePointer<T>
    ) {
      if T.dividesInLanes {
        for k in 0..<count { rt[k] = T.divide(rv[k], by: rd[k]) * ri[k] }
      } else {
        // Fixed point: the divisions, then the products, each in lanes of their own.
        T.divide(rv, by: rd, count: count, into: rt)
        T.multiply(rt, ri, count: count, into: rt)
      }
    }
    for i in 0..<n where a[i] != .zero {
      m.forEachRun(
        from: m.start[i], to: m.start[i + 1],
        run: { k, end in
          let j = Int(c[k])
          divide(end &- k, v + k, d + j, incentive + j, terms + k)
        },
        rest: { k, end in
          for e in 0..<(end &- k) {
            let j = Int(c[k &+ e])
            (gd + e).initialize(to: d[j])
            gi[e] = incentive[j]
          }
          divide(end &- k, v + k, gd, gi, terms + k)
        })
    }
  }

  /// Σₖ termsₖ over each row's entries in entry order, from 0 (the sum the per-row loop
  /// `d = d + term` gives, bit for bit), for the rows with aᵢ ≠ 0 (every row with `everyRow`);
  /// 0 for the others. Four rows
  /// are summed side by side, so that four independent additions are in flight instead of one
  /// running sum waiting on the last; each row's own additions keep their order.
  @usableFromInline @inline(never)  // called once per epoch; kept out of the merge's caller
  static func rowSums(
    _ m: SparseRows<T>, _ terms: UnsafeMutablePointer<T>, stake a: UnsafeMutablePointer<T>, everyRow: Bool = false,
    into sums: UnsafeMutablePointer<T>
  ) {
    let n = m.rows
    let start = m.start
    if !T.dividesInLanes {
      // Fixed point: each row's sum in lanes where it is exact (``EpochScalar/sum(_:count:)``).
      for i in 0..<n {
        let empty = (!everyRow && a[i] == .zero) || start[i] == start[i + 1]
        sums[i] = empty ? .zero : T.sum(terms + start[i], count: start[i + 1] &- start[i])
      }
      return
    }
    var rows = (0, 0, 0, 0)
    var ready = 0
    @inline(__always) func single(_ i: Int) {
      var s = T.zero
      for k in start[i]..<start[i + 1] { s = s + terms[k] }
      sums[i] = s
    }
    @inline(__always) func four() {
      let (r0, r1, r2, r3) = rows
      let p0 = terms + start[r0]
      let p1 = terms + start[r1]
      let p2 = terms + start[r2]
      let p3 = terms + start[r3]
      let l0 = start[r0 + 1] &- start[r0]
      let l1 = start[r1 + 1] &- start[r1]
      let l2 = start[r2 + 1] &- start[r2]
      let l3 = start[r3 + 1] &- start[r3]
      let common = min(min(l0, l1), min(l2, l3))
      var s0 = T.zero
      var s1 = T.zero
      var s2 = T.zero
      var s3 = T.zero
      for k in 0..<common {
        s0 = s0 + p0[k]
        s1 = s1 + p1[k]
        s2 = s2 + p2[k]
        s3 = s3 + p3[k]
      }
      for k in common..<l0 { s0 = s0 + p0[k] }
      for k in common..<l1 { s1 = s1 + p1[k] }
      for k in common..<l2 { s2 = s2 + p2[k] }
      for k in common..<l3 { s3 = s3 + p3[k] }
      sums[r0] = s0
      sums[r1] = s1
      sums[r2] = s2
      sums[r3] = s3
    }
    for i in 0..<n {
      sums[i] = .zero
      if (!everyRow && a[i] == .zero) || start[i] == start[i + 1] { continue }
      switch ready {
      case 0: rows.0 = i
      case 1: rows.1 = i
      case 2: rows.2 = i
      default: rows.3 = i
      }
      ready += 1
      if ready == 4 {
        four()
        ready = 0
      }
    }
    if ready > 0 { single(rows.0) }
    if ready > 1 { single(rows.1) }
    if ready > 2 { single(rows.2) }
  }

  /// ΔBᵢⱼ = W̃ᵢⱼ · aᵢ (spec §5.2 step 2, before column normalisation), values into `val`, and
  /// its column sums (each column in row order) into `columnSums` if given.
  @usableFromInline
  static func rowScaled(
    _ m: SparseRows<T>, by a: UnsafeMutablePointer<T>, into val: UnsafeMutablePointer<T>,
    columnSums: UnsafeMutablePointer<T>?
  ) -> SparseRows<T> {
    guard let sums = columnSums else {
      for i in 0..<m.rows {
        let ai = a[i]
        let lower = m.start[i]
        T.multiply(m.val + lower, by: ai, count: m.start[i + 1] &- lower, into: val + lower)
      }
      return SparseRows(start: m.start, col: m.col, val: val, rows: m.rows)
    }
    sums.initialize(repeating: .zero, count: m.rows)
    let c = m.col
    for i in 0..<m.rows {
      let ai = a[i]
      if !T.dividesInLanes {
        // Fixed point: the row's products in lanes of their own (``EpochScalar/multiply(_:by:count:into:)``),
        // then the sums (exact, in any order).
        let lower = m.start[i]
        let upper = m.start[i + 1]
        T.multiply(m.val + lower, by: ai, count: upper &- lower, into: val + lower)
        m.forEachRun(
          from: lower, to: upper,
          run: { k, end in T.add(val + k, to: sums + Int(c[k]), count: end &- k, keptOnly: false) },
          rest: { k, end in
            for q in k..<end {
              let j = Int(c[q])
              sums[j] = sums[j] + val[q]
            }
          })
        continue
      }
      for k in m.start[i]..<m.start[i + 1] {
        let x = m.val[k] * ai
        val[k] = x
        let j = Int(c[k])
        sums[j] = sums[j] + x
      }
    }
    return SparseRows(start: m.start, col: m.col, val: val, rows: m.rows)
  }

  /// Fills `buffer[0..<count]` with the entries (columns[k], value(k)), each as one 32-bit word,
  /// column in the low half and value above it (the layout ``sparseEntryIsOneWord`` checks): a
  /// loop the compiler vectorises.
  @inlinable @inline(__always)
  static func writeWords(
    _ buffer: UnsafeMutableBufferPointer<SparseEntry>, columns: UnsafeMutablePointer<Int32>, count: Int,
    value: (Int) -> UInt16
  ) {
    let words = UnsafeMutableRawPointer(buffer.baseAddress!)
    for k in 0..<count {
      let word = UInt32(UInt16(truncatingIfNeeded: columns[k])) | UInt32(value(k)) << 16
      words.storeBytes(of: word, toByteOffset: k &* 4, as: UInt32.self)
    }
  }

  /// Bond rows to persist (spec §5.5): rows of UIDs with P' as floor(x·65535), others empty;
  /// with `columnDivisors`, floor(x/dⱼ·65535) (the Yuma-2 column max-upscale).
  @usableFromInline
  static func storageRows(
    _ m: SparseRows<T>, newPermit: [Bool], columnDivisors: UnsafeMutablePointer<T.Divisor>?,
    scratch ws: EpochScratch<T>
  ) -> [[SparseEntry]] {
    var result: [[SparseEntry]] = []
    storeRows(m, newPermit: newPermit, columnDivisors: columnDivisors, scratch: ws, into: &result)
    return result
  }

  /// ``storageRows(_:newPermit:columnDivisors:scratch:)`` written over `result`'s row arrays:
  /// `result` becomes those rows (n of them, appended or removed as needed), each row array
  /// overwritten in place when it already has the capacity (kept by an empty row), allocated
  /// otherwise; so that rows handed back epoch after epoch allocate nothing in steady state.
  /// A row array shared with another array is copied by Array's mutation first (copy-on-write):
  /// the other array keeps its values. Values and their order are those of a fresh row. An
  /// empty `result` (the plain epoch) is built in place, each row array made once, without empty
  /// rows appended first.
  @usableFromInline
  static func storeRows(
    _ m: SparseRows<T>, newPermit: [Bool], columnDivisors: UnsafeMutablePointer<T.Divisor>?,
    scratch ws: EpochScratch<T>, into result: inout [[SparseEntry]]
  ) {
    let rows = m.rows
    let fresh = result.isEmpty
    if result.count > rows { result.removeLast(result.count &- rows) }
    if !fresh && result.count < rows { result.append(contentsOf: repeatElement([], count: rows &- result.count)) }
    let asWords = sparseEntryIsOneWord
    // A row's divisors gathered by column (a row has at most n entries), where the divisions
    // then vectorise.
    let gathered = asWords && columnDivisors != nil ? ws.gathered.reserve(rows) : nil
    // In fixed point a row's quotients are taken first, in lanes of their own
    // (``EpochScalar/divide(_:by:count:into:)``), into this row buffer.
    let quotients = gathered != nil && !T.dividesInLanes ? ws.rowC.reserve(rows) : nil
    let c = m.col
    let v = m.val
    // Entries lower..<upper of `m` into `buffer` (their count), every entry written.
    @inline(__always) func write(_ buffer: UnsafeMutableBufferPointer<SparseEntry>, _ lower: Int, _ upper: Int) {
      let out = buffer.baseAddress! - lower
      if let d = columnDivisors {
        if let g = gathered, let q = quotients {
          let cv = c
          m.forEachRun(
            from: lower, to: upper,
            run: { k, end in T.divide(v + k, by: d + Int(cv[k]), count: end &- k, into: q + (k &- lower)) },
            rest: { k, end in
              for e in 0..<(end &- k) { (g + e).initialize(to: d[Int(cv[k &+ e])]) }
              T.divide(v + k, by: g, count: end &- k, into: q + (k &- lower))
            })
          writeWords(buffer, columns: c + lower, count: upper &- lower) { q[$0].u16Proportion }
          return
        }
        if let g = gathered {
          // The divisors first, then the quotients as words in a loop that vectorises; runs of
          // consecutive columns read their divisors in place.
          let cv = c
          m.forEachRun(
            from: lower, to: upper,
            run: { k, end in
              let vv = v + k
              let dd = d + Int(cv[k])
              writeWords(UnsafeMutableBufferPointer(rebasing: buffer[(k &- lower)...]), columns: cv + k, count: end &- k) {
                T.divide(vv[$0], by: dd[$0]).u16Proportion
              }
            },
            rest: { k, end in
              let vv = v + k
              for e in 0..<(end &- k) { (g + e).initialize(to: d[Int(cv[k &+ e])]) }
              writeWords(UnsafeMutableBufferPointer(rebasing: buffer[(k &- lower)...]), columns: cv + k, count: end &- k) {
                T.divide(vv[$0], by: g[$0]).u16Proportion
              }
            })
          return
        }
        for k in lower..<upper {
          let j = Int(c[k])
          (out + k).initialize(to: SparseEntry(uid: j, value: T.divide(v[k], by: d[j]).u16Proportion))
        }
      } else {
        if asWords {
          let vv = v + lower
          writeWords(buffer, columns: c + lower, count: upper &- lower) { vv[$0].u16Proportion }
        } else {
          for k in lower..<upper { (out + k).initialize(to: SparseEntry(uid: Int(c[k]), value: v[k].u16Proportion)) }
        }
      }
    }
    if fresh {
      // Nothing to reuse: each row array is made once, in place (no empty rows appended first).
      result = [[SparseEntry]].filled(count: rows) { out in
        let base = out.baseAddress!
        for i in 0..<rows {
          let lower = m.start[i]
          let upper = newPermit[i] ? m.start[i + 1] : lower
          let count = upper &- lower
          (base + i).initialize(to: count == 0 ? [] : [SparseEntry].filled(count: count) { write($0, lower, upper) })
        }
      }
      return
    }
    for i in 0..<rows {
      let lower = m.start[i]
      let upper = newPermit[i] ? m.start[i + 1] : lower
      let count = upper &- lower
      if count == 0 {
        if !result[i].isEmpty { result[i].removeAll(keepingCapacity: true) }
        continue
      }
      if result[i].capacity < count {
        result[i] = [SparseEntry].filled(count: count) { write($0, lower, upper) }
        continue
      }
      // Resized within its capacity (entries written below), then overwritten in place.
      let had = result[i].count
      if had > count { result[i].removeLast(had &- count) }
      if had < count { result[i].append(contentsOf: repeatElement(SparseEntry(uid: 0, value: 0), count: count &- had)) }
      result[i].withUnsafeMutableBufferPointer { write($0, lower, upper) }
    }
  }
}

/// Whether a stored entry is one 32-bit word with its column in the low 16 bits and its value
/// in the 16 above: 4 bytes apart, no padding, the u16 value at offset 2 (so the Int16 column at
/// 0), little-endian. Then a row of entries can be read and written as words. Found once.
@usableFromInline let sparseEntryIsOneWord =
  MemoryLayout<SparseEntry>.stride == 4 && MemoryLayout<SparseEntry>.size == 4
  && MemoryLayout<SparseEntry>.offset(of: \SparseEntry.value) == 2 && UInt32(1).littleEndian == 1

/// A stored u16 proportion read back as p/65535 (spec §5.3 storage), with the division by 65 535
/// prepared once (bit-identical to ``EpochScalar/proportion(u16:)``).
@usableFromInline
struct U16Proportion<T: EpochScalar> {
  @usableFromInline let d: T.Divisor
  @inlinable init() { d = T.divisor(T.integer(65_535)) }
  @inlinable @inline(__always) func value(_ p: UInt16) -> T { T.proportion(u16: p, by: d) }
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
  @inlinable @inline(__always)
  func rate(consensus c: T, weight w: T, bond b: T) -> T {
    rate(exponential: T.clampedExp(exponent(consensus: c, weight: w, bond: b)))
  }

  /// The sigmoid's exponent −k/100·(d − ½), d the buy-side or sell-side difference.
  @inlinable @inline(__always)
  func exponent(consensus c: T, weight w: T, bond b: T) -> T {
    let buy = min(max(w - c, .zero), .one)
    let sell = min(max(b - w, .zero), .one)
    let d = w >= b ? buy : sell
    return factor * (d - half)
  }

  /// The rate from the exponential of ``exponent(consensus:weight:bond:)`` (``EpochScalar/clampedExp(_:)``).
  @inlinable @inline(__always)
  func rate(exponential e: T) -> T {
    let sigma = T.safeDiv(.one, .one + e)
    let alpha = low + sigma * (high - low)
    return alpha < low ? low : (alpha > high ? high : alpha)
  }
}
