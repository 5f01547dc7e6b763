import EpochTypes

/// The production (sparse) epoch of spec §3–§6, written once for both arithmetics.
///
/// Every step names its spec section. Sums are exact in fixed point (so order never matters
/// there); in `Double` they run in UID order. Rows are validators, columns are UIDs. All working
/// vectors and matrices live in the thread's ``EpochScratch`` (flat compressed rows, reused from
/// one epoch to the next); only the outputs are allocated.
@usableFromInline
enum EpochEngine<T: EpochScalar> {

  /// Runs one epoch on validated inputs (spec §3 outline steps 1–12) with its stored bond rows in
  /// `rows`: with `reusing`, `rows` holds the stored bonds (`state.bonds` is not read) and, once every read of them is done, is overwritten with the
  /// new rows (``storeRows(_:newPermit:columnDivisors:scratch:into:)``, its row arrays reused);
  /// without, the stored bonds are `state.bonds` and the new rows are written into `rows` (empty
  /// on entry). Either way the output's rows are `rows` on return (with `storingBonds`); on a
  /// throw `rows` is unchanged. `hint`, n entries if given, is a ``ConsensusHint``'s rows (read
  /// and updated by the consensus; it changes no output); `memo` keeps W, W̃ and the median's layout between a subnet's
  /// epochs (``WeightMatrixMemo``; it changes no output either).
  @usableFromInline
  static func run(
    _ state: SubnetEpochState, hp: EpochHyperparameters, block: Int64, tempo: Int64, emission: UInt64,
    storingBonds: Bool, bonds rows: inout [[SparseEntry]], reusing: Bool, hint: UnsafeMutablePointer<Int32>? = nil,
    memo: WeightMatrixMemo? = nil
  ) throws -> EpochOutput {
    let n = state.n
    var out = EpochOutput(n: 0)
    if n == 0 { return out }
    let ws = EpochWorkspace.current.scratch(T.self)
    let owner: Int = {
      if let o = state.ownerUID, o >= 0, o < n { return o }
      return -1
    }()

    // 1. Activity (spec §3.1): inactive ⇔ LU + cutoff < block.
    let cutoff = hp.activityCutoffBlocks
    // (Written into the new array in place: `map` appends element by element.)
    let active = state.lastUpdate.withUnsafeBufferPointer { lastUpdate in
      [Bool].filled(count: lastUpdate.count) { flags in
        for i in 0..<lastUpdate.count {
          let (sum, overflow) = lastUpdate[i].addingReportingOverflow(cutoff)
          flags[i] = overflow || !(sum < block)
        }
      }
    }
    out.active = active

    // 2. Stake weights with threshold (spec §3.2).
    let stakeWeights = ws.stakeWeights.reserve(n)
    fillStakeWeights(state, hp: hp, owner: owner, into: stakeWeights)
    let s = ws.s.reserve(n)
    I32F32.stakeShares(stakeWeights, count: n, into: s, as: T.self)

    // 3. Permits (spec §3.3): P^old used by this epoch, P' stored for the next.
    let oldPermit = ws.oldPermit.reserve(n)
    state.validatorPermit.withUnsafeBufferPointer { oldPermit.initialize(from: $0.baseAddress!, count: n) }
    var newPermit = topKNonZero(
      UnsafeBufferPointer(start: s, count: n), k: hp.maxAllowedValidators, order: &ws.order,
      previous: UnsafeBufferPointer(start: oldPermit, count: n), owner: owner)
    if owner >= 0 {
      newPermit[owner] = true
      oldPermit[owner] = true
    }

    // 4. Active stake (spec §3.4).
    let a = ws.a.reserve(n)
    for i in 0..<n { a[i] = active[i] && oldPermit[i] ? s[i] : .zero }
    normalize(a, n)

    // 5. Weight matrix (spec §3.5 steps 1–6).
    // A subnet's memo keeps W, W̃ and the median's layout between its epochs (``WeightMatrixMemo``).
    let kept = memo?.store(T.self)
    let w =
      try kept.map { try weightMatrix(state, oldPermit: oldPermit, owner: owner, commitReveal: hp.commitReveal, kept: $0) }
      ?? weightMatrix(state, oldPermit: oldPermit, owner: owner, commitReveal: hp.commitReveal, scratch: ws)
    if let memo, let kept {
      if kept.reusedNow { memo.reused += 1 } else { memo.built += 1 }
      if kept.copiedNow { memo.partlyReused += 1 }
      if kept.inPlaceNow { memo.builtInPlace += 1 }
    }

    // 6. Consensus (spec §4.1, §4.2).
    let kappa = T.fraction65535(hp.kappa)
    let consensus = ws.consensus.reserve(n)
    WeightedMedian<T>.columns(
      stake: a, weights: w, columns: n, kappa: kappa, into: consensus, scratch: &ws.median, hint: hint,
      layout: kept?.lanes)

    // 7.–9. Clipping, validator trust, ranks and incentive (spec §4.3, §4.4), and in the same
    // pass the weights for bonds W̃ = W + β(W̄ − W) (spec §5.1).
    let trust = ws.trust.reserve(n)
    let ranks = ws.ranks.reserve(n)
    let beta = T.fraction65535(hp.bondsPenalty)
    // Yuma 2 with 0 < β < 1 builds ΔB = W̃ᵢⱼ·aᵢ and its column sums in the same pass as W̃.
    let scaledInPlace = !hp.yuma3 && beta != .zero && beta != .one
    let deltaSums = ws.deltaSums.reserve(n)
    // With β = 1 a memo keeps W̃ and the trust, which depend on W and the consensus only: an
    // epoch that reused W at the same consensus computes just the ranks (``ranks(of:stake:into:)``).
    let keptClip = beta == .one ? kept : nil
    if beta != .one { kept?.barValid = false }
    let bondWeights: SparseRows<T>
    if let kept = keptClip, kept.clipMatches(consensus: consensus) {
      trust.update(from: kept.trust.base, count: n)
      bondWeights = kept.bar
      Self.ranks(of: bondWeights, stake: a, into: ranks)
      memo?.clipReused += 1
    } else {
      bondWeights = clip(
        w, consensus: consensus, stake: a, trust: trust, ranks: ranks, beta: beta, scaled: scaledInPlace,
        columnSums: deltaSums, scratch: ws, into: keptClip)
      keptClip?.recordClip(consensus: consensus, trust: trust)
    }
    let incentive = ws.incentive.reserve(n)
    incentive.update(from: ranks, count: n)
    normalize(incentive, n)

    // 10. Bonds and dividends (spec §5.2–§5.4).
    let lastTempo: Int64 =
      state.lastMechanismStepBlock != 0 ? state.lastMechanismStepBlock &+ 1 : max(0, block &- tempo)
    let dividends = ws.dividends.reserve(n)
    // The bond passes check each stored row as they first read it; a row that is not clean (only
    // hand-built states have one) sends the epoch through `cleanBondRows` and the passes again.
    func bonds(_ stored: [[SparseEntry]]) -> SparseRows<T>? {
      if hp.yuma3 {
        return yuma3Bonds(
          state, stored: stored, hp: hp, lastTempo: lastTempo, bondWeights: bondWeights, consensus: consensus,
          incentive: incentive, stake: a, dividends: dividends, scratch: ws)
      }
      // With β = 1, W̃ is W̄ without its clip-removed entries (whose clipped value is 0), so ΔB's
      // column sums Σᵢ W̄ᵢⱼ·aᵢ are the ranks: the same products added in the same row order
      // (rows with aᵢ = 0 and removed entries add +0, which changes no sum).
      return yuma2Bonds(
        state, stored: stored, hp: hp, lastTempo: lastTempo, bondWeights: bondWeights,
        scaledSums: scaledInPlace ? deltaSums : nil, ranks: beta == .one ? ranks : nil, incentive: incentive,
        stake: a, dividends: dividends, scratch: ws)
    }
    let merged =
      reusing
      ? try bonds(rows) ?? bonds(cleanBondRows(rows)) : try bonds(state.bonds) ?? bonds(cleanBondRows(state.bonds))
    guard let ema = merged else { preconditionFailure("clean bond rows always merge") }
    normalize(dividends, n)

    // 11. Emission split and fallbacks (spec §6).
    splitEmission(
      incentive: incentive, dividends: dividends, activeStake: a, stake: s, count: n, amount: emission,
      scratch: ws, into: &out)

    // 12. Stored vectors, permits and bonds (spec §5.5, §6).
    out.consensus = map(consensus, n) { $0.u16Proportion }
    out.incentive = map(incentive, n) { $0.u16Proportion }
    out.dividends = map(dividends, n) { $0.u16Proportion }
    out.validatorTrust = map(trust, n) { $0.u16Proportion }
    out.stakeWeight = map(s, n) { $0.u16Proportion }
    out.incentiveShare = map(incentive, n) { $0.doubleValue }
    out.dividendShare = map(dividends, n) { $0.doubleValue }
    out.validatorPermit = newPermit
    // The stored rows are read for the last time above: overwritten now.
    if storingBonds {
      storeRows(ema, newPermit: newPermit, columnDivisors: hp.yuma3 ? nil : ws.divisorsB.base, scratch: ws, into: &rows)
      out.bonds = rows
    } else {
      out.bonds = Array(repeating: [], count: n)
    }
    return out
  }

