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

  /// An array of up to `capacity` elements: `body` fills a prefix and returns its length.
  @inlinable @inline(__always)
  static func prefixFilled(capacity: Int, _ body: (UnsafeMutableBufferPointer<Element>) -> Int) -> [Element] {
    [Element](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      initialized = body(buffer)
    }
  }
}
