/// A sparse matrix in compressed-row form: row `i` holds entries `start[i]..<start[i+1]` of
/// `col` / `val`, columns ascending within a row. The epoch's working representation of weights
/// and bonds (rows = validators, columns = UIDs).
@usableFromInline
struct SparseRows<T> {
  /// Row offsets, `rows + 1` entries.
  @usableFromInline var start: [Int]
  /// Column of each entry.
  @usableFromInline var col: [Int32]
  /// Value of each entry.
  @usableFromInline var val: [T]

  @inlinable init(start: [Int], col: [Int32], val: [T]) {
    self.start = start
    self.col = col
    self.val = val
  }

  /// Number of stored entries.
  @inlinable var count: Int { col.count }
}

extension SparseRows {
  /// Sorts the entries of one row by column (insertion sort: rows are short or nearly sorted).
  @inlinable
  static func sortSegment(_ col: inout [Int32], _ val: inout [T], from lower: Int, to upper: Int) {
    if upper - lower < 2 { return }
    var pairs: [(Int32, T)] = []
    pairs.reserveCapacity(upper - lower)
    for k in lower..<upper { pairs.append((col[k], val[k])) }
    pairs.sort { $0.0 < $1.0 }
    for (offset, pair) in pairs.enumerated() {
      col[lower + offset] = pair.0
      val[lower + offset] = pair.1
    }
  }
}
