import EpochTypes
import Testing

@testable import Consensus

/// The kernel's fast paths (dense EMA rows, ascending weight rows) give exactly what the general
/// paths give on the same entries.
@Suite("Epoch kernel fast paths")
struct EpochKernelPathTests {

  /// A bond model's EMA closures as the epoch passes them to `mergeEMA` (a rate below 0 when
  /// BondsMovingAverage exceeds 10⁶, so that products with 0 are −0 in `Double`).
  enum Model: CaseIterable, CustomStringConvertible {
    case yuma2, yuma2NegativeRate, yuma3
    var description: String {
      switch self {
      case .yuma2: "Yuma 2"
      case .yuma2NegativeRate: "Yuma 2, rate below 0"
      case .yuma3: "Yuma 3"
      }
    }
  }

  /// New rows (UID, value) and stored rows over `columns` live UIDs, with zero values, masked
  /// columns (registered since the last tempo) and rows missing on either side. Rows ≥ 4 and
  /// columns ≥ 4 are empty: with `columns` = 4 every merged row is dense, with 64 none is.
  static func inputs() -> (new: [[(Int, Double)]], stored: [[SparseEntry]]) {
    let new: [[(Int, Double)]] = [
      [(0, 0.25), (1, 0.0), (2, 0.5), (3, 0.125)],
      [(1, 0.75), (3, 0.0625)],
      [],
      [(0, 1.0), (1, 0.5), (2, 0.25), (3, 0.0)],
    ]
    let stored: [[SparseEntry]] = [
      [SparseEntry(uid: 0, value: 40_000), SparseEntry(uid: 2, value: 0), SparseEntry(uid: 3, value: 65_535)],
      [SparseEntry(uid: 0, value: 1), SparseEntry(uid: 1, value: 30_000), SparseEntry(uid: 2, value: 9_999)],
      [SparseEntry(uid: 0, value: 12_345), SparseEntry(uid: 1, value: 7), SparseEntry(uid: 3, value: 500)],
      [SparseEntry(uid: 1, value: 65_535), SparseEntry(uid: 2, value: 20_000), SparseEntry(uid: 3, value: 3)],
    ]
    return (new, stored)
  }

  /// A model's EMA closures, as the epoch passes them to `mergeEMA`: stored value read back,
  /// both sides, new only, stored only.
  typealias Closures<T> = (
    oldValue: (UInt16, Int) -> T, both: (T, T, Int) -> T, newOnly: (T, Int) -> T, oldOnly: (T, Int) -> T
  )

  static func closures<T: EpochScalar>(_ model: Model, as _: T.Type) -> Closures<T> {
    let divisors = (0..<64).map { T.divisor(T.from(0.5 + Double($0))) }
    let deltaDivisors = (0..<64).map { T.divisor(T.from(1.25 + 0.5 * Double($0))) }
    let rate = T.emaRate(bondsMovingAverage: model == .yuma2NegativeRate ? 1_500_000 : 900_000)
    let keepRate = T.one - rate
    let proportion = U16Proportion<T>()
    switch model {
    case .yuma2, .yuma2NegativeRate:
      return (
        { value, j in T.divide(T.integer(Int64(value)), by: divisors[j]) },
        { x, b, j in rate * T.divide(x, by: deltaDivisors[j]) + keepRate * b },
        { x, j in rate * T.divide(x, by: deltaDivisors[j]) }, { b, _ in T.zero + keepRate * b }
      )
    case .yuma3:
      return (
        { value, _ in proportion.value(value) }, { w, b, _ in rate * w + keepRate * b }, { w, _ in rate * w },
        { b, _ in T.zero + keepRate * b }
      )
    }
  }

