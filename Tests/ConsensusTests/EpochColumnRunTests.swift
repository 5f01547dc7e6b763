import EpochTypes
import Testing

@testable import Consensus

/// Row passes that read runs of consecutive columns in place give exactly what the
/// entry-by-entry loops give, on rows that are full, full but for one column, sparse, or mixed.
@Suite("Epoch column runs")
struct EpochColumnRunTests {

  static let n = 96

  /// Row column sets over ``n`` UIDs: full, full without one column (the diagonal of a validator
  /// row), a run then every third column, every other column (no long run), short pieces then a
  /// long run, a long run then a single column far away, and an empty row.
  static let columnSets: [[Int]] = [
    Array(0..<n),
    (0..<n).filter { $0 != 5 },
    Array(0..<40) + stride(from: 41, to: n, by: 3),
    stride(from: 0, to: n, by: 2).map { $0 },
    stride(from: 0, to: 30, by: 3).map { $0 } + Array(31..<n),
    Array(10..<70) + [95],
    [],
  ]

  /// The rows of ``columnSets`` with values in (0, 1] of very different magnitudes (so that
  /// another order of additions rounds differently), then empty rows up to ``n`` (the epoch's
  /// matrices are n × n), as a ``SparseRows`` over fresh buffers.
  static func rows<T: EpochScalar>(_ rng: inout SplitMix64, as _: T.Type) -> (SparseRows<T>, () -> Void) {
    let total = columnSets.map(\.count).reduce(0, +)
    let rows = n
    let start = UnsafeMutablePointer<Int>.allocate(capacity: rows + 1)
    let col = UnsafeMutablePointer<Int32>.allocate(capacity: total)
    let val = UnsafeMutablePointer<T>.allocate(capacity: total)
    var count = 0
    for i in 0..<rows {
      let columns = i < columnSets.count ? columnSets[i] : []
      start[i] = count
      for j in columns {
        col[count] = Int32(j)
        val[count] = T.from(Double(1 + rng.next() % 1_000) / 1_000 * (rng.next() % 3 == 0 ? 1e-9 : 1))
        count += 1
      }
    }
    start[rows] = count
    return (SparseRows(start: start, col: col, val: val, rows: rows), { start.deallocate(); col.deallocate(); val.deallocate() })
  }

  /// Per-column vectors: divisors above the values' sums and incentives in [0, 1).
  static func columns<T: EpochScalar>(_ rng: inout SplitMix64, as _: T.Type) -> ([T.Divisor], [T]) {
    let d = (0..<n).map { _ in T.divisor(T.from(1 + Double(rng.next() % 10_000) / 997)) }
    let incentive = (0..<n).map { _ in T.from(Double(rng.next() % 10_000) / 10_000) }
    return (d, incentive)
  }

  static func same<T: EpochScalar>(_ a: T, _ b: T) -> Bool {
    if let x = a as? Double, let y = b as? Double { return x.bitPattern == y.bitPattern }
    return a == b
  }

  @Test("A run of consecutive columns ends where the next column is not the next UID", arguments: [UInt64(1), 2, 3])
  func runEndsAtTheFirstGap(seed: UInt64) {
    var rng = SplitMix64(state: seed)
    let random = (0..<50).filter { _ in rng.next() % 4 != 0 }
    for columns in Self.columnSets + [[3], [0, 2], random] where !columns.isEmpty {
      let col = UnsafeMutablePointer<Int32>.allocate(capacity: columns.count)
      let start = UnsafeMutablePointer<Int>.allocate(capacity: 2)
      defer { col.deallocate(); start.deallocate() }
      for (k, j) in columns.enumerated() { col[k] = Int32(j) }
      let m = SparseRows(start: start, col: col, val: UnsafeMutablePointer<Double>(bitPattern: 8)!, rows: 0)
      for k in columns.indices {
        var end = k + 1
        while end < columns.count && columns[end] == columns[k] + (end - k) { end += 1 }
        #expect(m.runEnd(from: k, to: columns.count) == end, "columns \(columns), from \(k)")
      }
    }
  }