  // MARK: - Vectors

  /// `transform` applied to `v[0..<n]`, as a new array.
  @inlinable @inline(__always)
  static func map<R>(_ v: UnsafeMutablePointer<T>, _ n: Int, _ transform: (T) -> R) -> [R] {
    [R].filled(count: n) { buffer in
      for i in 0..<n { (buffer.baseAddress! + i).initialize(to: transform(v[i])) }
    }
  }

  /// Normalises a non-negative vector to sum 1; an all-zero vector stays unchanged (spec §0.3).
  @inlinable
  static func normalize(_ v: inout [T]) {
    let n = v.count
    v.withUnsafeMutableBufferPointer { p in
      guard let base = p.baseAddress else { return }
      normalize(base, n)
    }
  }

  /// ``normalize(_:)`` on `v[0..<n]`: the sum in index order, then one division per entry.
  @inlinable
  static func normalize(_ v: UnsafeMutablePointer<T>, _ n: Int) {
    var sum = T.zero
    for i in 0..<n { sum = sum + v[i] }
    if !(sum > .zero) { return }
    let d = T.divisor(sum)
    for i in 0..<n { v[i] = T.divide(v[i], by: d) }
  }

  /// S̃ᵢ = αᵢ + τ·tᵢ in units of 2⁻³², zeroed below the stake threshold except for the owner
  /// (spec §3.2). τ = TaoWeight/(2⁶⁴−1) is a U96F32 quotient, so τ·t has 32 fractional bits.
  @usableFromInline
  static func fillStakeWeights(
    _ state: SubnetEpochState, hp: EpochHyperparameters, owner: Int, into result: UnsafeMutablePointer<Wide128>
  ) {
    let n = state.n
    let tauRaw = taoWeightRaw(hp.taoWeight)
    let threshold = Wide128(hi: 0, lo: hp.stakeThreshold)
    state.alphaStake.withUnsafeBufferPointer { alphaStake in
      state.rootStake.withUnsafeBufferPointer { rootStake in
        for i in 0..<n {
          let alpha = alphaStake[i]
          var x = Wide128(hi: alpha >> 32, lo: alpha << 32)
          let root = rootStake[i]
          if root != 0 && tauRaw != 0 { x = x + Wide128.product(root, tauRaw) }
          if i != owner && x.shiftedRight(32) < threshold { x = Wide128(hi: 0, lo: 0) }
          result[i] = x
        }
      }
    }
  }

