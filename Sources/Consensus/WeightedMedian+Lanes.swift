/// The column consensus of spec §4.2 with columns in SIMD lanes.
///
/// Only the columns some participant weights take part (a column nobody weights is all absent:
/// its answer is 0). Each block of 16 of them is copied into a dense participants × 16 matrix
/// (absent entries score 0), and each group of 8 columns (one `SIMD8<Double>`, two AVX2
/// registers) narrows its answers together. A first pass finds per lane the largest score, the
/// smallest positive one and H̃(0), the stake scoring 0: where H̃(0) > m the answer is 0, elsewhere
/// the lane's bracket [lo, hi] starts at the smallest positive and the largest score, with
/// L̃(lo) = H̃(0) and H̃(hi) = Σu. Each further pass probes one threshold t per lane, interpolated
/// where m sits between L̃(lo) and H̃(hi), and in one read-only sweep over the rows sums the stake
/// at or below t and finds the nearest scores on either side of it; the bracket shrinks to
/// them. A lane is done when lo = hi, with L̃(p) and H̃(p) of its answer p in hand. After
/// ``lanePasses`` passes the lanes still open go to the quickselect.
///
/// Exactness. `I32F32` runs in the lanes as the `Double` of its raw value: scores and stakes are
/// integers below 2⁵³ there (checked), so every sum is exact, the answer is the unique p with
/// L(p) ≤ m < H(p) and equals the quickselect's. In `Double` the lane sums and the quickselect's
/// sums round in different orders, so an answer is kept only if L̃(p) and H̃(p) lie farther from
/// the minority than both methods' rounding error can reach (``LaneSetting/margin``): then every
/// comparison the quickselect makes decides as in exact arithmetic and it returns the same p.
/// Otherwise the quickselect runs on the column's entries in row order, exactly as
/// ``Method/quickselect`` does, and a block with a score the lanes do not take (negative or not
/// a number; in fixed point 2⁵³ raw units or more) goes to the quickselect whole.
///
/// Cost: about five probe passes after the first (at 64 rows), each a compare, an add, a minimum,
/// a maximum and three maskings per row and four columns, read-only; the quickselect touched
/// each entry about 2.5 times and moved it.
///
/// With a ``ConsensusHint`` (a World's subnets, epoch after epoch) the first pass also tests, per
/// column, the current score of the row that held the median in the subnet's previous epoch
/// (``hintedStart(_:stride:rows:stake:setting:probe:)``): where that validator still holds it
/// (weights that are resubmitted unchanged or move together, stakes that drift) the column
/// closes without a probe pass. The answers are the same with any hint or none.
extension WeightedMedian {
  /// One lane group's vector: eight columns.
  @usableFromInline typealias Lanes = SIMD8<Double>
  /// The mask of a ``Lanes`` comparison.
  @usableFromInline typealias LaneMask = SIMDMask<SIMD8<Int64>>

  /// Columns per lane block (two lane groups).
  @inlinable static var laneBlock: Int { 16 }
  /// Probe passes a lane group makes before its open columns go to the quickselect.
  @inlinable static var lanePasses: Int { 12 }

  /// The call-wide values of the lane median in lane units (`Double`; `I32F32` as its raw value),
  /// or nil when every column must run the quickselect: a minority outside [0, Σu) (the ends of
  /// spec §4.2's closed form, cheap in the quickselect), a stake that is negative or not finite,
  /// or in fixed point a sum of stakes of 2⁵³ raw units or more (no longer exact as a `Double`).
  @usableFromInline
  struct LaneSetting {
    /// Σu, as ``ColumnPass/total``.
    @usableFromInline let total: Double
    /// m = Σu − κ, as ``ColumnPass/minority``.
    @usableFromInline let minority: Double
    /// How far L̃(p) and H̃(p) must lie from m for the answer to stand (0 in fixed point).
    ///
    /// With P participants, S = Σu and u = 2⁻⁵³: the quickselect's compared sums (a fresh Σ per
    /// side, Σu − live stake, then at most P rounds of partial sums and differences, each a few
    /// sums of at most P terms) are within (4P² + 8P + 4)·u·S of the exact L and H of its pivot;
    /// a lane sum (a sequential sum of at most P stakes, or Σu itself) is within (P + 1)·u·S of
    /// exact. The margin is twice their sum, which also covers the higher-order terms and the
    /// rounding of this bound.
    @usableFromInline let margin: Double

