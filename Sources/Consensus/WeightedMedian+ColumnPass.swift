extension WeightedMedian {
  /// One call's column consensus (spec §4.2): the participants' stakes, Σu and the minority, the
  /// sparse rows with a cursor per participant, and the quickselect's block buffers. The
  /// columns are visited in ascending order, each participant row advancing with them.
  @usableFromInline
  struct ColumnPass {
    @usableFromInline let w: SparseRows<T>
    /// Columns (UIDs).
    @usableFromInline let n: Int
    /// Participants: the rows with positive active stake.
    @usableFromInline let p: Int
    /// Participant stakes, re-normalised.
    @usableFromInline let u: UnsafeMutablePointer<T>
    /// Σu in participant order.
    @usableFromInline let total: T
    /// m = Σu − κ.
    @usableFromInline let minority: T
    /// The next entry of each participant's row (offsets into `w.col` / `w.val`).
    @usableFromInline let cursor: UnsafeMutablePointer<Int>
    /// The end of each participant's row.
    @usableFromInline let rowEnd: UnsafeMutablePointer<Int>
    @usableFromInline let result: UnsafeMutablePointer<T>
    /// Columns per quickselect block: the block's column-major copy stays in L1/L2.
    @usableFromInline let blockWidth: Int
    @usableFromInline let pairs: UnsafeMutablePointer<ScoredStake<T>>
    @usableFromInline let spare: UnsafeMutablePointer<ScoredStake<T>>
    /// Entries gathered so far per column of the block (0 between blocks).
    @usableFromInline let fill: UnsafeMutablePointer<Int>
    /// What the lanes did in this call (``MedianScratch/laneCounts``).
    @usableFromInline let counts: UnsafeMutablePointer<Int>
    /// The previous medians' rows to probe first and to update, if kept (``ConsensusHint``).
    @usableFromInline let hint: HintedRows?

    @inlinable
    init(
      weights w: SparseRows<T>, columns n: Int, participants p: Int, stake u: UnsafeMutablePointer<T>,
      total: T, minority: T, cursor: UnsafeMutablePointer<Int>, rowEnd: UnsafeMutablePointer<Int>,
      result: UnsafeMutablePointer<T>, hint: HintedRows? = nil, scratch: inout MedianScratch<T>
    ) {
      self.hint = hint
      self.w = w
      self.n = n
      self.p = p
      self.u = u
      self.total = total
      self.minority = minority
      self.cursor = cursor
      self.rowEnd = rowEnd
      self.result = result
      blockWidth = max(1, min(n, max(4, (1 << 11) / p)))
      pairs = scratch.pairs.reserve(blockWidth * p)
      spare = scratch.spare.reserve(p + 1)
      fill = scratch.fill.reserve(blockWidth)
      fill.initialize(repeating: 0, count: blockWidth)
      counts = scratch.laneCounts.reserve(MedianScratch<T>.countSlots)
      counts.initialize(repeating: 0, count: MedianScratch<T>.countSlots)
    }

    /// The quickselect on columns `from..<to` (the cursors at column `from`): each block of
    /// columns is gathered column-major (participant pairs of score and stake; each participant
    /// row is read sequentially and each column gets at most one entry per participant, so slot
    /// (c, k) = c·P + k needs no counting pass), then ``select(_:count:spare:anyAbsent:total:minority:)``
    /// runs per column.
    @inlinable
    func quickselectBlocks(from first: Int, to last: Int) {
      let wc = w.col
      let wv = w.val
      var j0 = first
      while j0 < last {
        let j1 = min(last, j0 + blockWidth)
        let limit = Int32(truncatingIfNeeded: j1)
        for q in 0..<p {
          let uq = u[q]
          var k = cursor[q]
          let kEnd = rowEnd[q]
          while k < kEnd && wc[k] < limit {
            let c = Int(wc[k]) &- j0
            let f = fill[c]
            precondition(f < p, "weight rows must hold distinct, sorted columns")
            let slot = c &* p &+ f
            pairs[slot] = ScoredStake(score: wv[k], stake: uq)
            fill[c] = f &+ 1
            k &+= 1
          }
          cursor[q] = k
        }
        for c in 0..<(j1 - j0) {
          let lower = c * p
          let present = fill[c]
          result[j0 + c] = select(
            pairs + lower, count: present, spare: spare,
            anyAbsent: present < p, total: total, minority: minority)
          fill[c] = 0
        }
        j0 = j1
      }
    }
  }
}