  /// τ in U96F32 raw form: ⌊TaoWeight · 2³² / (2⁶⁴ − 1)⌋ (spec §3.2).
  @inlinable
  static func taoWeightRaw(_ taoWeight: UInt64) -> UInt64 {
    UInt64.max.dividingFullWidth((high: taoWeight >> 32, low: taoWeight << 32)).quotient
  }

  /// Top-K non-zero (spec §3.3): start from sᵢ ≠ 0; if n ≥ K, a stable ascending sort by s drops
  /// the first n − K (among equal stakes the lower UID loses). The dropped set is the n − K
  /// lowest under the total order (s, UID), found by selection (``selectLowest(_:count:in:)``)
  /// instead of a sort: the same set, in expected O(n). `order` is scratch for the selection.
  ///
  /// With `previous` (the permits the last epoch stored, P^old, the owner's included) the
  /// selection is skipped when those permits, or those without the owner's, are still the
  /// result: K UIDs whose lowest (s, UID) is above the highest of the rest (one pass; the K
  /// highest of a total order are unique, and with more than K non-zero stakes all of them are
  /// non-zero).
  @usableFromInline
  static func topKNonZero(
    _ s: UnsafeBufferPointer<T>, k: Int, order scratch: inout ScratchBuffer<Int>,
    previous: UnsafeBufferPointer<Bool>? = nil, owner: Int = -1
  ) -> [Bool] {
    let n = s.count
    var result = [Bool](repeating: false, count: n)
    var nonZero = 0
    for i in 0..<n where s[i] != .zero {
      result[i] = true
      nonZero += 1
    }
    if n < k { return result }
    let drop = n - max(k, 0)
    // Zeros sort first (stakes are ≥ 0) and are already false; drop the remaining lowest.
    let zeros = n - nonZero
    if drop <= zeros { return result }
    if let previous, previous.count == n, let excluded = previousPermitsStillHighest(s, k: k, previous: previous, owner: owner) {
      for i in 0..<n { result[i] = previous[i] && i != excluded }
      return result
    }
    let order = UnsafeMutableBufferPointer(start: scratch.reserve(nonZero), count: nonZero)
    var count = 0
    for i in 0..<n where s[i] != .zero {
      order[count] = i
      count += 1
    }
    let lowest = drop - zeros
    selectLowest(s, count: lowest, in: order)
    for idx in order.prefix(lowest) { result[idx] = false }
    return result
  }

  /// Whether the UIDs holding `previous` permits (all of them, or all but the owner's when they
  /// are K + 1 with the owner among them) are exactly K and each is above every other UID under
  /// (s, UID); then they are the K highest. Returns the UID left out (−1 for none), or nil.
  @inlinable
  static func previousPermitsStillHighest(
    _ s: UnsafeBufferPointer<T>, k: Int, previous: UnsafeBufferPointer<Bool>, owner: Int
  ) -> Int? {
    let n = s.count
    var members = 0
    for i in 0..<n { members &+= Int(bit: previous[i]) }
    var excluded = -1
    if members == k &+ 1 && owner >= 0 && owner < n && previous[owner] {
      excluded = owner
      members = k
    }
    guard members == k, k > 0 else { return nil }
    // The lowest member and the highest other UID (ties in s go to the higher UID).
    var lowest = -1
    var highest = -1
    for i in 0..<n {
      if previous[i] && i != excluded {
        if lowest < 0 || s[i] < s[lowest] { lowest = i }
      } else if highest < 0 || s[i] >= s[highest] {
        highest = i
      }
    }
    guard lowest >= 0, highest >= 0, s[lowest] != .zero else { return nil }
    let above = s[lowest] > s[highest] || (s[lowest] == s[highest] && lowest > highest)
    return above ? excluded : nil
  }

