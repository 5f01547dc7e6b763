import EpochTypes
import Testing

@testable import Consensus

/// The stored bond rows written as 64-bit words hold exactly the entries built one by one.
@Suite("Epoch storage rows")
struct EpochStorageRowsTests {

  @Test("A stored entry is one 64-bit word here: column in the low half, value above it")
  func entriesAreWords() {
    #expect(sparseEntryIsOneWord)
  }

  /// Rows over 8 columns: values at and beyond the u16 range's ends (0, below 0, 1, above 1, a NaN,
  /// one u16 unit and just below it), an empty row, a row without a new permit, a row over every column.
  static let rows: [[(Int32, Double)]] = [
    [(0, 0.0), (3, 1.0 / 65_535), (5, 0.999_999_9 / 65_535), (7, 0.5)],
    [],
    [(1, 0.25), (2, 0.75)],
    (0..<8).map { (Int32($0), [1.0, 1.5, -0.25, .nan, 0.1, 0.2, 0.3, 1e-12][$0]) },
  ]

  /// `storageRows` on ``rows`` (row 2 without a new permit) and the same rows built entry by
  /// entry, with or without the Yuma-2 column divisors.
  static func compare<T: EpochScalar>(_: T.Type, divided: Bool) -> Bool {
    let n = 8
    let total = rows.map(\.count).reduce(0, +)
    let start = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
    let col = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let val = UnsafeMutablePointer<T>.allocate(capacity: total)
    defer { start.deallocate(); col.deallocate(); val.deallocate() }
    var count = 0
    for i in 0..<n {
      start[i] = count
      for (j, x) in i < rows.count ? rows[i] : [] {
        col[count] = j
        val[count] = T.from(x.isNaN && T.self != Double.self ? 0 : x)  // a NaN only in `Double`
        count += 1
      }
    }
    start[n] = count
    let permits = (0..<n).map { $0 != 2 }
    let divisors = UnsafeMutablePointer<T.Divisor>.allocate(capacity: n)
    defer { divisors.deallocate() }
    for j in 0..<n { (divisors + j).initialize(to: T.divisor(T.from([1, 0.5, 0.75, 2, 0.125, 1, 0.3, 0.9][j]))) }
    let stored = EpochEngine<T>.storageRows(
      SparseRows(start: start, col: col, val: val, rows: n), newPermit: permits,
      columnDivisors: divided ? divisors : nil, scratch: EpochScratch<T>())
    let expected: [[SparseEntry]] = (0..<n).map { i in
      if !permits[i] { return [] }
      return (start[i]..<start[i + 1]).map { k -> SparseEntry in
        let x = divided ? T.divide(val[k], by: divisors[Int(col[k])]) : val[k]
        return SparseEntry(uid: Int(col[k]), value: x.u16Proportion)
      }
    }
    return stored == expected
  }

  @Test(
    "Rows written as words equal the rows built entry by entry, in both arithmetics, with and without column divisors",
    arguments: [false, true])
  func wordsAreEntries(divided: Bool) {
    #expect(Self.compare(Double.self, divided: divided))
    #expect(Self.compare(I32F32.self, divided: divided))
  }
}
