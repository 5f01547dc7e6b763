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

  /// The merged rows (column, value) and the column sums of the first four columns, merging the
  /// inputs inside a subnet of `columns` UIDs.
  static func merged<T: EpochScalar>(
    _ model: Model, columns n: Int, masked: Bool, as _: T.Type
  ) -> ([[(Int32, T)]], [T]) {
    let (newRows, storedRows) = inputs()
    let start = UnsafeMutablePointer<Int>.allocate(capacity: n + 1)
    let col = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    let val = UnsafeMutablePointer<T>.allocate(capacity: 16)
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
    let divisors = (0..<n).map { T.divisor(T.from(0.5 + Double($0))) }
    let deltaDivisors = (0..<n).map { T.divisor(T.from(1.25 + 0.5 * Double($0))) }
    var hp = EpochHyperparameters()
    hp.bondsMovingAverage = model == .yuma2NegativeRate ? 1_500_000 : 900_000
    let rate = T.emaRate(bondsMovingAverage: hp.bondsMovingAverage)
    let keepRate = T.one - rate
    let proportion = U16Proportion<T>()
    let merged: SparseRows<T>? = registration.withUnsafeBufferPointer { r in
      switch model {
      case .yuma2, .yuma2NegativeRate:
        return EpochEngine<T>.mergeEMA(
          new: new, stored: stored, registration: r, lastTempo: 100, union: true, scratch: ws, sums: sums,
          oldValue: { value, j in T.divide(T.integer(Int64(value)), by: divisors[j]) },
          both: { x, b, j in rate * T.divide(x, by: deltaDivisors[j]) + keepRate * b },
          newOnly: { x, j in rate * T.divide(x, by: deltaDivisors[j]) },
          oldOnly: { b, _ in T.zero + keepRate * b })
      case .yuma3:
        return EpochEngine<T>.mergeEMA(
          new: new, stored: stored, registration: r, lastTempo: 100, union: true, scratch: ws, sums: sums,
          oldValue: { value, _ in proportion.value(value) }, both: { w, b, _ in rate * w + keepRate * b },
          newOnly: { w, _ in rate * w }, oldOnly: { b, _ in T.zero + keepRate * b })
      }
    }
    let result = merged!  // every stored row here is clean
    let rows = (0..<4).map { i in (result.start[i]..<result.start[i + 1]).map { (result.col[$0], result.val[$0]) } }
    return (rows, (0..<4).map { sums[$0] })
  }

  static func same<T: EpochScalar>(_ model: Model, masked: Bool, as type: T.Type) -> Bool {
    let dense = merged(model, columns: 4, masked: masked, as: type)
    let sparse = merged(model, columns: 64, masked: masked, as: type)
    let rowsAgree = dense.0.count == sparse.0.count
      && zip(dense.0, sparse.0).allSatisfy { a, b in
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
      }
    return rowsAgree && dense.1 == sparse.1
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
