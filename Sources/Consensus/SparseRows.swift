/// A sparse matrix in compressed-row form over borrowed storage: row `i` holds entries
/// `start[i]..<start[i+1]` of `col` / `val`, columns ascending within a row. The epoch's working
/// representation of weights and bonds (rows = validators, columns = UIDs), usually pointing
/// into an ``EpochScratch``.
@usableFromInline
struct SparseRows<T> {
  /// Row offsets, `rows + 1` entries.
  @usableFromInline let start: UnsafeMutablePointer<Int>
  /// Column of each entry.
  @usableFromInline let col: UnsafeMutablePointer<Int32>
  /// Value of each entry.
  @usableFromInline let val: UnsafeMutablePointer<T>
  /// Number of rows.
  @usableFromInline let rows: Int

  @inlinable init(start: UnsafeMutablePointer<Int>, col: UnsafeMutablePointer<Int32>, val: UnsafeMutablePointer<T>, rows: Int) {
    self.start = start
    self.col = col
    self.val = val
    self.rows = rows
  }

  /// Number of stored entries.
  @inlinable var count: Int { start[rows] }
}

extension Array {
  /// An array of `count` elements whose storage the caller fills completely through `body`
  /// (no zero-filling first).
  @inlinable @inline(__always)
  static func filled(count: Int, _ body: (UnsafeMutableBufferPointer<Element>) -> Void) -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      body(buffer)
      initialized = count
    }
  }
}

extension Int {
  /// 1 for true, 0 for false, without a branch: the compiler turns `x ? 1 : 0` in a compacting
  /// loop (`count &+= kept ? 1 : 0`) into a jump, which mispredicts wherever keeping is not
  /// predictable.
  @inlinable @inline(__always)
  init(bit: Bool) { self = Int(unsafeBitCast(bit, to: UInt8.self)) }
}

extension SparseRows {
  /// The end of the run of consecutive columns that starts at entry `k` of a row ending at
  /// `upper`: the first entry e in `k + 1 ... upper` whose column is not `col[k] + (e − k)`
  /// (`upper` if there is none). Columns are strictly ascending within a row, so `col[e] − e`
  /// never decreases and the run ends where it first grows: a binary search, O(log(upper − k)).
  /// Inside a run entry e is column `e + (col[k] − k)`, so loops over per-column vectors read
  /// them contiguously (``EpochEngine`` uses it for rows that hold almost every column).
  @inlinable @inline(__always)
  func runEnd(from k: Int, to upper: Int) -> Int {
    let offset = Int(col[k]) &- k
    if Int(col[upper &- 1]) &- (upper &- 1) == offset { return upper }
    var low = k &+ 1
    var high = upper &- 1  // col[high] − high > offset
    while low < high {
      let middle = (low &+ high) >> 1
      if Int(col[middle]) &- middle == offset { low = middle &+ 1 } else { high = middle }
    }
    return low
  }
}

extension SparseRows {
  /// Whether ``forEachRun(from:to:run:rest:)`` searches the row `lower..<upper` for runs: at
  /// least two runs' worth of entries, on at least three quarters of the columns between its
  /// first and last.
  @inlinable @inline(__always)
  func searchesRuns(from lower: Int, to upper: Int) -> Bool {
    let count = upper &- lower
    return count >= denseRunMinimum &* 2 && count &* 4 >= (Int(col[upper &- 1]) &- Int(col[lower]) &+ 1) &* 3
  }

  /// Splits the entries `lower..<upper` of a row into pieces for a pass: `run(k, end)` for each
  /// run of at least ``denseRunMinimum`` consecutive columns (entry e is column
  /// `e + col[k] − k`), `rest(k, end)` for the pieces between them, in entry order. A row
  /// shorter than two such runs, or holding fewer than three quarters of the columns between its
  /// first and last, is one `rest` piece; after two short runs the remainder of the row is one
  /// `rest` piece (a sparse row is not searched run by run). A full row is one run, a full row
  /// without its diagonal two runs, or a short piece and a run.
  @inlinable @inline(__always)
  func forEachRun(from lower: Int, to upper: Int, run: (Int, Int) -> Void, rest: (Int, Int) -> Void) {
    forEachRunPiece(
      from: lower, to: upper, searched: searchesRuns(from: lower, to: upper), runEnd: { runEnd(from: $0, to: upper) },
      run: run, rest: rest)
  }
}

/// The pieces of entries `lower..<upper` for a pass over runs (``SparseRows/forEachRun(from:to:run:rest:)``,
/// ``EpochEngine/forEachStoredRun(_:run:rest:)``): unless `searched`, one `rest` piece; otherwise
/// `run(k, end)` for each run of at least ``denseRunMinimum`` entries (`runEnd(k)` is the end of
/// the run starting at k) and `rest(k, end)` for shorter ones, in entry order, the remainder one
/// `rest` piece after two short ones.
@inlinable @inline(__always)
func forEachRunPiece(
  from lower: Int, to upper: Int, searched: Bool, runEnd: (Int) -> Int, run: (Int, Int) -> Void,
  rest: (Int, Int) -> Void
) {
  var k = lower
  if searched {
    var short = 0
    while k < upper {
      let end = runEnd(k)
      if end &- k >= denseRunMinimum {
        run(k, end)
      } else {
        short &+= 1
        if short > 2 { break }
        rest(k, end)
      }
      k = end
    }
  }
  if k < upper { rest(k, upper) }
}

/// The shortest run of consecutive columns a row pass handles in place (``SparseRows/forEachRun(from:to:run:rest:)``).
@usableFromInline let denseRunMinimum = 32