  /// Yuma 2's normalisation, dividends and column maxima through ``EpochEngine/normalizedTerms``
  /// and the entry-by-entry loop it replaced.
  static func normalisationAgrees<T: EpochScalar>(seed: UInt64, as type: T.Type) -> Bool {
    var rng = SplitMix64(state: seed)
    let (m, free) = rows(&rng, as: type)
    defer { free() }
    var (d, incentive) = columns(&rng, as: type)
    let rowCount = m.rows
    // The entry-by-entry loop on a copy of the values.
    var values = (0..<m.count).map { m.val[$0] }
    var maxima = [T](repeating: .zero, count: n)
    var dividends = [T](repeating: .zero, count: rowCount)
    for i in 0..<rowCount {
      var s = T.zero
      for k in m.start[i]..<m.start[i + 1] {
        let j = Int(m.col[k])
        let x = T.divide(values[k], by: d[j])
        values[k] = x
        s = s + x * incentive[j]
        maxima[j] = maxima[j] < x ? x : maxima[j]
      }
      dividends[i] = s
    }
    let terms = UnsafeMutablePointer<T>.allocate(capacity: m.count)
    let fastMaxima = UnsafeMutablePointer<T>.allocate(capacity: n)
    let sums = UnsafeMutablePointer<T>.allocate(capacity: rowCount)
    let stake = UnsafeMutablePointer<T>.allocate(capacity: rowCount)
    defer { terms.deallocate(); fastMaxima.deallocate(); sums.deallocate(); stake.deallocate() }
    fastMaxima.initialize(repeating: .zero, count: n)
    stake.initialize(repeating: .zero, count: rowCount)  // every row is summed all the same
    d.withUnsafeMutableBufferPointer { dp in
      incentive.withUnsafeMutableBufferPointer { ip in
        EpochEngine<T>.normalizedTerms(
          m, divisors: dp.baseAddress!, incentive: ip.baseAddress!, maxima: fastMaxima, into: terms)
      }
    }
    EpochEngine<T>.rowSums(m, terms, stake: stake, everyRow: true, into: sums)
    return (0..<m.count).allSatisfy { same(m.val[$0], values[$0]) }
      && (0..<n).allSatisfy { same(fastMaxima[$0], maxima[$0]) }
      && (0..<rowCount).allSatisfy { same(sums[$0], dividends[$0]) }
  }

  @Test(
    "Yuma 2's B' normalisation over column runs gives the values, maxima and dividends of the entry loop",
    arguments: [UInt64(11), 12, 13])
  func normalisationOverRuns(seed: UInt64) {
    #expect(Self.normalisationAgrees(seed: seed, as: Double.self))
    #expect(Self.normalisationAgrees(seed: seed, as: I32F32.self))
  }

  /// Yuma 3's dividend terms through ``EpochEngine/dividendTerms`` and entry by entry, with one
  /// row without active stake (its terms are not written).
  static func dividendTermsAgree<T: EpochScalar>(seed: UInt64, as type: T.Type) -> Bool {
    var rng = SplitMix64(state: seed)
    let (m, free) = rows(&rng, as: type)
    defer { free() }
    var (d, incentive) = columns(&rng, as: type)
    let stake = UnsafeMutablePointer<T>.allocate(capacity: m.rows)
    let terms = UnsafeMutablePointer<T>.allocate(capacity: m.count)
    let gd = UnsafeMutablePointer<T.Divisor>.allocate(capacity: n)
    let gi = UnsafeMutablePointer<T>.allocate(capacity: n)
    defer { stake.deallocate(); terms.deallocate(); gd.deallocate(); gi.deallocate() }
    for i in 0..<m.rows { stake[i] = i == 2 ? .zero : T.from(0.125) }
    terms.initialize(repeating: .one, count: m.count)
    d.withUnsafeMutableBufferPointer { dp in
      incentive.withUnsafeMutableBufferPointer { ip in
        EpochEngine<T>.dividendTerms(
          m, stake: stake, divisors: dp.baseAddress!, incentive: ip.baseAddress!, gatheredDivisors: gd,
          gatheredIncentive: gi, into: terms)
      }
    }
    for i in 0..<m.rows {
      for k in m.start[i]..<m.start[i + 1] {
        let j = Int(m.col[k])
        let expected = stake[i] == .zero ? T.one : T.divide(m.val[k], by: d[j]) * incentive[j]
        if !same(terms[k], expected) { return false }
      }
    }
    return true
  }

  @Test("Yuma 3's dividend terms over column runs are the entry loop's terms", arguments: [UInt64(21), 22])
  func dividendTermsOverRuns(seed: UInt64) {
    #expect(Self.dividendTermsAgree(seed: seed, as: Double.self))
    #expect(Self.dividendTermsAgree(seed: seed, as: I32F32.self))
  }

  /// Yuma 2's storage rows (the column max-upscale) over column runs and entry by entry.
  static func storageAgrees<T: EpochScalar>(seed: UInt64, as type: T.Type) -> Bool {
    var rng = SplitMix64(state: seed)
    let (m, free) = rows(&rng, as: type)
    defer { free() }
    let divisors = UnsafeMutablePointer<T.Divisor>.allocate(capacity: n)
    defer { divisors.deallocate() }
    for j in 0..<n { (divisors + j).initialize(to: T.divisor(T.from(Double(1 + rng.next() % 1_000) / 1_000))) }
    let permits = (0..<m.rows).map { $0 != 1 }
    let stored = EpochEngine<T>.storageRows(m, newPermit: permits, columnDivisors: divisors, scratch: EpochScratch<T>())
    let expected: [[SparseEntry]] = (0..<m.rows).map { i in
      if !permits[i] { return [] }
      return (m.start[i]..<m.start[i + 1]).map { k in
        SparseEntry(uid: Int(m.col[k]), value: T.divide(m.val[k], by: divisors[Int(m.col[k])]).u16Proportion)
      }
    }
    return stored == expected
  }