  /// The merged rows (column, value) and the column sums of the first `sumColumns` columns,
  /// merging `rows` (the standard ``inputs()`` by default) inside a subnet of `columns` UIDs.
  static func merged<T: EpochScalar>(
    _ model: Model, columns n: Int, masked: Bool, rows: (new: [[(Int, Double)]], stored: [[SparseEntry]])? = nil,
    checked: Bool = false, union: Bool = true, sumColumns: Int = 4, wholeRows: Bool = false, sameRows: Bool = false,
    as _: T.Type
  ) -> ([[(Int32, T)]], [T]) {
    let (newRows, storedRows) = rows ?? inputs()
    let start = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
    let capacity = max(256, newRows.map(\.count).reduce(0, +))
    let col = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    let val = UnsafeMutablePointer<T>.allocate(capacity: capacity)
    defer { start.deallocate(); col.deallocate(); val.deallocate() }
    var count = 0
    for i in 0..<n {
      start[i] = count
      for (j, x) in i < newRows.count ? newRows[i] : [] {
        col[count] = Int32(j)
        val[count] = T.from(x)
        count += 1
      }
    }
    start[n] = count
    let new = SparseRows(start: start, col: col, val: val, rows: n)
    let stored = (0..<n).map { $0 < storedRows.count ? storedRows[$0] : [] }
    // With `masked`, UID 2 registered at the last tempo: its stored bonds are masked.
    let registration = (0..<n).map { Int64(masked && $0 == 2 ? 100 : 0) }
    let ws = EpochScratch<T>()
    let sums = UnsafeMutablePointer<T>.allocate(capacity: n)
    defer { sums.deallocate() }
    let f = closures(model, as: T.self)
    let merged: SparseRows<T>? = registration.withUnsafeBufferPointer { r in
      EpochEngine<T>.mergeEMA(
        new: new, stored: stored, registration: r, lastTempo: 100, union: union, scratch: ws, sums: sums,
        checked: checked, oldValue: f.oldValue, both: f.both, newOnly: f.newOnly, oldOnly: f.oldOnly,
        bothRow: wholeRows ? { count, w, b, columns, out in for e in 0..<count { out[e] = f.both(w[e], b[e], Int(columns[e])) } } : nil,
        sameRow: sameRows
          ? { count, x, stored, columns, out in
            for e in 0..<count {
              let j = Int(columns[e])
              out[e] = f.both(x[e], f.oldValue(stored[e].value, j), j)
            }
          } : nil)
    }
    let result = merged!  // every stored row here is clean
    let entries = (0..<newRows.count).map { i in
      (result.start[i]..<result.start[i + 1]).map { (result.col[$0], result.val[$0]) }
    }
    return (entries, (0..<sumColumns).map { sums[$0] })
  }

  /// New and stored rows over the same columns in a subnet of 64 UIDs (zero values on both
  /// sides, a row over the first and last column, a row whose entries are all zero, empty rows).
  static func sameColumnInputs() -> (new: [[(Int, Double)]], stored: [[SparseEntry]]) {
    let new: [[(Int, Double)]] = [
      [(1, 0.25), (5, 0.0), (9, 0.5)],
      [(0, 0.75), (63, 0.0625)],
      [(2, 0.5), (3, 0.125)],
      [(7, 0.0)],
      [],
    ]
    let stored: [[SparseEntry]] = [
      [SparseEntry(uid: 1, value: 40_000), SparseEntry(uid: 5, value: 0), SparseEntry(uid: 9, value: 65_535)],
      [SparseEntry(uid: 0, value: 1), SparseEntry(uid: 63, value: 30_000)],
      [SparseEntry(uid: 2, value: 9_999), SparseEntry(uid: 3, value: 7)],
      [SparseEntry(uid: 7, value: 0)],
      [],
    ]
    return (new, stored)
  }

  /// The EMA merge written out naively: each row's union of new and live stored columns in
  /// column order, the model's closures, entries kept if > 0, column sums in row order.
  static func naiveMerge<T: EpochScalar>(
    _ model: Model, rows: (new: [[(Int, Double)]], stored: [[SparseEntry]]), masked: Bool, as _: T.Type
  ) -> ([[(Int32, T)]], [T]) {
    let f = closures(model, as: T.self)
    var sums = [T](repeating: .zero, count: 64)
    let entries = zip(rows.new, rows.stored).map { newRow, storedRow in
      let live = storedRow.filter { !(masked && $0.uid == 2) }
      let columns = Set(newRow.map(\.0) + live.map(\.uid)).sorted()
      return columns.compactMap { j -> (Int32, T)? in
        let x = newRow.first { $0.0 == j }.map { T.from($0.1) }
        let b = live.first { $0.uid == j }.map { f.oldValue($0.value, j) }
        let v: T
        switch (x, b) {
        case let (x?, b?): v = f.both(x, b, j)
        case let (x?, nil): v = f.newOnly(x, j)
        case let (nil, b?): v = f.oldOnly(b, j)
        case (nil, nil): preconditionFailure("a column of the union")
        }
        if !(v > .zero) { return nil }
        sums[j] = sums[j] + v
        return (Int32(j), v)
      }
    }
    return (entries, sums)
  }

