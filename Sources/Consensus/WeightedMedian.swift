/// The stake-weighted median of spec §4.2, as a selection among submitted values.
///
/// For participants with stakes uᵢ (sum U), scores xᵢ and minority m, the result is the unique
/// score p with L(p) ≤ m < H(p), where L(p) = Σ_{xᵢ<p} uᵢ and H(p) = Σ_{xᵢ≤p} uᵢ; the smallest
/// score if m < 0, the largest if m ≥ U, and 0 with no participants. The chain finds it by
/// quickselect; this closed form gives identical results because fixed-point sums are exact.
@usableFromInline
enum WeightedMedian<T: EpochScalar> {

  /// How ``columns(stake:weights:columns:kappa:into:scratch:method:)`` selects.
  @usableFromInline
  enum Method {
    /// Columns in SIMD lanes by interpolated probes, the quickselect for the few left open
    /// (``ColumnPass/laneColumns(_:scratch:layout:reusing:)``); the answers equal ``quickselect``'s bit for bit.
    case lanes
    /// The branch-free quickselect on every column (``select(_:count:spare:anyAbsent:total:minority:)``).
    case quickselect
  }

  /// Consensus per column (spec §4.2): participants are the rows with positive active stake,
  /// their stakes re-normalised (u = a/Σa, truncated in fixed point), m = Σu − κ, and absent
  /// entries count as score 0. Writes `n` values to `result`; `a` has one entry per row of `w`.
  /// `hint` (n entries, if given) holds per column the row of a previous median (a
  /// ``ConsensusHint``): the lanes probe that row's score first and write back this call's rows;
  /// the results do not depend on it. `layout` (a ``LaneLayout`` valid for these weights, if
  /// kept) is read when it was recorded for the same participants and recorded otherwise; the
  /// results do not depend on it either.
  @usableFromInline
  static func columns(
    stake a: UnsafePointer<T>, weights w: SparseRows<T>, columns n: Int, kappa: T,
    into result: UnsafeMutablePointer<T>, scratch: inout MedianScratch<T>, method: Method = .lanes,
    hint: UnsafeMutablePointer<Int32>? = nil, layout: LaneLayout? = nil
  ) {
    result.initialize(repeating: .zero, count: n)
    let rows = w.rows
    let participants = scratch.participants.reserve(rows)
    let u = scratch.u.reserve(rows)
    var p = 0
    for i in 0..<rows where a[i] > .zero {
      participants[p] = i
      u[p] = a[i]
      p += 1
    }
    if p == 0 { return }
    EpochEngine<T>.normalize(u, p)
    var total = T.zero
    for q in 0..<p { total = total + u[q] }
    let minority = total - kappa

    let cursor = scratch.cursor.reserve(p)
    let rowEnd = scratch.rowEnd.reserve(p)
    for q in 0..<p {
      cursor[q] = w.start[participants[q]]
      rowEnd[q] = w.start[participants[q] + 1]
    }
    var hinted: HintedRows? = nil
    if let hint {
      let participant = scratch.participantOf.reserve(rows)
      participant.update(repeating: -1, count: rows)
      for q in 0..<p { participant[participants[q]] = Int32(truncatingIfNeeded: q) }
      hinted = HintedRows(rows: hint, participant: participant, participants: participants, count: rows)
    }
    let pass = ColumnPass(
      weights: w, columns: n, participants: p, stake: u, total: total, minority: minority,
      cursor: cursor, rowEnd: rowEnd, result: result, hint: hinted, scratch: &scratch)
    if method == .lanes, let lanes = LaneSetting(pass) {
      let reusing = layout?.matches(participants: participants, count: p) ?? false
      if let layout, !reusing { layout.begin(participants: participants, count: p) }
      pass.laneColumns(lanes, scratch: &scratch, layout: layout, reusing: reusing)
    } else {
      pass.quickselectBlocks(from: 0, to: n)
    }
  }