    @inlinable
    init?(_ pass: ColumnPass) {
      let p = pass.p
      var valid = true
      for q in 0..<p {
        let x = laneValue(pass.u[q])
        valid = valid && x >= 0 && x < .infinity
      }
      total = laneValue(pass.total)
      minority = laneValue(pass.minority)
      if T.self == Double.self {
        let terms = Double(4 * p * p + 9 * p + 5)
        margin = 2 * terms * 0x1p-53 * total
      } else {
        // Raw values below 2⁵³ are exact doubles, and so is every partial sum of stakes.
        valid = valid && total < 0x1p53
        margin = 0
      }
      if !(valid && minority >= 0 && minority < total && total < .infinity) { return nil }
    }
  }

  /// A value in lane units: the `Double` itself, or an `I32F32`'s raw integer.
  @inlinable @inline(__always)
  static func laneValue(_ x: T) -> Double {
    if T.self == Double.self { return unsafeBitCast(x, to: Double.self) }
    return Double(unsafeBitCast(x, to: I32F32.self).raw)
  }

  /// The value of lane units `x` (exact for the lanes' scores: submitted values).
  @inlinable @inline(__always)
  static func fromLane(_ x: Double) -> T {
    if T.self == Double.self { return unsafeBitCast(x, to: T.self) }
    return unsafeBitCast(I32F32(raw: Int64(x)), to: T.self)
  }

  /// 16 consecutive values in lane units.
  @inlinable @inline(__always)
  static func copyLanes(from x: UnsafePointer<T>, to row: UnsafeMutablePointer<Double>) {
    if T.self == Double.self {
      let raw = UnsafeRawPointer(x)
      let dst = UnsafeMutableRawPointer(row)
      dst.storeBytes(of: raw.loadUnaligned(as: SIMD8<Double>.self), as: SIMD8<Double>.self)
      dst.storeBytes(of: raw.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self), toByteOffset: 64, as: SIMD8<Double>.self)
    } else {
      for c in 0..<16 { row[c] = laneValue(x[c]) }
    }
  }

  /// The largest score the lanes take: sums of stakes stay exact below 2⁵³ raw units in fixed
  /// point; any finite value in `Double`.
  @inlinable static var laneLimit: Double { T.self == Double.self ? .infinity : 0x1p53 }

  /// Whether any lane of `m` is set (an OR of the mask's halves: the standard library's `any`
  /// reduces through a generic call).
  @inlinable @inline(__always)
  static func anyLane(_ m: LaneMask) -> Bool {
    let bits = unsafeBitCast(m, to: SIMD8<Int64>.self)
    let four = bits.lowHalf | bits.highHalf
    let two = four.lowHalf | four.highHalf
    return two[0] | two[1] != 0
  }

  /// Whether every lane of `x` is 0.
  @inlinable @inline(__always)
  static func allZero(_ x: SIMD8<Int32>) -> Bool {
    let four = x.lowHalf | x.highHalf
    let two = four.lowHalf | four.highHalf
    return two[0] | two[1] == 0
  }

  /// Whether every lane of `x` is 0.
  @inlinable @inline(__always)
  static func allZero(_ x: SIMD16<Int32>) -> Bool {
    let eight = x.lowHalf | x.highHalf
    let four = eight.lowHalf | eight.highHalf
    let two = four.lowHalf | four.highHalf
    return two[0] | two[1] == 0
  }

  /// The brackets of one block's lane groups.
  @usableFromInline
  struct BlockBrackets {
    @usableFromInline var groups: (LaneBracket, LaneBracket, LaneBracket, LaneBracket)

    @inlinable init() {
      let empty = LaneBracket(lo: Lanes(), hi: Lanes(), below: Lanes(), upTo: Lanes())
      groups = (empty, empty, empty, empty)
    }

    @inlinable subscript(_ g: Int) -> LaneBracket {
      get {
        switch g {
        case 0: return groups.0
        case 1: return groups.1
        case 2: return groups.2
        default: return groups.3
        }
      }
      set {
        switch g {
        case 0: groups.0 = newValue
        case 1: groups.1 = newValue
        case 2: groups.2 = newValue
        default: groups.3 = newValue
        }
      }
    }
  }

  /// The state of one lane group after its passes.
  @usableFromInline
  struct LaneBracket {
    /// The answer's lower bound (the answer, where closed).
    @usableFromInline var lo: Lanes
    /// The answer's upper bound.
    @usableFromInline var hi: Lanes
    /// L̃(lo): the stake strictly below `lo`.
    @usableFromInline var below: Lanes
    /// H̃(hi): the stake at or below `hi`.
    @usableFromInline var upTo: Lanes
    /// Probe passes made.
    @usableFromInline var passes = 0
    /// The hinted probe (``ConsensusHint``): per lane the score of the previous median's row, 0
    /// where there is none.
    @usableFromInline var probe = Lanes()

    @inlinable init(lo: Lanes, hi: Lanes, below: Lanes, upTo: Lanes) {
      self.lo = lo
      self.hi = hi
      self.below = below
      self.upTo = upTo
    }
  }
}