  /// Rows over 64 UIDs alternating between long ones (entries on at least a quarter of the
  /// columns: the stored-value row buffer is refilled) and short ones (it is cleared after),
  /// each short row weighting a column where the row before it has a stored value and it has none.
  static func alternatingInputs() -> (new: [[(Int, Double)]], stored: [[SparseEntry]]) {
    let long = (0..<12).map { (2 * $0, 0.03125 * Double($0 + 1)) }
    let longStored = (0..<12).map { SparseEntry(uid: 2 * $0 + 1 - $0 % 2, value: UInt16(5_000 * ($0 + 1))) }
    let new: [[(Int, Double)]] = [long, [(1, 0.5)], [(3, 0.25), (40, 0.5)], long, [(5, 0.125)]]
    let stored: [[SparseEntry]] = [
      longStored, [SparseEntry(uid: 50, value: 1_000)], [SparseEntry(uid: 40, value: 20_000)], longStored, [],
    ]
    return (new, stored)
  }

  /// Wide rows over 64 UIDs, each dense for the union merge: every column on both sides (all
  /// kept), one column missing on both sides (at 5, at 0, at 63: one dropped), two missing (3
  /// and 40), three (0, 1 and 63: side by side and at both ends), eight across two blocks of
  /// eight columns, one whole block of eight with a column of the next, one dropped column in
  /// every block, one new value 0 with no stored value (dropped by its value), new entries on
  /// the first half and stored ones on the second, and the stored side alone.
  static func wideInputs() -> (new: [[(Int, Double)]], stored: [[SparseEntry]]) {
    func new(_ columns: [Int]) -> [(Int, Double)] { columns.map { ($0, 0.0078125 * Double($0 % 13 + 1)) } }
    func stored(_ columns: [Int]) -> [SparseEntry] { columns.map { SparseEntry(uid: $0, value: UInt16(997 * ($0 % 29 + 1))) } }
    let all = Array(0..<64)
    let holes: [[Int]] = [
      [], [5], [0], [63], [3, 40], [0, 1, 63], [10, 11, 12, 13, 14, 15, 16, 17], [8, 9, 10, 11, 12, 13, 14, 15, 16],
      [2, 9, 16, 23, 30, 37, 44, 51, 58],
    ]
    var newRows = holes.map { h in new(all.filter { !h.contains($0) }) }
    var storedRows = holes.map { h in stored(all.filter { !h.contains($0) }) }
    newRows.append(new(all).map { $0.0 == 17 ? (17, 0.0) : $0 })
    storedRows.append(stored(all.filter { $0 != 17 }))
    newRows.append(new(Array(0..<32)))
    storedRows.append(stored(Array(32..<64)))
    newRows.append([])
    storedRows.append(stored(all))
    return (newRows, storedRows)
  }

  @Test(
    "Wide dense rows that keep every column, all but one, or fewer merge to the naive union's entries and column sums",
    arguments: Model.allCases, [true, false])
  func wideDenseRowsMergeToTheUnion(model: Model, masked: Bool) {
    func same<T: EpochScalar>(_: T.Type) -> Bool {
      let rows = Self.wideInputs()
      return Self.agree(
        Self.merged(model, columns: 64, masked: masked, rows: rows, sumColumns: 64, as: T.self),
        Self.naiveMerge(model, rows: rows, masked: masked, as: T.self))
    }
    #expect(same(Double.self))
    #expect(same(I32F32.self))
  }