  @Test("Yuma 2's storage rows over column runs equal the rows built entry by entry", arguments: [UInt64(31), 32])
  func storageOverRuns(seed: UInt64) {
    #expect(Self.storageAgrees(seed: seed, as: Double.self))
    #expect(Self.storageAgrees(seed: seed, as: I32F32.self))
  }

  /// Clipping with β = 1 (W̄ without removed entries, trust, ranks) through ``EpochEngine/clip``
  /// and entry by entry; with `removing`, one column's consensus is 0 (its entries are removed,
  /// inside the long runs) and another's clips every value.
  static func clipAgrees<T: EpochScalar>(seed: UInt64, removing: Bool, as type: T.Type) -> Bool {
    var rng = SplitMix64(state: seed)
    let (w, free) = rows(&rng, as: type)
    defer { free() }
    var consensus = (0..<n).map { _ in T.from(Double(1 + rng.next() % 1_000) / 1_000) }
    if removing {
      consensus[50] = .zero
      consensus[20] = T.from(1e-12)
    }
    var stake = (0..<n).map { i in i == 1 ? T.zero : T.from(Double(1 + i % 5) / 8) }
    var trust = [T](repeating: .one, count: n)
    var ranks = [T](repeating: .one, count: n)
    var sums = [T](repeating: .zero, count: n)
    let ws = EpochScratch<T>()
    let bar = consensus.withUnsafeMutableBufferPointer { c in
      stake.withUnsafeMutableBufferPointer { a in
        trust.withUnsafeMutableBufferPointer { t in
          ranks.withUnsafeMutableBufferPointer { r in
            sums.withUnsafeMutableBufferPointer { s in
              let m = EpochEngine<T>.clip(
                w, consensus: c.baseAddress!, stake: a.baseAddress!, trust: t.baseAddress!, ranks: r.baseAddress!,
                beta: .one, scaled: false, columnSums: s.baseAddress!, scratch: ws)
              return (0..<m.rows).map { i in (m.start[i]..<m.start[i + 1]).map { (m.col[$0], m.val[$0]) } }
            }
          }
        }
      }
    }
    var expectedRanks = [T](repeating: .zero, count: n)
    for i in 0..<n {
      var vt = T.zero
      var row: [(Int32, T)] = []
      for k in w.start[i]..<w.start[i + 1] {
        let j = Int(w.col[k])
        let x = w.val[k]
        let clipped = min(x, consensus[j])
        vt = vt + clipped
        if stake[i] != .zero { expectedRanks[j] = expectedRanks[j] + stake[i] * clipped }
        if x <= consensus[j] || consensus[j] > .zero { row.append((Int32(j), clipped)) }
      }
      if !same(trust[i], vt) || bar[i].count != row.count { return false }
      if !zip(bar[i], row).allSatisfy({ $0.0 == $1.0 && same($0.1, $1.1) }) { return false }
    }
    return (0..<n).allSatisfy { same(ranks[$0], expectedRanks[$0]) }
  }

  @Test(
    "Clipping with β = 1 over column runs gives the W̄ rows, trust and ranks of the entry loop, with and without removed entries",
    arguments: [UInt64(41), 42], [false, true])
  func clipOverRuns(seed: UInt64, removing: Bool) {
    #expect(Self.clipAgrees(seed: seed, removing: removing, as: Double.self))
    #expect(Self.clipAgrees(seed: seed, removing: removing, as: I32F32.self))
  }

  /// The liquid-alpha rate from its exponent and exponential taken apart, as the whole-row merge
  /// takes it, against the rate in one call, on weights, bonds and consensus around each other.
  static func sigmoidAgrees<T: EpochScalar>(seed: UInt64, as _: T.Type) -> Bool {
    var rng = SplitMix64(state: seed)
    var hp = EpochHyperparameters()
    hp.liquidAlpha = true
    let sigmoid = LiquidAlphaSigmoid<T>(hp)
    return (0..<2_000).allSatisfy { _ in
      let c = T.from(Double(rng.next() % 1_001) / 1_000)
      let w = T.from(Double(rng.next() % 1_001) / 1_000)
      let b = rng.next() % 4 == 0 ? w : T.from(Double(rng.next() % 1_001) / 1_000)
      let split = sigmoid.rate(exponential: T.clampedExp(sigmoid.exponent(consensus: c, weight: w, bond: b)))
      return same(split, sigmoid.rate(consensus: c, weight: w, bond: b))
    }
  }