extension WeightedMedian.ColumnPass {
  /// Every column with an entry, by ``WeightedMedian/laneBlock``-wide blocks of them (a column no
  /// participant weights is all absent: its answer is 0, already in `result`); all columns by the
  /// quickselect when the participants' entries fill less than a third of the weighted columns.
  ///
  /// With a `layout` (``LaneLayout``) the column list and the packs are read from it when
  /// `reusing` (the same W and participants as when it was recorded), and recorded into it
  /// otherwise; the answers are the same either way.
  @inlinable
  func laneColumns(
    _ setting: WeightedMedian.LaneSetting, scratch: inout MedianScratch<T>, layout: LaneLayout? = nil,
    reusing: Bool = false
  ) {
    let width = WeightedMedian.laneBlock
    let stake = scratch.laneStake.reserve(p)
    let blockCursor = scratch.blockCursor.reserve(p)
    for q in 0..<p { stake[q] = WeightedMedian.laneValue(u[q]) }
    let reuse = layout != nil && reusing
    let order: UnsafeMutablePointer<Int32>
    let slot: UnsafeMutablePointer<Int32>
    let weighted: Int
    if let layout {
      order = layout.order.reserve(n)
      slot = layout.slot.reserve(n)
      if !reuse { layout.weighted = weightedColumns(order, slot: slot) }
      weighted = layout.weighted
    } else {
      order = scratch.laneOrder.reserve(n)
      slot = scratch.laneSlot.reserve(n)
      weighted = weightedColumns(order, slot: slot)
    }
    // Sparse rows: a lane pass reads every participant in every weighted column, the quickselect
    // only the entries, so below a third of the block filled the quickselect is cheaper.
    var entries = 0
    for q in 0..<p { entries &+= rowEnd[q] &- cursor[q] }
    if 3 &* entries < p &* weighted {
      counts[5] = 1
      quickselectBlocks(from: 0, to: n)
      layout?.valid = true
      return
    }
    let blocks = (weighted &+ width &- 1) / width
    let packs = layout?.packs.reserve(max(1, blocks &* p &* width))
    let scratchPack = layout == nil ? scratch.lanePack.reserve(p * width) : nil
    // Reusing, the cursors stay at the rows' starts (kept in `blockCursor`) until a block falls
    // back to the quickselect, which needs them at its first column.
    if reuse { for q in 0..<p { blockCursor[q] = cursor[q] } }
    // A recorded layout is complete only if every block's rows could be gathered (ascending
    // rows, as W's always are).
    var complete = true
    let group = WeightedMedian.Lanes.scalarCount
    var b0 = 0
    blocks: while b0 < weighted {
      let b1 = min(weighted, b0 + width)
      let pack = packs.map { $0 + (b0 / width) &* p &* width } ?? scratchPack!
      let ready = reuse || gatherLanes(pack, columns: order + b0, count: b1 - b0, slot: slot, saving: blockCursor)
      complete = complete && ready
      if ready {
        var brackets = WeightedMedian.BlockBrackets()
        var valid = true
        for g in Swift.stride(from: 0, to: b1 - b0, by: group) {
          let probe = hint.map { hintedProbe($0, pack: pack + g, columns: order + b0 + g, count: min(group, b1 - b0 - g)) }
          guard
            let b = WeightedMedian.narrow(
              pack + g, stride: width, rows: p, stake: stake, setting: setting, probe: probe)
          else {
            valid = false
            break
          }
          brackets[g / group] = b
        }
        if valid {
          for g in Swift.stride(from: 0, to: b1 - b0, by: group) {
            settle(brackets[g / group], pack: pack + g, stride: width, columns: order + b0 + g, count: min(group, b1 - b0 - g), setting: setting)
          }
          b0 = b1
          continue blocks
        }
      }
      if reuse {
        seekCursors(to: order[b0], from: blockCursor)
      } else {
        for q in 0..<p { cursor[q] = blockCursor[q] }
      }
      quickselectBlocks(from: Int(order[b0]), to: Int(order[b1 - 1]) + 1)
      counts[4] &+= 1
      b0 = b1
    }
    layout?.valid = complete
  }

