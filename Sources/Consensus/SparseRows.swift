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