  @Test("The liquid-alpha rate taken apart into exponent, exponential and rate is the rate in one call", arguments: [UInt64(51)])
  func sigmoidTakenApart(seed: UInt64) {
    #expect(Self.sigmoidAgrees(seed: seed, as: Double.self))
    #expect(Self.sigmoidAgrees(seed: seed, as: I32F32.self))
  }

  @Test(
    "A weight row's u16 values, and single stored bonds, divided by their total in Double are the prepared quotients, totals up to 2³¹ and beyond",
    arguments: [UInt64(61), 62, 63])
  func integerRowDivision(seed: UInt64) {
    var rng = SplitMix64(state: seed)
    var totals: [Int64] = [1, 2, 3, 65_535, 65_536, 1 << 30, Int64(Int32.max) - 1, Int64(Int32.max), 1 << 31, 1 << 40]
    for _ in 0..<200 { totals.append(Int64(1 + rng.next() % UInt64(Int32.max))) }
    var mismatches = 0
    for total in totals {
      // Values up to the total (a row's values are parts of its sum), the ends included.
      let top = min(total, 65_535)
      var values: [Int64] = [0, 1, top, max(0, top - 1), top / 2, top / 3]
      for _ in 0..<64 { values.append(Int64(rng.next() % UInt64(top + 1))) }
      let sum = I32F32.integerTotal(total)
      let row = UnsafeMutablePointer<I32F32>.allocate(capacity: values.count)
      defer { row.deallocate() }
      for (k, p) in values.enumerated() { row[k] = I32F32.integer(p) }
      I32F32.divide(integers: row, count: values.count, total: total, sum: sum)
      let d = I32F32.divisor(sum)
      for (k, p) in values.enumerated() where row[k] != I32F32.divide(I32F32.integer(p), by: d) { mismatches += 1 }
      // One value over its column's total (Yuma 2's stored bonds), below 2³¹, both arithmetics.
      if total < 1 << 31 {
        let dd = Double.divisor(Double.integerTotal(total))
        for p in values {
          let fixed = I32F32.quotient(integer: UInt16(p), total: Double(total))
          let double = Double.quotient(integer: UInt16(p), total: Double(total))
          if fixed != I32F32.divide(I32F32.integer(p), by: d) { mismatches += 1 }
          if double.bitPattern != Double.divide(Double.integer(p), by: dd).bitPattern { mismatches += 1 }
        }
      }
    }
    #expect(mismatches == 0)
  }

  @Test("A weight row over live columns copied without its mask is the masked copy's row, diagonal anywhere, and a row out of order is refused by both")
  func liveRowIsTheMaskedRow() {
    let n = 40
    let registration = [Int64](repeating: 3, count: n)
    let fast = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let general = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let fastValues = UnsafeMutablePointer<I32F32>.allocate(capacity: n)
    let generalValues = UnsafeMutablePointer<I32F32>.allocate(capacity: n)
    defer { fast.deallocate(); general.deallocate(); fastValues.deallocate(); generalValues.deallocate() }
    // Ascending rows, and rows out of order or with a repeated UID (refused by both), the
    // disorder before, at, right after or far from the diagonal.
    let disordered: [[Int]] = [[3, 1, 5], [1, 1, 2], [0, 6, 7, 5, 8], [0, 7, 6, 8], [0, 1, 2, 16, 7], [7, 7], [5, 4]]
    for uids in [Array(0..<n), [1, 4, 9, 16, 25, 36], [7], [0], [39]] + disordered {
      let row = uids.map { SparseEntry(uid: $0, value: UInt16(1_000 + 17 * $0)) }
      for skip in [-1, 0, 7, 16, 39] {
        let (a, b) = row.withUnsafeBufferPointer { r in
          registration.withUnsafeBufferPointer { reg in
            (
              EpochEngine<I32F32>.ascendingRow(
                r, columns: n, skipping: skip, registration: reg.baseAddress!, below: 4, everyColumnLive: true,
                col: fast, val: fastValues),
              EpochEngine<I32F32>.ascendingRow(
                r, columns: n, skipping: skip, registration: reg.baseAddress!, below: 4, col: general,
                val: generalValues)
            )
          }
        }
        #expect((a == nil) == (b == nil) && (b == nil) == disordered.contains(uids), "row \(uids), skip \(skip)")
        #expect(a?.0 == b?.0 && a?.1 == b?.1, "row \(uids), skip \(skip)")
        let count = a?.0 ?? 0
        #expect((0..<count).allSatisfy { fast[$0] == general[$0] && fastValues[$0] == generalValues[$0] })
      }
    }
  }
}