  /// Puts each participant's cursor at its row's first entry in a column ≥ `column`, searching
  /// from `starts[q]` (the row's start) to its end: where the gathers of the earlier blocks would
  /// have left it.
  @inlinable
  func seekCursors(to column: Int32, from starts: UnsafePointer<Int>) {
    let wc = w.col
    for q in 0..<p {
      var low = starts[q]
      var high = rowEnd[q]
      while low < high {
        let middle = (low &+ high) >> 1
        if wc[middle] < column { low = middle &+ 1 } else { high = middle }
      }
      cursor[q] = low
    }
  }

  /// The most columns the first two participant rows may differ in for the other rows to be
  /// walked against the first (``weightedColumns(_:slot:)``): two rows of validators weighting
  /// the same UIDs differ in their own two columns.
  @usableFromInline static var similarRows: Int { 4 }

  /// Lists in `order` the columns below `n` that some participant row has an entry in, ascending,
  /// and each one's place in that list in `slot`; returns how many. The first two rows are
  /// marked counting: when they cover every column (a dense matrix, whose rows each lack only
  /// their own column), the other rows need no marking. Otherwise, when the two differ in at
  /// most ``similarRows`` columns (validators weighting the same UIDs), each other row marks only
  /// what the first row lacks (``markNew(row:end:against:end:slot:)``); when they differ in more
  /// (a whole network's rows, where walking a row against the first costs more than marking
  /// it), every other row marks each of its columns.
  @inlinable
  func weightedColumns(_ order: UnsafeMutablePointer<Int32>, slot: UnsafeMutablePointer<Int32>) -> Int {
    slot.update(repeating: 0, count: n)
    let wc = w.col
    let columns = UInt32(truncatingIfNeeded: n)
    var marked = 0
    var inRange = 0
    for q in 0..<min(p, 2) {
      for k in cursor[q]..<rowEnd[q] {
        let c = UInt32(bitPattern: wc[k])
        if c < columns {
          marked &+= Int(1 &- slot[Int(c)])
          inRange &+= 1
          slot[Int(c)] = 1
        }
      }
    }
    if marked < n {
      // |A Δ B| = 2·|A ∪ B| − |A| − |B| for the first two rows' in-range columns A and B.
      if 2 &* marked &- inRange <= Self.similarRows {
        for q in min(p, 2)..<p {
          markNew(row: cursor[q], end: rowEnd[q], against: cursor[0], end: rowEnd[0], slot: slot)
        }
      } else {
        for q in min(p, 2)..<p { markColumns(from: cursor[q], to: rowEnd[q], slot: slot) }
      }
    }
    var count = 0
    for j in 0..<n where slot[j] != 0 {
      order[count] = Int32(truncatingIfNeeded: j)
      slot[j] = Int32(truncatingIfNeeded: count)
      count &+= 1
    }
    return count
  }