  /// Rearranges the UIDs in `order` so that its first `m` are the `m` lowest under the total
  /// order (s, UID) — s ascending, the lower UID first among equal s — in no particular order
  /// among themselves (Hoare partitions around a median of three, then the side holding the
  /// boundary; keys are distinct, so the set is unique). Expected O(count), no allocation.
  @inlinable
  static func selectLowest(_ s: UnsafeBufferPointer<T>, count m: Int, in order: UnsafeMutableBufferPointer<Int>) {
    @inline(__always) func less(_ x: Int, _ y: Int) -> Bool {
      let a = s[x]
      let b = s[y]
      return a != b ? a < b : x < y
    }
    var lower = 0
    var upper = order.count - 1
    let target = m - 1  // the boundary: order[0...target] must be the lowest m
    if target < 0 || target >= upper { return }
    while lower < upper {
      let middle = lower + (upper - lower) / 2
      // Median of three as the pivot.
      if less(order[middle], order[lower]) { order.swapAt(middle, lower) }
      if less(order[upper], order[lower]) { order.swapAt(upper, lower) }
      if less(order[upper], order[middle]) { order.swapAt(upper, middle) }
      let pivot = order[middle]
      var i = lower
      var j = upper
      while i <= j {
        while less(order[i], pivot) { i += 1 }
        while less(pivot, order[j]) { j -= 1 }
        if i <= j {
          order.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      // Now order[lower...j] ≤ pivot ≤ order[i...upper], and anything between equals the pivot.
      if target <= j {
        upper = j
      } else if target >= i {
        lower = i
      } else {
        return
      }
    }
  }

  // MARK: - Weights

  /// The epoch weight matrix W (spec §3.5): stored u16 values read as integers, rows of UIDs
  /// without P^old dropped, the diagonal dropped except for the owner, outdated entries
  /// (LUᵢ ≤ Rⱼ) and, with commit-reveal, entries with CBᵢ < Rⱼ dropped; rows normalised.
  @usableFromInline
  static func weightMatrix(
    _ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool,
    scratch ws: EpochScratch<T>
  ) throws -> SparseRows<T> {
    try weightMatrix(
      state, oldPermit: oldPermit, owner: owner, commitReveal: commitReveal, start: &ws.wStart, col: &ws.wCol,
      val: &ws.wVal)
  }

  /// ``weightMatrix(_:oldPermit:owner:commitReveal:scratch:)`` through a subnet's memo: the kept W
  /// when its inputs are unchanged (``KeptWeightMatrix/reusedNow``), else W built into the memo's
  /// buffers and its inputs recorded (``WeightMatrixMemo``); the same matrix either way.
  static func weightMatrix(
    _ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool,
    kept: KeptWeightMatrix<T>
  ) throws -> SparseRows<T> {
    let reuse = kept.compare(state, oldPermit: oldPermit, owner: owner, commitReveal: commitReveal)
    if reuse == .all {
      kept.reusedNow = true
      kept.copiedNow = false
      kept.inPlaceNow = false
      return kept.matrix
    }
    kept.reusedNow = false
    kept.copiedNow = reuse == .rows
    kept.inPlaceNow = false
    kept.barValid = false
    kept.lanes.valid = false
    let w: SparseRows<T>
    if reuse == .rows && kept.onlyPrefixKept
      && entryBound(state, oldPermit: oldPermit) <= min(kept.col.capacity, kept.val.capacity)
    {
      // Every row kept lies in the unchanged first rows: they stay where they are, and the rest
      // is built after them in the kept buffers themselves.
      kept.valid = false
      w = try weightMatrix(
        state, oldPermit: oldPermit, owner: owner, commitReveal: commitReveal, start: &kept.start, col: &kept.col,
        val: &kept.val, keepingFirst: kept.unchangedPrefix)
      kept.inPlaceNow = true
    } else if reuse == .rows {
      // The unchanged rows copied from the kept W into the spare buffers, which become the kept ones.
      let previous = kept.matrix
      kept.valid = false
      w = try weightMatrix(
        state, oldPermit: oldPermit, owner: owner, commitReveal: commitReveal, start: &kept.spareStart,
        col: &kept.spareCol, val: &kept.spareVal, copying: (previous, UnsafePointer(kept.sameRow.base)))
      kept.swapSpare()
    } else {
      kept.valid = false
      w = try weightMatrix(
        state, oldPermit: oldPermit, owner: owner, commitReveal: commitReveal, start: &kept.start, col: &kept.col,
        val: &kept.val)
    }
    kept.record(state, oldPermit: oldPermit, owner: owner, commitReveal: commitReveal)
    return w
  }

  /// Row i's mask limit (spec §3.5 steps 3–4): entry (i, j) is kept iff Rⱼ < min(LUᵢ, CBᵢ + 1),
  /// CBᵢ counted only with commit-reveal (LUᵢ alone without a commit).
  @inline(__always)
  static func maskLimit(_ state: SubnetEpochState, row i: Int, commitReveal: Bool) -> Int64 {
    let lu = state.lastUpdate[i]
    let cb: Int64 = commitReveal ? (state.earliestCommitBlock[i] ?? .max) : .max
    return cb == .max ? lu : min(lu, cb &+ 1)
  }

  /// The most entries W can have: the permitted rows' stored entries.
  static func entryBound(_ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>) -> Int {
    var total = 0
    for i in 0..<state.n where oldPermit[i] { total &+= state.weights[i].count }
    return total
  }

  /// W built into the given buffers; with `copying`, each row i it marks is copied from its
  /// matrix (the W row those inputs gave before, ``KeptWeightMatrix/compare(_:oldPermit:owner:commitReveal:)``)
  /// instead of being built again. With `keepingFirst` r > 0 the buffers already hold rows
  /// 0..<r of this W (and room for all of it, ``entryBound(_:oldPermit:)``): only the rows from
  /// r on are built.
  static func weightMatrix(
    _ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool,
    start startBuffer: inout ScratchBuffer<Int>, col colBuffer: inout ScratchBuffer<Int32>,
    val valBuffer: inout ScratchBuffer<T>, copying: (matrix: SparseRows<T>, rows: UnsafePointer<Bool>)? = nil,
    keepingFirst firstRow: Int = 0
  ) throws -> SparseRows<T> {
    let n = state.n
    let rows = state.weights
    let total = entryBound(state, oldPermit: oldPermit)
    precondition(firstRow == 0 || (total <= colBuffer.capacity && total <= valBuffer.capacity && n < startBuffer.capacity))
    let start = startBuffer.reserve(n + 1)
    let cp = colBuffer.reserve(total)
    let vp = valBuffer.reserve(total)
    var badRow = -1
    var badUID = 0
    var count = firstRow > 0 ? start[firstRow] : 0
    state.registrationBlock.withUnsafeBufferPointer { registration in
      // A row whose limit exceeds every registration block masks no column (spec §3.5).
      var latestRegistration = Int64.min
      for r in registration { latestRegistration = max(latestRegistration, r) }
      for i in firstRow..<n {
        start[i] = count
        if !oldPermit[i] { continue }
        if let (previous, same) = copying, same[i] {
          let from = previous.start[i]
          let length = previous.start[i + 1] &- from
          (cp + count).update(from: previous.col + from, count: length)
          (vp + count).update(from: previous.val + from, count: length)
          count &+= length
          continue
        }
        let rowStart = count
        var sorted = true
        // Keep (i, j) iff LUᵢ > Rⱼ (outdated mask) and CBᵢ ≥ Rⱼ (commit-reveal mask).
        let lu = state.lastUpdate[i]
        let cb: Int64 = commitReveal ? (state.earliestCommitBlock[i] ?? .max) : .max
        let selfColumn = i != owner ? i : -1
        var sum = T.zero
        var integerSum: Int64 = 0  // the row's values' exact total (`sum` is its `integerTotal`)
        rows[i].withUnsafeBufferPointer { row in
          // Fast path: a row stored strictly ascending inside 0..<n (every row `setWeights`
          // stores) needs no duplicate or order check per kept entry; any other row runs the
          // general loop below from its start, so both give the same entries and errors.
          let limit = maskLimit(state, row: i, commitReveal: commitReveal)  // keep iff Rⱼ < LUᵢ and Rⱼ ≤ CBᵢ
          let fast = ascendingRow(
            row, columns: n, skipping: selfColumn, registration: registration.baseAddress!, below: limit,
            everyColumnLive: latestRegistration < limit, col: cp + count, val: vp + count)
          if let (kept, rowSum) = fast {
            count &+= kept
            sum = T.integerTotal(rowSum)
            integerSum = rowSum
            return
          }
          var c = count
          var previous = -1
          // The row sum in integers: exact, so equal to the sum of the values in column order
          // (``EpochScalar/integerTotal(_:)``).
          var rowSum: Int64 = 0
          for e in row {
            let j = e.uid
            if j < 0 {
              badRow = i
              badUID = j
              continue
            }
            if j >= n || j == selfColumn || j == previous { continue }  // j == previous: a duplicate
            let r = registration[j]
            if lu <= r || cb < r { continue }
            sorted = sorted && j > previous
            previous = j
            cp[c] = Int32(truncatingIfNeeded: j)
            vp[c] = T.integer(Int64(e.value))
            rowSum &+= Int64(e.value)
            c &+= 1
          }
          count = c
          sum = T.integerTotal(rowSum)
          integerSum = rowSum
        }
        if !sorted {
          // Re-sum in column order (the order a sorted row is summed in).
          count = sortSegment(cp, vp, from: rowStart, to: count)
          sum = .zero
          for k in rowStart..<count { sum = sum + vp[k] }
        }
        if sum > .zero {
          if sorted {
            T.divide(integers: vp + rowStart, count: count &- rowStart, total: integerSum, sum: sum)
          } else {
            let d = T.divisor(sum)
            for k in rowStart..<count { vp[k] = T.divide(vp[k], by: d) }
          }
        }
      }
    }
    if badRow >= 0 { throw EpochInputError.uidOutOfRange(field: "weights", row: badRow, uid: badUID) }
    start[n] = count
    return SparseRows(start: start, col: cp, val: vp, rows: n)
  }

  /// One stored weight row whose UIDs are strictly ascending and inside `0..<n`, masked into
  /// `col` / `val` (spec §3.5: the diagonal `skip` and every column with `registration[j] ≥
  /// limit` dropped), branch-free per entry. Returns the kept count and the integer sum of the
  /// kept values, or nil for any other row (having written nothing, or with `everyColumnLive`
  /// entries the caller's general loop then overwrites). With `everyColumnLive` (every
  /// registration block below `limit`) no column is masked and the entries are copied without
  /// reading their registrations, the order checked in the same loop, which vectorises.
  @inlinable @inline(__always)
  static func ascendingRow(
    _ row: UnsafeBufferPointer<SparseEntry>, columns n: Int, skipping skip: Int,
    registration: UnsafePointer<Int64>, below limit: Int64, everyColumnLive: Bool = false,
    col: UnsafeMutablePointer<Int32>, val: UnsafeMutablePointer<T>
  ) -> (Int, Int64)? {
    guard let e = row.baseAddress, row.count > 0 else { return (0, 0) }
    let count = row.count
    // Strictly ascending with the first UID ≥ 0 and the last < n: every UID is in 0..<n.
    if e[0].uid < 0 || e[count &- 1].uid >= n { return nil }
    // The diagonal by binary search (in a strictly ascending row): the first UID ≥ skip. On a
    // row that turns out not to be ascending it finds some index, and the row is refused below.
    var skipAt = count  // the index of the diagonal entry, if the row has one
    var low = 0
    var high = count
    while low < high {
      let middle = (low &+ high) >> 1
      if e[middle].uid < skip { low = middle &+ 1 } else { high = middle }
    }
    if low < count && e[low].uid == skip { skipAt = low }
    var c = 0
    var sum: Int64 = 0
    var disorder = 0
    if everyColumnLive {
      // Every entry kept: entry k goes to `base + k`; the order of the pairs (k − 1, k) is
      // checked in the same loop (k ≥ 1: entry 0 is copied on its own).
      @inline(__always) func copyLive(_ range: Range<Int>) {
        let base = c &- range.lowerBound
        for k in range {
          let value = Int64(e[k].value)
          let j = e[k].uid
          disorder |= Int(bit: j <= e[k &- 1].uid)
          col[base &+ k] = Int32(truncatingIfNeeded: j)
          val[base &+ k] = T.integer(value)
          sum &+= value
        }
        c &+= range.count
      }
      if skipAt > 0 {
        col[0] = Int32(truncatingIfNeeded: e[0].uid)
        val[0] = T.integer(Int64(e[0].value))
        sum = Int64(e[0].value)
        c = 1
        copyLive(1..<skipAt)
      }
      if skipAt < count {
        if skipAt > 0 { disorder |= Int(bit: e[skipAt].uid <= e[skipAt &- 1].uid) }
        copyLive(min(skipAt &+ 1, count)..<count)
      }
      return disorder == 0 ? (c, sum) : nil
    }
    for k in 1..<count {
      disorder |= Int(bit: e[k].uid <= e[k &- 1].uid)
    }
    if disorder != 0 { return nil }
    @inline(__always) func copy(_ range: Range<Int>) {
      for k in range {
        let j = e[k].uid
        let value = Int64(e[k].value)
        let keep = unsafeBitCast(registration[j] < limit, to: UInt8.self)
        col[c] = Int32(truncatingIfNeeded: j)
        val[c] = T.integer(value)
        sum &+= value & (0 &- Int64(keep))
        c &+= Int(keep)
      }
    }
    copy(0..<skipAt)
    copy(min(skipAt &+ 1, count)..<count)
    return (c, sum)
  }

  /// Sorts entries `lower..<upper` by column (rows arrive sorted unless stored out of order)
  /// and drops repeated columns, keeping the first stored entry (the chain rejects duplicate
  /// UIDs, so this only guards hand-built states). Returns the new end of the row.
  @usableFromInline
  static func sortSegment(
    _ col: UnsafeMutablePointer<Int32>, _ val: UnsafeMutablePointer<T>, from lower: Int, to upper: Int
  ) -> Int {
    var pairs: [(Int32, Int, T)] = []
    pairs.reserveCapacity(upper - lower)
    for k in lower..<upper { pairs.append((col[k], k, val[k])) }
    pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    var out = lower
    for pair in pairs where out == lower || col[out - 1] != pair.0 {
      col[out] = pair.0
      val[out] = pair.2
      out += 1
    }
    return out
  }

  /// Clipping W̄ = min(W, C) with removal where C = 0, validator trust (row sums of W̄) and ranks
  /// rⱼ = Σᵢ aᵢ·W̄ᵢⱼ (spec §4.3, §4.4), and in the same pass W̃ (spec §5.1), which it returns.
  ///
  /// W̃ on W's support: β = 0 → W itself (explicit zeros kept); β = 1 → W̄ without its
  /// clip-removed entries; otherwise W + β(W̄ − W) kept only where > 0. With `scaled` (only for
  /// 0 < β < 1) the values are ΔBᵢⱼ = W̃ᵢⱼ·aᵢ instead (spec §5.2 step 2, what ``rowScaled``
  /// gives: the same product of the same W̃ value) and `columnSums` receives their column sums.
  /// Every sum runs row by row, in entry order within a row (ranks, trust, ΔB sums; entries not
  /// kept add +0, which changes no sum). W̄ and its keep mask live only in registers.
  @usableFromInline
  static func clip(
    _ w: SparseRows<T>, consensus c: UnsafeMutablePointer<T>, stake a: UnsafeMutablePointer<T>,
    trust: UnsafeMutablePointer<T>, ranks r: UnsafeMutablePointer<T>, beta: T, scaled: Bool,
    columnSums sums: UnsafeMutablePointer<T>, scratch ws: EpochScratch<T>, into kept: KeptWeightMatrix<T>? = nil
  ) -> SparseRows<T> {
    let rows = w.rows
    let col = w.col
    let val = w.val
    r.initialize(repeating: .zero, count: rows)
    let none = beta == .zero
    let exact = beta == .one
    let scaledValues = scaled && !none && !exact
    if scaledValues { sums.initialize(repeating: .zero, count: rows) }
    // W̃ into the memo's buffers when it keeps them, else into the scratch (β = 0: W itself).
    let start = none ? w.start : kept?.barStart.reserve(rows + 1) ?? ws.bwStart.reserve(rows + 1)
    let cp = none ? w.col : kept?.barCol.reserve(w.count) ?? ws.bwCol.reserve(w.count)
    let vp = none ? w.val : kept?.barVal.reserve(w.count) ?? ws.bwVal.reserve(w.count)
    var count = 0
    // One row: W̄ = min(W, C), branch-free; an entry above a zero consensus is removed (its
    // clipped value is then 0). `mode`: 0 no W̃ (β = 0), 1 W̄ (β = 1), 2 W̃, 3 ΔB.
    // With `clipped`, each W̄ value is also written there at its entry's position.
    @inline(__always) func row(
      _ lower: Int, _ upper: Int, _ ai: T, ranked: Bool, mode: Int, clipped: UnsafeMutablePointer<T>? = nil
    ) -> T {
      var vt = T.zero
      for k in lower..<upper {
        let j = Int(col[k])
        let cj = c[j]
        let x = val[k]
        let clippedValue = min(x, cj)
        clipped?[k] = clippedValue
        vt = vt + clippedValue
        if ranked { r[j] = r[j] + ai * clippedValue }
        if mode == 0 { continue }
        let kept = x <= cj || cj > .zero
        if mode == 1 {
          cp[count] = col[k]
          vp[count] = clippedValue
          count &+= Int(bit: kept)
          continue
        }
        let v = x + beta * (T.masked(clippedValue, kept) - x)
        let present = v > .zero
        cp[count] = col[k]
        if mode == 2 {
          vp[count] = v
        } else {
          let y = v * ai
          vp[count] = y
          sums[j] = sums[j] + (present ? y : .zero)
        }
        count &+= Int(bit: present)
      }
      return vt
    }
    // The rows of a pass that searches rows for runs of consecutive columns
    // (``SparseRows/forEachRun(from:to:run:rest:)``): a row searched goes piece by piece,
    // `run(j, lower, length, aᵢ, ranked)` for a run of `length` entries from entry `lower` at
    // columns j, j + 1, …, and `rest(lower, upper, aᵢ, ranked)` for the pieces between; its
    // trust is summed after the pass (it is marked 1 in `searched`). Any other row goes through
    // `row(…, mode)`, entry by entry, which gives its trust (marked 0). Returns whether any row
    // was searched.
    @inline(__always) func searchingPass(
      mode: Int, searched: UnsafeMutablePointer<T>, run: (Int, Int, Int, T, Bool) -> Void,
      rest: (Int, Int, T, Bool) -> Void
    ) -> Bool {
      var any = false
      for i in 0..<rows {
        start[i] = count
        let ai = a[i]
        let ranked = ai != .zero
        let lower = w.start[i]
        let upper = w.start[i + 1]
        if !w.searchesRuns(from: lower, to: upper) {
          trust[i] =
            ranked ? row(lower, upper, ai, ranked: true, mode: mode) : row(lower, upper, ai, ranked: false, mode: mode)
          searched[i] = .zero
          continue
        }
        searched[i] = .one
        any = true
        w.forEachRun(
          from: lower, to: upper, run: { run(Int(col[$0]), $0, $1 &- $0, ai, ranked) }, rest: { rest($0, $1, ai, ranked) })
      }
      start[rows] = count
      return any
    }
    // β = 1: W̃ is W̄ without its removed entries. In a run, consensus and ranks are read in
    // place, in loops that vectorise (a run with removed entries compacts its kept ones
    // branch-free; entries outside runs go one by one), and a searched row's trust is the sum
    // of its kept W̄ values in entry order (``rowSums``, four rows side by side): a removed
    // entry's clipped value is ±0, and adding ±0 to a sum that starts at +0 changes nothing.
    @inline(__always) func exactPass(searched: UnsafeMutablePointer<T>) -> Bool {
      searchingPass(
        mode: 1, searched: searched,
        run: { j, lower, length, ai, ranked in
          let cj = c + j
          let rj = r + j
          let x = val + lower
          var removed = 0
          for e in 0..<length { removed |= Int(bit: !(x[e] <= cj[e] || cj[e] > .zero)) }
          if removed != 0 {
            // Some entries removed (x > C = 0): the ranks in place all the same (a removed
            // entry adds aᵢ·0 = +0, as entry by entry), the kept entries compacted branch-free.
            if ranked { for e in 0..<length { rj[e] = rj[e] + ai * min(x[e], cj[e]) } }
            for e in 0..<length {
              cp[count] = Int32(truncatingIfNeeded: j &+ e)
              vp[count] = min(x[e], cj[e])
              count &+= Int(bit: x[e] <= cj[e] || cj[e] > .zero)
            }
            return
          }
          let out = vp + count
          let columns = cp + count
          for e in 0..<length {
            out[e] = min(x[e], cj[e])
            columns[e] = Int32(truncatingIfNeeded: j &+ e)
          }
          if ranked { T.addProducts(rj, out, by: ai, count: length) }
          count &+= length
        },
        rest: { lower, upper, ai, ranked in
          _ = ranked ? row(lower, upper, ai, ranked: true, mode: 1) : row(lower, upper, ai, ranked: false, mode: 1)
        })
    }
    // 0 < β < 1 with ΔB (mode 3): in a run, consensus, ranks and ΔB's column sums are read in
    // place, in loops that vectorise, and every entry of the run is written; where some entry
    // is not kept (its W̃ value not > 0: a zero score, or β near 1 on a removed one), the kept
    // ones are then moved down over them, stretch by stretch. A searched row's clipped values
    // go to `clipped` at the entries' positions (`row` writes them for the pieces between
    // runs), and its trust is their sum in entry order (``rowSums``, four rows side by side: the
    // additions `vt = vt + W̄ᵢⱼ` of `row` from +0, in the same order). Every value and sum is the
    // one of the entry-by-entry pass (within a row each column is updated once, so the loops'
    // order is the row's).
    @inline(__always) func scaledPass(searched: UnsafeMutablePointer<T>, clipped: UnsafeMutablePointer<T>) -> Bool {
      // Whether each entry of a run is kept (1) or not (0), at most all of W's entries.
      // (The merge's stored-row buffer is free until the bond passes.)
      let flags = ws.rowStored.reserve(w.count)
      return searchingPass(
        mode: 3, searched: searched,
        run: { j, lower, length, ai, ranked in
          let cj = c + j
          let rj = r + j
          let sj = sums + j
          let x = val + lower
          let m = clipped + lower
          let out = vp + count
          let columns = cp + count
          // Loops of one job each over the run's contiguous operands, each vectorised: W̄, the
          // ranks, W̃ (with whether any is not kept), ΔB with its column sums, the columns.
          for e in 0..<length { m[e] = min(x[e], cj[e]) }
          if ranked { T.addProducts(rj, m, by: ai, count: length) }
          var absent = 0
          for e in 0..<length {
            let kept = x[e] <= cj[e] || cj[e] > .zero
            let v = x[e] + beta * (T.masked(m[e], kept) - x[e])
            out[e] = v
            let present = v > .zero
            flags[e] = UInt16(truncatingIfNeeded: Int(bit: present))
            absent |= Int(bit: !present)
          }
          for e in 0..<length {
            let v = out[e]
            let y = v * ai
            out[e] = y
            sj[e] = sj[e] + (v > .zero ? y : .zero)
          }
          for e in 0..<length { columns[e] = Int32(truncatingIfNeeded: j &+ e) }
          if absent == 0 {
            count &+= length
            return
          }
          // Some entry not kept: the kept ones moved down over the others, stretch by stretch
          // (the values, ranks, sums and clipped values are already in place), each stretch's
          // end found four flags at a time.
          var to = count
          var e = 0
          while e < length {
            let f = Self.nextFlag(flags, from: e, count: length, equalTo: 0)
            if to != count &+ e {
              (vp + to).update(from: out + e, count: f &- e)
              (cp + to).update(from: columns + e, count: f &- e)
            }
            to &+= f &- e
            e = Self.nextFlag(flags, from: f, count: length, equalTo: 1)
          }
          count = to
        },
        rest: { lower, upper, ai, ranked in
          _ =
            ranked
            ? row(lower, upper, ai, ranked: true, mode: 3, clipped: clipped)
            : row(lower, upper, ai, ranked: false, mode: 3, clipped: clipped)
        })
    }
    @inline(__always) func pass(mode: Int) {
      for i in 0..<rows {
        if mode != 0 { start[i] = count }
        let lower = w.start[i]
        let upper = w.start[i + 1]
        let ai = a[i]
        trust[i] =
          ai != .zero
          ? row(lower, upper, ai, ranked: true, mode: mode) : row(lower, upper, ai, ranked: false, mode: mode)
      }
      if mode != 0 { start[rows] = count }
    }
    if exact {
      // (`sums` and `emaSums` are free until the bond passes.)
      let searched = ws.sums.reserve(rows)
      let any = exactPass(searched: searched)
      let bar = SparseRows(start: start, col: cp, val: vp, rows: rows)
      if !any { return bar }
      let searchedTrust = ws.emaSums.reserve(rows)
      rowSums(bar, vp, stake: searched, into: searchedTrust)
      for i in 0..<rows where searched[i] != .zero { trust[i] = searchedTrust[i] }
      return bar
    }
    if scaledValues {
      let searched = ws.emaSums.reserve(rows)
      let clipped = ws.delta.reserve(w.count)
      if scaledPass(searched: searched, clipped: clipped) {
        let searchedTrust = ws.rowC.reserve(rows)
        rowSums(w, clipped, stake: searched, into: searchedTrust)
        for i in 0..<rows where searched[i] != .zero { trust[i] = searchedTrust[i] }
      }
      return SparseRows(start: start, col: cp, val: vp, rows: rows)
    }
    if none { pass(mode: 0) } else { pass(mode: 2) }
    return SparseRows(start: start, col: cp, val: vp, rows: rows)
  }

  /// The first index in `from..<count` whose flag (each 0 or 1) is `flag`, or `count`: four
  /// flags read as one word while none of them is.
  @inline(__always)
  static func nextFlag(_ flags: UnsafeMutablePointer<UInt16>, from start: Int, count: Int, equalTo flag: UInt16) -> Int {
    let ones: UInt64 = 0x0001_0001_0001_0001
    let raw = UnsafeRawPointer(flags)
    var k = start
    while k &+ 4 <= count {
      let word = raw.loadUnaligned(fromByteOffset: k &* 2, as: UInt64.self)
      // Bit 16·l set where lane l's flag is `flag`.
      let found = flag == 0 ? ~word & ones : word
      if found != 0 { return k &+ found.trailingZeroBitCount >> 4 }
      k &+= 4
    }
    while k < count && flags[k] != flag { k &+= 1 }
    return k
  }

  /// The ranks rⱼ = Σᵢ aᵢ·W̄ᵢⱼ (spec §4.4) from a kept W̃ = W̄ without its removed entries (β = 1):
  /// the products and additions of ``clip(_:consensus:stake:trust:ranks:beta:scaled:columnSums:scratch:into:)``,
  /// row by row in entry order (a removed entry there adds aᵢ·0 = +0, which changes no sum), runs
  /// of consecutive columns in loops that vectorise.
  static func ranks(of bar: SparseRows<T>, stake a: UnsafeMutablePointer<T>, into r: UnsafeMutablePointer<T>) {
    let rows = bar.rows
    let col = bar.col
    let val = bar.val
    r.initialize(repeating: .zero, count: rows)
    for i in 0..<rows {
      let ai = a[i]
      if ai == .zero { continue }
      bar.forEachRun(
        from: bar.start[i], to: bar.start[i + 1],
        run: { lower, upper in
          let rj = r + Int(col[lower])
          let x = val + lower
          for e in 0..<(upper &- lower) { rj[e] = rj[e] + ai * x[e] }
        },
        rest: { lower, upper in
          for k in lower..<upper {
            let j = Int(col[k])
            r[j] = r[j] + ai * val[k]
          }
        })
    }
  }

  // MARK: - Emission

  /// The epoch emission output (spec §6): srvᵢ = Iᵢ/E·R, valᵢ = Dᵢ/E·R, combinedᵢ =
  /// normalise(I + D)ᵢ·R; with E = 0 the validator and combined parts fall back to the active
  /// stake, or to the unmasked stake when no stake is active. Amounts are floored.
  @usableFromInline
  static func splitEmission(
    incentive: UnsafeMutablePointer<T>, dividends: UnsafeMutablePointer<T>, activeStake: UnsafeMutablePointer<T>,
    stake: UnsafeMutablePointer<T>, count n: Int, amount: UInt64, scratch ws: EpochScratch<T>,
    into out: inout EpochOutput
  ) {
    let combined = ws.sums.reserve(n)
    var sum = T.zero
    for i in 0..<n {
      combined[i] = incentive[i] + dividends[i]
      sum = sum + combined[i]
    }
    if sum > .zero {
      let d = T.divisor(sum)
      normalize(combined, n)
      out.minerEmission = map(incentive, n) { T.divide($0, by: d).baseUnits(of: amount) }
      out.validatorEmission = map(dividends, n) { T.divide($0, by: d).baseUnits(of: amount) }
      out.combinedEmission = map(combined, n) { $0.baseUnits(of: amount) }
    } else {
      var anyActive = false
      for i in 0..<n where activeStake[i] != .zero { anyActive = true }
      let fallback = anyActive ? activeStake : stake
      out.minerEmission = map(incentive, n) { $0.baseUnits(of: amount) }
      out.validatorEmission = map(fallback, n) { $0.baseUnits(of: amount) }
      out.combinedEmission = out.validatorEmission
    }
  }
}
