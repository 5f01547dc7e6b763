import EpochTypes
import Testing

@testable import Consensus

/// Stored bond rows read run by run, Yuma 2's gathered rows over their stored columns and the
/// selected emission amounts give exactly what the entry-by-entry code gives.
@Suite("Epoch stored rows by runs")
struct EpochStoredRunTests {

  static let n = 160

  /// Clean stored rows over ``n`` UIDs: full, full without one column (first, middle, last),
  /// two long runs and a short piece, short pieces then a long run, every other column, a
  /// single entry, and an empty row; values vary per entry (0 and 65 535 included).
  static func rows() -> [[SparseEntry]] {
    let columnSets: [[Int]] = [
      Array(0..<n),
      Array(1..<n),
      (0..<n).filter { $0 != 77 },
      Array(0..<(n - 1)),
      Array(0..<40) + [45, 50] + Array(60..<n),
      [0, 3, 6, 9] + Array(20..<100),
      stride(from: 0, to: n, by: 2).map { $0 },
      [123],
      [],
    ]
    return columnSets.enumerated().map { r, columns in
      columns.enumerated().map { k, j in
        SparseEntry(uid: j, value: k % 17 == 0 ? 0 : (k % 23 == 0 ? 65_535 : UInt16((j &* 977 &+ r &* 131) % 65_536)))
      }
    }
  }

  @Test("Runs of a stored row split it into pieces in entry order that cover every entry once")
  func piecesCoverTheRow() {
    for row in Self.rows() {
      row.withUnsafeBufferPointer { ob in
        var next = 0
        EpochEngine<Double>.forEachStoredRun(
          ob,
          run: { k, end in
            #expect(k == next && end - k >= denseRunMinimum)
            for e in k..<end { #expect(ob[e].uid == ob[k].uid + (e - k)) }
            next = end
          },
          rest: { k, end in
            #expect(k == next && end > k)
            next = end
          })
        #expect(next == ob.count)
      }
    }
  }

  @Test("Stored rows added to column totals, scattered into a dense row and cleared from it give the entry-by-entry results", arguments: [true, false])
  func runsGiveTheEntryByEntryResults(asWords: Bool) {
    let rows = Self.rows()
    var totals = [Int64](repeating: 5, count: Self.n)
    var expected = totals
    for row in rows {
      for e in row { expected[e.uid] &+= Int64(e.value) }
      row.withUnsafeBufferPointer { ob in
        totals.withUnsafeMutableBufferPointer { EpochEngine<Double>.addStoredRow(ob, asWords: asWords, to: $0.baseAddress!) }
      }
    }
    #expect(totals == expected)
    for row in rows {
      var dense = [UInt16](repeating: 9, count: Self.n)
      var wanted = dense
      for e in row { wanted[e.uid] = e.value }
      row.withUnsafeBufferPointer { ob in
        dense.withUnsafeMutableBufferPointer { EpochEngine<Double>.scatterStoredRow(ob, asWords: asWords, into: $0.baseAddress!) }
      }
      #expect(dense == wanted)
      for e in row { wanted[e.uid] = 0 }
      row.withUnsafeBufferPointer { ob in
        dense.withUnsafeMutableBufferPointer { EpochEngine<Double>.clearStoredRow(ob, asWords: asWords, in: $0.baseAddress!) }
      }
      #expect(dense == wanted)
    }
  }

  @Test("A stored entry is one 32-bit word with its value in bits 16 to 31 on this platform")
  func entriesAreWords() {
    #expect(sparseEntryIsOneWord)
  }

  /// Yuma 2's gathered row against `both(x, oldValue(p, j), j)` entry by entry, on random
  /// columns, values and divisors.
  static func gatheredRowAgrees<T: EpochScalar>(_: T.Type, seed: UInt64) -> Bool {
    var rng = SplitMix64(state: seed)
    let n = 96
    let deltaDivisors = (0..<n).map { _ in T.divisor(T.from(0.25 + Double(rng.next() % 10_000) / 313)) }
    let bondDivisors = (0..<n).map { _ in T.divisor(T.integer(Int64(1 + rng.next() % 4_000_000))) }
    let rate = T.emaRate(bondsMovingAverage: 900_000)
    let keepRate = T.one - rate
    let columns = (0..<n).filter { _ in rng.next() % 3 != 0 }.map { Int32($0) }
    let count = columns.count
    let x = (0..<count).map { _ in T.from(Double(rng.next() % 1_000_000) / 1_000_000 * (rng.next() % 4 == 0 ? 1e-7 : 1)) }
    let stored = columns.map { SparseEntry(uid: Int($0), value: UInt16(truncatingIfNeeded: rng.next())) }
    let expected = (0..<count).map { e -> T in
      let j = Int(columns[e])
      let b = T.divide(T.integer(Int64(stored[e].value)), by: bondDivisors[j])
      return rate * T.divide(x[e], by: deltaDivisors[j]) + keepRate * b
    }
    let gd = UnsafeMutablePointer<T.Divisor>.allocate(capacity: n)
    let gb = UnsafeMutablePointer<T.Divisor>.allocate(capacity: n)
    var out = [T](repeating: .zero, count: count)
    defer { gd.deallocate(); gb.deallocate() }
    out.withUnsafeMutableBufferPointer { o in
      EpochEngine<T>.yuma2GatheredRow(
        count: count, new: x, stored: stored, columns: columns, deltaDivisors: deltaDivisors, bondDivisors: bondDivisors,
        rate: rate, keepRate: keepRate, gathered: (gd, gb), into: o.baseAddress!)
    }
    return zip(out, expected).allSatisfy { a, b in
      if let p = a as? Double, let q = b as? Double { return p.bitPattern == q.bitPattern }
      return a == b
    }
  }

  @Test("Yuma 2's gathered row over its stored columns gives the merge's value entry by entry", arguments: [UInt64(1), 2, 3])
  func gatheredRowIsTheEntryMerge(seed: UInt64) {
    #expect(Self.gatheredRowAgrees(Double.self, seed: seed))
    #expect(Self.gatheredRowAgrees(I32F32.self, seed: seed))
  }

  @Test("A Double share's emission amount is the branching formula's, at zero, negative, NaN, tiny, one and saturating shares")
  func selectedAmountsAreTheBranchingOnes() {
    func branching(_ share: Double, _ amount: UInt64) -> UInt64 {
      if !(share > 0) { return 0 }
      let x = share * Double(amount)
      return x >= 18_446_744_073_709_551_615.0 ? .max : UInt64(x)
    }
    let shares: [Double] = [
      0, -0.0, -1e-300, -0.5, .nan, -.nan, .leastNonzeroMagnitude, 1e-300, 1e-12, 0.1, 0.3333333333333333, 0.5,
      0.999999999999, 1, 1.0000000000000002, 2, 1e300, -.infinity,
    ]  // (not +∞: ∞ · 0 is NaN, which neither formula converts)
    for amount: UInt64 in [0, 1, 1_000_000_000, 7_777_777_777_777, .max] {
      for share in shares {
        #expect(share.baseUnits(of: amount) == branching(share, amount), "share \(share), amount \(amount)")
      }
    }
  }
}