  /// Wide rows over 64 UIDs whose stored rows hold exactly their columns (the steady state of a
  /// validator bonded to the columns it weights): every column; all but one (a validator
  /// without its own column: a short piece and a run); two runs around a hole; a run holding
  /// entries that are 0 on both sides (not kept, compacted in place), at its first and last
  /// column and inside; a row short of a run (entries by the `rest` piece) with one such entry.
  static func sameWideInputs() -> (new: [[(Int, Double)]], stored: [[SparseEntry]]) {
    let all = Array(0..<64)
    let zero: Set<Int> = [0, 20, 21, 41, 63]
    func new(_ columns: [Int], zeros: Set<Int> = []) -> [(Int, Double)] {
      columns.map { ($0, zeros.contains($0) ? 0 : 0.0078125 * Double($0 % 13 + 1)) }
    }
    func stored(_ columns: [Int], zeros: Set<Int> = []) -> [SparseEntry] {
      columns.map { SparseEntry(uid: $0, value: zeros.contains($0) ? 0 : UInt16(997 * ($0 % 29 + 1))) }
    }
    let rows: [([Int], Set<Int>)] = [
      (all, []), (all.filter { $0 != 5 }, []), (all.filter { $0 != 40 }, []), (all, zero),
      (all.filter { $0 % 4 != 1 }, [8]),
    ]
    return (rows.map { new($0.0, zeros: $0.1) }, rows.map { stored($0.0, zeros: $0.1) })
  }

  @Test(
    "Wide rows with no stored row merge run by run to the naive merge's entries and column sums, with union and without",
    arguments: Model.allCases)
  func wideRowsWithoutStoredBonds(model: Model) {
    func same<T: EpochScalar>(_: T.Type) -> Bool {
      // The wide rows (zero values among them) with every stored row empty.
      let wide = Self.wideInputs().new + [Array(0..<64).map { ($0, $0 % 3 == 0 ? 0.0 : 0.015625 * Double($0 % 7 + 1)) }]
      let rows = (new: wide, stored: [[SparseEntry]](repeating: [], count: wide.count))
      return Self.agree(
        Self.merged(model, columns: 64, masked: false, rows: rows, sumColumns: 64, as: T.self),
        Self.naiveMerge(model, rows: rows, masked: false, as: T.self))
        && Self.agree(
          Self.merged(model, columns: 64, masked: false, rows: rows, union: false, sumColumns: 64, as: T.self),
          Self.naiveNewOnlyMerge(model, rows: rows, as: T.self))
    }
    #expect(same(Double.self))
    #expect(same(I32F32.self))
  }

  /// The merge without union written out naively: each new entry with its live stored value
  /// (0 where there is none), kept if > 0.
  static func naiveNewOnlyMerge<T: EpochScalar>(
    _ model: Model, rows: (new: [[(Int, Double)]], stored: [[SparseEntry]]), as _: T.Type
  ) -> ([[(Int32, T)]], [T]) {
    let f = closures(model, as: T.self)
    var sums = [T](repeating: .zero, count: 64)
    let entries = zip(rows.new, rows.stored).map { newRow, storedRow in
      newRow.compactMap { j, x -> (Int32, T)? in
        let v = f.both(T.from(x), f.oldValue(storedRow.first { $0.uid == j }?.value ?? 0, j), j)
        if !(v > .zero) { return nil }
        sums[j] = sums[j] + v
        return (Int32(j), v)
      }
    }
    return (entries, sums)
  }

  @Test(
    "Without union, long and short rows in turn merge to the naive merge's entries and column sums (no stale stored value)",
    arguments: Model.allCases)
  func newOnlyMergeOfAlternatingRows(model: Model) {
    func same<T: EpochScalar>(_: T.Type) -> Bool {
      let rows = Self.alternatingInputs()
      return Self.agree(
        Self.merged(model, columns: 64, masked: false, rows: rows, union: false, sumColumns: 64, as: T.self),
        Self.naiveNewOnlyMerge(model, rows: rows, as: T.self))
    }
    #expect(same(Double.self))
    #expect(same(I32F32.self))
  }

  @Test(
    "Without union, both computed a whole row at a time gives the entry-by-entry merge and the naive one, rows with dropped entries or none, over their stored rows' columns (kept whole, run by run and piece by piece) or not, with and without a masked column",
    arguments: Model.allCases)
  func wholeRowsMergeAsEntries(model: Model) {
    func same<T: EpochScalar>(_: T.Type) -> Bool {
      let inputs = [Self.alternatingInputs(), Self.wideInputs(), Self.sameColumnInputs(), Self.sameWideInputs()]
      return inputs.allSatisfy { rows in
        [false, true].allSatisfy { masked in
          let whole = Self.merged(
            model, columns: 64, masked: masked, rows: rows, union: false, sumColumns: 64, wholeRows: true, as: T.self)
          return Self.agree(
            whole, Self.merged(model, columns: 64, masked: masked, rows: rows, union: false, sumColumns: 64, as: T.self))
            && (masked || Self.agree(whole, Self.naiveNewOnlyMerge(model, rows: rows, as: T.self)))
        }
      }
    }
    #expect(same(Double.self))
    #expect(same(I32F32.self))
  }