  /// ``columns(stake:weights:columns:kappa:into:scratch:method:)`` on dense inputs: `scores[i][j]`
  /// for row i and column j, nil for an absent entry (explicit zeros stay entries). Returns the
  /// consensus per column and the call's ``MedianScratch/laneCounts``. For the reference API
  /// (``YumaMath/weightedMedianColumns(stake:weights:kappa:arithmetic:)``) and tests; `hint`
  /// and `layout` as in the sparse form (n hint entries; a layout kept for the same `scores`).
  static func columns(
    stake: [Double], scores: [[Double?]], columns n: Int, kappa: Double, method: Method = .lanes,
    hint: UnsafeMutablePointer<Int32>? = nil, layout: LaneLayout? = nil
  ) -> (values: [T], counts: [Int]) {
    var start = [0]
    var col: [Int32] = []
    var val: [T] = []
    for row in scores {
      for (j, x) in row.enumerated() {
        if let x {
          col.append(Int32(j))
          val.append(T.from(x))
        }
      }
      start.append(col.count)
    }
    col.append(0)  // storage for the empty matrix too (not an entry: start bounds the rows)
    val.append(.zero)
    var stakes = stake.map(T.from)
    var values = [T](repeating: .zero, count: n)
    var scratch = MedianScratch<T>()
    defer { scratch.release() }
    start.withUnsafeMutableBufferPointer { sp in
      col.withUnsafeMutableBufferPointer { cp in
        val.withUnsafeMutableBufferPointer { vp in
          stakes.withUnsafeMutableBufferPointer { ap in
            values.withUnsafeMutableBufferPointer { rp in
              let w = SparseRows(start: sp.baseAddress!, col: cp.baseAddress!, val: vp.baseAddress!, rows: scores.count)
              columns(
                stake: ap.baseAddress!, weights: w, columns: n, kappa: T.from(kappa), into: rp.baseAddress!,
                scratch: &scratch, method: method, hint: hint, layout: layout)
            }
          }
        }
      }
    }
    let slots = MedianScratch<T>.countSlots
    let counts = (0..<slots).map { scratch.laneCounts.capacity >= slots ? scratch.laneCounts.base[$0] : 0 }
    return (values, counts)
  }

  /// The median of one column. `entries[0..<count]` are the present entries (scores ≥ 0) with
  /// their stakes; absent participants hold the rest of `total` at score 0. Reorders `entries`;
  /// `spare` (at least `count` long) is scratch space. Each pair moves as one 16-byte value, so a
  /// partition step stores two values per entry instead of four.
  @inlinable
  static func select(
    _ entries: UnsafeMutablePointer<ScoredStake<T>>, count: Int, spare: UnsafeMutablePointer<ScoredStake<T>>,
    anyAbsent: Bool, total: T, minority m: T
  ) -> T {
    if count == 0 { return .zero }  // every participant absent: all scores are 0
    if m < .zero {
      if anyAbsent { return .zero }
      var lowest = entries[0].score
      for k in 1..<count where entries[k].score < lowest { lowest = entries[k].score }
      return lowest
    }
    if !(m < total) {
      var highest: T = anyAbsent ? .zero : entries[0].score
      for k in 0..<count where entries[k].score > highest { highest = entries[k].score }
      return highest
    }
    // Positive scores move to the front; H(0) = total − their stake (absent entries and
    // explicit zeros score 0).
    var end = 0
    for k in 0..<count {
      let e = entries[k]
      entries[end] = e
      end &+= Int(bit: e.score > .zero)
    }
    var xs = entries
    var liveStake = sum(xs, end)
    var below = total - liveStake
    if m < below || end == 0 { return .zero }
    // Quickselect: each round splits the live range into < pivot (kept in place) and > pivot
    // (copied to the spare buffer) in one branch-free pass, then sums the stakes of each side.
    var ys = spare
    var live = end
    while live > 1 {
      let a = xs[0].score
      let b = xs[live / 2].score
      let c = xs[live - 1].score
      let pivot = max(min(a, b), min(max(a, b), c))  // median of three
      var nLess = 0
      var nMore = 0
      for k in 0..<live {
        let e = xs[k]
        xs[nLess] = e
        ys[nMore] = e
        nLess &+= Int(bit: e.score < pivot)
        nMore &+= Int(bit: pivot < e.score)
      }
      let lessStake = sum(xs, nLess)
      if m < below + lessStake {
        if nLess == 0 { return pivot }
        live = nLess
        liveStake = lessStake
      } else {
        let moreStake = sum(ys, nMore)
        let equalStake = liveStake - lessStake - moreStake
        below = below + lessStake
        if m < below + equalStake || nMore == 0 { return pivot }
        below = below + equalStake
        live = nMore
        liveStake = moreStake
        swap(&xs, &ys)
      }
    }
    return xs[0].score
  }