  /// Marks in `slot` the columns below `n` of the row `k0..<kEnd` (offsets into `w.col`) that the
  /// already marked row `r0..<rEnd` does not hold. Rows of validators weighting the same UIDs differ in a few columns
  /// (their own, masked), so the two are walked together eight columns at a time while they agree,
  /// one column at a time where they do not, and a row's last columns (fewer than eight) are done
  /// when its last eight equal the marked row's; after 24 single steps the rest of the row is
  /// marked column by column. A column is left unmarked only where it equals one of the marked
  /// row's, so the marks are those of marking every column, for any rows.
  @inlinable
  func markNew(row k0: Int, end kEnd: Int, against r0: Int, end rEnd: Int, slot: UnsafeMutablePointer<Int32>) {
    let wc = w.col
    let columns = UInt32(truncatingIfNeeded: n)
    var k = k0
    var r = r0
    var steps = 24
    let lane = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
    while k < kEnd {
      if k &+ 8 <= kEnd && r &+ 8 <= rEnd {
        let a = UnsafeRawPointer(wc + k).loadUnaligned(as: SIMD8<Int32>.self)
        let b = UnsafeRawPointer(wc + r).loadUnaligned(as: SIMD8<Int32>.self)
        if WeightedMedian.allZero(a ^ b) {
          k &+= 8
          r &+= 8
          continue
        }
        // Past the lanes before the first where they differ.
        let first = lane.replacing(with: 8, where: a .== b)
        let four = pointwiseMin(first.lowHalf, first.highHalf)
        let two = pointwiseMin(four.lowHalf, four.highHalf)
        let agree = Int(min(two[0], two[1]))
        k &+= agree
        r &+= agree
      } else if kEnd &- k < 8 && kEnd &- 8 >= k0 && rEnd &- 8 >= r0 {
        let a: SIMD8<Int32> = UnsafeRawPointer(wc + (kEnd &- 8)).loadUnaligned(as: SIMD8<Int32>.self)
        let b: SIMD8<Int32> = UnsafeRawPointer(wc + (rEnd &- 8)).loadUnaligned(as: SIMD8<Int32>.self)
        // The row's last eight columns, the rest among them, are the marked row's last eight.
        if WeightedMedian.allZero(a ^ b) { return }
      }
      if steps == 0 { break }
      steps &-= 1
      let c = wc[k]
      if r < rEnd && wc[r] == c {
        k &+= 1
        r &+= 1
      } else if r < rEnd && wc[r] < c {
        r &+= 1
      } else {
        if UInt32(bitPattern: c) < columns { slot[Int(c)] = 1 }
        k &+= 1
      }
    }
    markColumns(from: k, to: kEnd, slot: slot)
  }

  /// Marks in `slot` the columns below `n` of the entries `k0..<kEnd` (offsets into `w.col`).
  @inlinable @inline(__always)
  func markColumns(from k0: Int, to kEnd: Int, slot: UnsafeMutablePointer<Int32>) {
    let wc = w.col
    let columns = UInt32(truncatingIfNeeded: n)
    for k in k0..<kEnd {
      let c = UInt32(bitPattern: wc[k])
      if c < columns { slot[Int(c)] = 1 }
    }
  }

