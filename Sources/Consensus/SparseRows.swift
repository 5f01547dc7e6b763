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