  static func agree<T: EpochScalar>(_ a: ([[(Int32, T)]], [T]), _ b: ([[(Int32, T)]], [T])) -> Bool {
    a.0.count == b.0.count
      && zip(a.0, b.0).allSatisfy { x, y in x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 } }
      && a.1 == b.1
  }

  @Test(
    "A sparse or wide dense row over its stored row's columns merges to the naive union's entries and column sums (wide rows run by run, with entries not kept), checked or not, with and without a masked column, entry by entry or as a whole row",
    arguments: Model.allCases, [true, false])
  func sameColumnMergeIsTheUnion(model: Model, masked: Bool) {
    func same<T: EpochScalar>(_: T.Type, wide: Bool) -> Bool {
      let rows = wide ? Self.sameWideInputs() : Self.sameColumnInputs()
      let expected = Self.naiveMerge(model, rows: rows, masked: masked, as: T.self)
      return [false, true].allSatisfy { checked in
        [false, true].allSatisfy { sameRows in
          Self.agree(
            Self.merged(
              model, columns: 64, masked: masked, rows: rows, checked: checked, sumColumns: 64, sameRows: sameRows,
              as: T.self),
            expected)
        }
      }
    }
    for wide in [false, true] {
      #expect(same(Double.self, wide: wide))
      #expect(same(I32F32.self, wide: wide))
    }
  }

  static func same<T: EpochScalar>(_ model: Model, masked: Bool, as type: T.Type) -> Bool {
    agree(merged(model, columns: 4, masked: masked, as: type), merged(model, columns: 64, masked: masked, as: type))
  }

  // Liquid alpha (no union) merges every row through the row buffer, so it has no sparse twin.
  @Test(
    "A dense EMA row merges to the entries and column sums of the two-cursor merge, with and without a masked column",
    arguments: Model.allCases, [true, false])
  func denseMergeIsTheSparseMerge(model: Model, masked: Bool) {
    #expect(Self.same(model, masked: masked, as: Double.self))
    #expect(Self.same(model, masked: masked, as: I32F32.self))
  }

  /// A subnet whose validators store rows over every UID (self column, a masked late
  /// registration, commit-reveal on), with the rows stored ascending or descending.
  static func weightState(descending: Bool) -> SubnetEpochState {
    let n = 12
    var state = SubnetEpochState(n: n, registeredAt: 0)
    for i in 0..<4 {
      state.validatorPermit[i] = true
      state.lastUpdate[i] = 50
      var row = (0..<n).map { j in SparseEntry(uid: j, value: UInt16((i * 7_919 + j * 104_729) % 65_536)) }
      if descending { row.reverse() }
      state.weights[i] = row
    }
    state.registrationBlock[5] = 60  // after every validator's last update: outdated
    state.registrationBlock[7] = 40  // after validator 1's earliest commit
    state.earliestCommitBlock[1] = 30
    return state
  }

  @Test("A weight row stored ascending gives the matrix of the general loop", arguments: Arithmetic.allCases)
  func ascendingRowsMatchTheGeneralLoop(arithmetic: Arithmetic) throws {
    func matrix<T: EpochScalar>(_: T.Type) throws -> Bool {
      let permits = UnsafeMutablePointer<Bool>.allocate(capacity: 12)
      defer { permits.deallocate() }
      for i in 0..<12 { permits[i] = i < 4 }
      func read(_ descending: Bool) throws -> [[(Int32, T)]] {
        let ws = EpochScratch<T>()
        let w = try EpochEngine<T>.weightMatrix(
          Self.weightState(descending: descending), oldPermit: permits, owner: 2, commitReveal: true, scratch: ws)
        return (0..<w.rows).map { i in (w.start[i]..<w.start[i + 1]).map { (w.col[$0], w.val[$0]) } }
      }
      let fast = try read(false)
      let general = try read(true)
      return fast.count == general.count
        && zip(fast, general).allSatisfy { a, b in
          a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        }
    }
    switch arithmetic {
    case .double: #expect(try matrix(Double.self))
    case .fixed: #expect(try matrix(I32F32.self))
    }
  }
}