  /// Copies the participant rows' entries in `count` (≤ 16) weighted columns `columns[0..<count]`
  /// (consecutive in ``weightedColumns(_:slot:)``'s list) into `pack`: row q at q·16, column
  /// `columns[c]` at lane c, absent entries 0. Advances the cursors past them, the cursors before
  /// saved in `saved`. False if a row's columns are not ascending (the rows are then left to the
  /// quickselect).
  @inlinable
  func gatherLanes(
    _ pack: UnsafeMutablePointer<Double>, columns: UnsafePointer<Int32>, count: Int, slot: UnsafePointer<Int32>,
    saving saved: UnsafeMutablePointer<Int>
  ) -> Bool {
    let width = WeightedMedian.laneBlock
    let wc = w.col
    let wv = w.val
    let first = columns[0]
    let limit = columns[count - 1] &+ 1
    let slot0 = slot[Int(first)]
    // A full block: a row holding all sixteen columns holds them as its next sixteen entries.
    let full = count == width
    let wanted = full ? UnsafeRawPointer(columns).loadUnaligned(as: SIMD16<Int32>.self) : SIMD16<Int32>()
    for q in 0..<p { saved[q] = cursor[q] }
    for q in 0..<p {
      var k = cursor[q]
      let kEnd = rowEnd[q]
      let row = pack + q &* width
      if full && kEnd &- k >= width
        && WeightedMedian.allZero(UnsafeRawPointer(wc + k).loadUnaligned(as: SIMD16<Int32>.self) &- wanted)
      {
        WeightedMedian.copyLanes(from: wv + k, to: row)
        cursor[q] = k &+ width
        continue
      }
      let zeros = SIMD8<Double>(repeating: 0)
      UnsafeMutableRawPointer(row).storeBytes(of: zeros, as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(row + 8).storeBytes(of: zeros, as: SIMD8<Double>.self)
      var previous = first &- 1
      while k < kEnd && wc[k] < limit {
        let c = wc[k]
        if c <= previous { return false }
        previous = c
        row[Int(slot[Int(c)] &- slot0)] = WeightedMedian.laneValue(wv[k])
        k &+= 1
      }
      cursor[q] = k
    }
    return true
  }

  /// Writes the answers of one lane group's `count` columns `columns[0..<count]`: a closed lane whose
  /// L̃(p) and H̃(p) clear the margin gives p; any other column runs the quickselect on its
  /// positive entries in row order (the rest of the stake scores 0, as in
  /// ``WeightedMedian/select(_:count:spare:anyAbsent:total:minority:)``, whose answer for
  /// 0 ≤ m < Σu depends only on those).
  @inlinable
  func settle(
    _ b: WeightedMedian.LaneBracket, pack: UnsafePointer<Double>, stride: Int, columns: UnsafePointer<Int32>, count: Int,
    setting: WeightedMedian.LaneSetting
  ) {
    let m = WeightedMedian.Lanes(repeating: setting.minority)
    let margin = WeightedMedian.Lanes(repeating: setting.margin)
    let done = (b.lo .== b.hi) .& (b.below + margin .<= m) .& (b.upTo - margin .> m)
    counts[3] &+= b.passes
    for c in 0..<count {
      if done[c] {
        counts[0] &+= 1
        let x = b.lo[c]
        result[Int(columns[c])] = x == 0 ? .zero : WeightedMedian.fromLane(x)
        if let hint, x != b.probe[c] { keepRow(hint, scoring: x, pack: pack + c, stride: stride, column: Int(columns[c])) }
      } else {
        counts[b.lo[c] == b.hi[c] ? 2 : 1] &+= 1
        var present = 0
        for q in 0..<p {
          let x = pack[q &* stride &+ c]
          if x > 0 {
            pairs[present] = ScoredStake(score: WeightedMedian.fromLane(x), stake: u[q])
            present &+= 1
          }
        }
        let answer = WeightedMedian.select(
          pairs, count: present, spare: spare, anyAbsent: true, total: total, minority: minority)
        result[Int(columns[c])] = answer
        if let hint {
          keepRow(hint, scoring: WeightedMedian.laneValue(answer), pack: pack + c, stride: stride, column: Int(columns[c]))
        }
      }
    }
  }

  /// The first group probe (``WeightedMedian/narrow(_:stride:rows:stake:setting:probe:)``): per
  /// lane, the score in `pack` (lane c of a group at `pack`, row q at q·16) of the participant the
  /// hint names for column `columns[c]`, 0 where it names none.
  @inlinable
  func hintedProbe(_ hint: HintedRows, pack: UnsafePointer<Double>, columns: UnsafePointer<Int32>, count: Int)
    -> WeightedMedian.Lanes
  {
    var t = WeightedMedian.Lanes()
    for c in 0..<count {
      let q = hint.participant(column: Int(columns[c]))
      if q >= 0 { t[c] = pack[q &* WeightedMedian.laneBlock &+ c] }
    }
    return t
  }

  /// Writes into the hint for `column` the first participant whose score there (`pack[q·stride]`,
  /// lane units) is `x`, or −1 when `x` is 0 or nobody's.
  @inlinable
  func keepRow(_ hint: HintedRows, scoring x: Double, pack: UnsafePointer<Double>, stride: Int, column: Int) {
    var row: Int32 = -1
    if x > 0 {
      for q in 0..<p where pack[q &* stride] == x {
        row = Int32(truncatingIfNeeded: hint.participants[q])
        break
      }
    }
    hint.rows[column] = row
  }
}

extension WeightedMedian {
  /// Narrows the answers of 8 columns, `pack[k·stride + c]` for rows k < `rows` and lanes c < 8,
  /// with `stake[k]` per row, in at most ``lanePasses`` passes (see the type's notes); 0 ≤ m < Σu.
  /// Nil if a score is negative, not a number or not below ``laneLimit``. With a `probe` (scores
  /// present in their columns, or 0), the first pass also tests each lane's probe p itself:
  /// L̃(p) ≤ m < H̃(p) closes the lane at p, otherwise the bracket starts on the side of p the
  /// answer lies (``hintedStart(_:stride:rows:stake:setting:probe:)``).
  @inlinable
  static func narrow(
    _ pack: UnsafePointer<Double>, stride: Int, rows: Int, stake: UnsafePointer<Double>, setting: LaneSetting,
    probe: Lanes? = nil
  ) -> LaneBracket? {
    let m = Lanes(repeating: setting.minority)
    if let probe {
      guard var b = hintedStart(pack, stride: stride, rows: rows, stake: stake, setting: setting, probe: probe) else {
        return nil
      }
      probeUntilClosed(pack, stride: stride, rows: rows, stake: stake, minority: m, bracket: &b)
      return b
    }
    // First pass: the smallest positive score, the largest score, and H̃(0), the stake scoring 0
    // (absent or explicit zeros). Where H̃(0) > m the answer is 0; elsewhere the bracket starts
    // at the smallest positive score with L̃ = H̃(0).
    var lowest = Lanes(repeating: .infinity)
    var hi = Lanes(repeating: 0)
    var zeroStake = Lanes(repeating: 0)
    var negative = LaneMask(repeating: false)
    for k in 0..<rows {
      let x = UnsafeRawPointer(pack + k &* stride).loadUnaligned(as: Lanes.self)
      let positive = x .> 0
      let xPositive = x.replacing(with: .infinity, where: .!positive)
      lowest = lowest.replacing(with: xPositive, where: xPositive .< lowest)
      hi = hi.replacing(with: x, where: x .> hi)
      zeroStake += Lanes(repeating: stake[k]).replacing(with: 0, where: positive)
      negative .|= .!(x .>= 0)
    }
    if anyLane(negative .| .!(hi .< Lanes(repeating: laneLimit))) { return nil }
    let zero = Lanes(repeating: 0)
    // Where H̃(0) > m ≥ 0 some row scores 0, and where no row scores above 0 all of them (at
    // least one) score 0: either way the lane's answer is 0, a score present in the column.
    let atZero = (zeroStake .> m) .| (lowest .== .infinity)
    var b = LaneBracket(
      lo: lowest.replacing(with: zero, where: atZero), hi: hi.replacing(with: zero, where: atZero),
      below: zeroStake.replacing(with: zero, where: atZero),
      upTo: Lanes(repeating: setting.total).replacing(with: zeroStake, where: atZero))
    probeUntilClosed(pack, stride: stride, rows: rows, stake: stake, minority: m, bracket: &b)
    return b
  }