  /// Σ of the stakes of p[0..<count] with four accumulators (exact in fixed point; a fixed order
  /// in Double).
  @inlinable @inline(__always)
  static func sum(_ p: UnsafeMutablePointer<ScoredStake<T>>, _ count: Int) -> T {
    var a0 = T.zero
    var a1 = T.zero
    var a2 = T.zero
    var a3 = T.zero
    var k = 0
    while k &+ 4 <= count {
      a0 = a0 + p[k].stake
      a1 = a1 + p[k &+ 1].stake
      a2 = a2 + p[k &+ 2].stake
      a3 = a3 + p[k &+ 3].stake
      k &+= 4
    }
    while k < count {
      a0 = a0 + p[k].stake
      k &+= 1
    }
    return (a0 + a1) + (a2 + a3)
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

/// The weighted median's reusable working memory (see ``EpochScratch``).
@usableFromInline
struct MedianScratch<T> {
  @usableFromInline var participants = ScratchBuffer<Int>()
  @usableFromInline var u = ScratchBuffer<T>()
  @usableFromInline var pairs = ScratchBuffer<ScoredStake<T>>()
  @usableFromInline var spare = ScratchBuffer<ScoredStake<T>>()
  @usableFromInline var fill = ScratchBuffer<Int>()
  @usableFromInline var cursor = ScratchBuffer<Int>()
  @usableFromInline var rowEnd = ScratchBuffer<Int>()
  /// The lane median's dense block (participants × 16 columns, lane units).
  @usableFromInline var lanePack = ScratchBuffer<Double>()
  /// The participants' stakes in lane units.
  @usableFromInline var laneStake = ScratchBuffer<Double>()
  /// The cursors at the start of the current lane block.
  @usableFromInline var blockCursor = ScratchBuffer<Int>()
  /// The columns with an entry, ascending, and each column's place among them.
  @usableFromInline var laneOrder = ScratchBuffer<Int32>()
  @usableFromInline var laneSlot = ScratchBuffer<Int32>()
  /// What the last call's lanes did, for tests and measurements: columns answered in the lanes,
  /// columns still open after the passes, answers the rounding guard sent to the quickselect,
  /// probe passes made, blocks the quickselect took whole, and 1 if the rows were too sparse for
  /// the lanes.
  @usableFromInline var laneCounts = ScratchBuffer<Int>()
  /// Per row of the weights, its participant index or −1 (for a ``ConsensusHint``).
  @usableFromInline var participantOf = ScratchBuffer<Int32>()
  /// Slots of ``laneCounts``.
  @usableFromInline static var countSlots: Int { 6 }

  @usableFromInline init() {}

  @usableFromInline func release() {
    participants.release(); u.release(); pairs.release(); spare.release(); fill.release(); cursor.release(); rowEnd.release()
    lanePack.release(); laneStake.release(); blockCursor.release(); laneCounts.release(); participantOf.release()
    laneOrder.release(); laneSlot.release()
  }
}

/// A ``ConsensusHint``'s rows as one call of the median reads and writes them: per column the row
/// of the previous median (or −1), and the map between rows and participants.
@usableFromInline
struct HintedRows {
  /// Per column: a row of the weights, or −1.
  @usableFromInline let rows: UnsafeMutablePointer<Int32>
  /// Per row of the weights (`count` of them): its participant index, or −1.
  @usableFromInline let participant: UnsafePointer<Int32>
  /// Per participant: its row.
  @usableFromInline let participants: UnsafePointer<Int>
  @usableFromInline let count: Int

  @inlinable init(
    rows: UnsafeMutablePointer<Int32>, participant: UnsafePointer<Int32>, participants: UnsafePointer<Int>, count: Int
  ) {
    self.rows = rows
    self.participant = participant
    self.participants = participants
    self.count = count
  }

  /// The participant whose row column `j`'s hint names, or −1.
  @inlinable @inline(__always) func participant(column j: Int) -> Int {
    let r = Int(rows[j])
    return r >= 0 && r < count ? Int(participant[r]) : -1
  }
}

/// One participant's entry in a column: its score and its (re-normalised) stake.
@usableFromInline
struct ScoredStake<T> {
  @usableFromInline var score: T
  @usableFromInline var stake: T
  @inlinable @inline(__always) init(score: T, stake: T) {
    self.score = score
    self.stake = stake
  }
}
