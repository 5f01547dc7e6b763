import EpochTypes

/// Stored bond rows read run by run (spec §5.2 step 1, §5.3 storage): a clean row's UIDs are
/// strictly ascending, so where they are consecutive its u16 values are a contiguous piece of a
/// per-column vector, read and written by loops that vectorise.
extension EpochEngine {

  /// The end of the run of consecutive UIDs that starts at entry `k` of a clean stored row
  /// (``isCleanBondRow(_:)``): the first entry e > k whose UID is not `uid[k] + (e − k)`, or
  /// the row's count. In a clean row `uid[e] − e` never decreases, so the run ends where it first
  /// grows: a binary search, O(log(count − k)).
  @inlinable @inline(__always)
  static func storedRunEnd(_ row: UnsafeBufferPointer<SparseEntry>, from k: Int) -> Int {
    let upper = row.count
    let e = row.baseAddress!
    let offset = e[k].uid &- k
    if e[upper &- 1].uid &- (upper &- 1) == offset { return upper }
    var low = k &+ 1
    var high = upper &- 1  // uid[high] − high > offset
    while low < high {
      let middle = (low &+ high) >> 1
      if e[middle].uid &- middle == offset { low = middle &+ 1 } else { high = middle }
    }
    return low
  }

  /// Splits a clean stored row into pieces, as ``SparseRows/forEachRun(from:to:run:rest:)`` does
  /// a matrix row: `run(k, end)` for each run of at least ``denseRunMinimum`` consecutive UIDs
  /// (entry e is UID `e + uid[k] − k`), `rest(k, end)` for the pieces between, in entry order.
  /// A row shorter than two runs, or holding fewer than three quarters of the UIDs between its
  /// first and last, is one `rest` piece; after two short pieces the remainder is one `rest`
  /// piece. A full stored row is one run; a validator's row without its own column two runs.
  @inlinable @inline(__always)
  static func forEachStoredRun(
    _ row: UnsafeBufferPointer<SparseEntry>, run: (Int, Int) -> Void, rest: (Int, Int) -> Void
  ) {
    let count = row.count
    let searched = count >= denseRunMinimum &* 2 && count &* 4 >= (row[count &- 1].uid &- row[0].uid &+ 1) &* 3
    forEachRunPiece(
      from: 0, to: count, searched: searched, runEnd: { storedRunEnd(row, from: $0) }, run: run, rest: rest)
  }

  /// `body(uid, value)` for every entry of a clean stored row, in entry order; in runs of
  /// consecutive UIDs (``forEachStoredRun(_:run:rest:)``) the UID is counted from the run's
  /// first and the value read from the entry as one 32-bit word when `asWords`
  /// (``sparseEntryIsOneWord``: bits 16–31), so that a body writing a per-column vector at `uid`
  /// vectorises there.
  @inlinable @inline(__always)
  static func forEachStoredEntry(
    _ row: UnsafeBufferPointer<SparseEntry>, asWords: Bool, _ body: (Int, UInt16) -> Void
  ) {
    guard let base = row.baseAddress else { return }
    forEachStoredRun(
      row,
      run: { k, end in
        let first = Int(base[k].uid)
        let count = end &- k
        if asWords {
          let words = UnsafeRawPointer(base + k)
          for e in 0..<count {
            body(first &+ e, UInt16(truncatingIfNeeded: words.load(fromByteOffset: e &* 4, as: UInt32.self) &>> 16))
          }
        } else {
          for e in 0..<count { body(first &+ e, base[k &+ e].value) }
        }
      },
      rest: { k, end in
        for e in k..<end { body(Int(base[e].uid), base[e].value) }
      })
  }

  /// Adds a clean stored row's values to their columns' integer totals, `sums[uid] += value`
  /// (exact integers: the order of the additions does not matter). Every UID must be in range.
  @inlinable @inline(__always)
  static func addStoredRow(_ row: UnsafeBufferPointer<SparseEntry>, asWords: Bool, to sums: UnsafeMutablePointer<Int64>) {
    forEachStoredEntry(row, asWords: asWords) { j, value in sums[j] &+= Int64(value) }
  }

  /// Writes a clean stored row's values at their columns of the n-wide `dense` row,
  /// `dense[uid] = value`. Every UID must be in range.
  @inlinable @inline(__always)
  static func scatterStoredRow(_ row: UnsafeBufferPointer<SparseEntry>, asWords: Bool, into dense: UnsafeMutablePointer<UInt16>) {
    forEachStoredEntry(row, asWords: asWords) { j, value in dense[j] = value }
  }

  /// Sets a clean stored row's columns of the n-wide `dense` row back to 0. Every UID must be
  /// in range.
  @inlinable @inline(__always)
  static func clearStoredRow(_ row: UnsafeBufferPointer<SparseEntry>, asWords: Bool, in dense: UnsafeMutablePointer<UInt16>) {
    forEachStoredEntry(row, asWords: asWords) { j, _ in dense[j] = 0 }
  }
}