  /// The probe passes of ``narrow(_:stride:rows:stake:setting:probe:)`` from the bracket `b`.
  @inlinable @inline(__always)
  static func probeUntilClosed(
    _ pack: UnsafePointer<Double>, stride: Int, rows: Int, stake: UnsafePointer<Double>, minority m: Lanes,
    bracket b: inout LaneBracket
  ) {
    let step = Lanes(repeating: 1.0 / 16.0)
    for _ in 0..<lanePasses {
      let open = b.lo .!= b.hi
      if !anyLane(open) { break }
      b.passes &+= 1
      // The probe: interpolated where m sits between L̃(lo) and H̃(hi), kept a sixteenth of the
      // bracket from either end, and inside [lo, hi) (lo itself for closed lanes).
      var f = (m - b.below) / (b.upTo - b.below)
      f = f.replacing(with: step, where: .!(f .>= step))
      f = f.replacing(with: 1 - step, where: f .> 1 - step)
      var t = b.lo + f * (b.hi - b.lo)
      t = t.replacing(with: b.lo, where: .!(t .< b.hi) .| (t .< b.lo))
      var upToT = Lanes(repeating: 0)
      var atOrBelow = Lanes(repeating: 0)
      var above = Lanes(repeating: .infinity)
      for k in 0..<rows {
        let x = UnsafeRawPointer(pack + k &* stride).loadUnaligned(as: Lanes.self)
        let s = Lanes(repeating: stake[k])
        let le = x .<= t
        upToT += s.replacing(with: 0, where: .!le)
        let xBelow = x.replacing(with: 0, where: .!le)
        atOrBelow = atOrBelow.replacing(with: xBelow, where: xBelow .> atOrBelow)
        let xAbove = x.replacing(with: .infinity, where: le)
        above = above.replacing(with: xAbove, where: xAbove .< above)
      }
      // H̃(t) > m: the answer is at most the largest score ≤ t; else at least the smallest > t.
      let down = (upToT .> m) .& open
      let up = .!(upToT .> m) .& open
      b.hi = b.hi.replacing(with: atOrBelow, where: down)
      b.upTo = b.upTo.replacing(with: upToT, where: down)
      b.lo = b.lo.replacing(with: above, where: up)
      b.below = b.below.replacing(with: upToT, where: up)
    }
  }

  /// The first pass of ``narrow(_:stride:rows:stake:setting:probe:)`` with a probe t (per lane
  /// a score present in the column, or 0): the checks of the plain first pass, the largest score,
  /// L̃(t) and H̃(t), and the nearest scores on either side of t. A lane with L̃(t) ≤ m < H̃(t)
  /// closes at t; with H̃(t) ≤ m its bracket is [smallest score above t, largest score] with
  /// L̃ = H̃(t) and H̃ = Σu; with L̃(t) > m it is [0, largest score below t] with L̃(0) = 0 and
  /// H̃ = L̃(t). Each of these sums adds the same stakes in the same row order as the pass that
  /// would otherwise find that bound (or is Σu), so the bracket's sums do not depend on the
  /// probes. Nil as the plain first pass.
  @inlinable
  static func hintedStart(
    _ pack: UnsafePointer<Double>, stride: Int, rows: Int, stake: UnsafePointer<Double>, setting: LaneSetting,
    probe t: Lanes
  ) -> LaneBracket? {
    // Each half of the group in its own sweep: six accumulators of eight lanes and the probe do
    // not fit in the sixteen AVX registers.
    let low = hintedSums(pack, stride: stride, rows: rows, stake: stake, probe: t.lowHalf)
    let high = hintedSums(pack + 4, stride: stride, rows: rows, stake: stake, probe: t.highHalf)
    let hi = Lanes(lowHalf: low.hi, highHalf: high.hi)
    let belowT = Lanes(lowHalf: low.belowT, highHalf: high.belowT)
    let upToT = Lanes(lowHalf: low.upToT, highHalf: high.upToT)
    let under = Lanes(lowHalf: low.under, highHalf: high.under)
    let above = Lanes(lowHalf: low.above, highHalf: high.above)
    let negative = unsafeBitCast(SIMD8<Int64>(lowHalf: low.negative, highHalf: high.negative), to: LaneMask.self)
    if anyLane(negative .| .!(hi .< Lanes(repeating: laneLimit))) { return nil }
    let m = Lanes(repeating: setting.minority)
    let zero = Lanes(repeating: 0)
    let closes = (belowT .<= m) .& (upToT .> m)
    let up = .!(upToT .> m)
    var b = LaneBracket(
      lo: zero.replacing(with: above, where: up), hi: under.replacing(with: hi, where: up),
      below: zero.replacing(with: upToT, where: up), upTo: belowT.replacing(with: Lanes(repeating: setting.total), where: up))
    b.lo = b.lo.replacing(with: t, where: closes)
    b.hi = b.hi.replacing(with: t, where: closes)
    b.below = b.below.replacing(with: belowT, where: closes)
    b.upTo = b.upTo.replacing(with: upToT, where: closes)
    b.probe = t
    return b
  }

  /// ``hintedStart(_:stride:rows:stake:setting:probe:)``'s sweep over four lanes (`pack[k·stride + c]`,
  /// c < 4): the largest score, L̃(t), H̃(t), the largest score below t (0 if none), the smallest
  /// above (∞ if none), and the lanes holding a negative score or not a number (all bits set).
  @inlinable @inline(__always)
  static func hintedSums(
    _ pack: UnsafePointer<Double>, stride: Int, rows: Int, stake: UnsafePointer<Double>, probe t: SIMD4<Double>
  ) -> (
    hi: SIMD4<Double>, belowT: SIMD4<Double>, upToT: SIMD4<Double>, under: SIMD4<Double>, above: SIMD4<Double>,
    negative: SIMD4<Int64>
  ) {
    var hi = SIMD4<Double>(repeating: 0)
    var negative = SIMDMask<SIMD4<Int64>>(repeating: false)
    var belowT = SIMD4<Double>(repeating: 0)
    var upToT = SIMD4<Double>(repeating: 0)
    var under = SIMD4<Double>(repeating: 0)
    var above = SIMD4<Double>(repeating: .infinity)
    for k in 0..<rows {
      let x = UnsafeRawPointer(pack + k &* stride).loadUnaligned(as: SIMD4<Double>.self)
      let s = SIMD4<Double>(repeating: stake[k])
      let lt = x .< t
      let le = x .<= t
      belowT += s.replacing(with: 0, where: .!lt)
      upToT += s.replacing(with: 0, where: .!le)
      let xUnder = x.replacing(with: 0, where: .!lt)
      under = under.replacing(with: xUnder, where: xUnder .> under)
      let xAbove = x.replacing(with: .infinity, where: le)
      above = above.replacing(with: xAbove, where: xAbove .< above)
      hi = hi.replacing(with: x, where: x .> hi)
      negative .|= .!(x .>= 0)
    }
    return (hi, belowT, upToT, under, above, unsafeBitCast(negative, to: SIMD4<Int64>.self))
  }
}
