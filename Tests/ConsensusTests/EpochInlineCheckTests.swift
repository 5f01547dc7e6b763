import EpochTypes
import Testing

@testable import Consensus

/// The checks and selections the epoch does inside its main passes (the bond-row order check
/// inside the bond passes, the permit selection) give what the separate scan and the sort gave.
@Suite("Epoch checks inside the passes")
struct EpochInlineCheckTests {

  /// The permits of spec §3.3 by the definition: a stable ascending sort by stake drops the
  /// first n − K; zero stakes never hold one.
  static func sortedTopK(_ s: [Double], k: Int) -> [Bool] {
    let n = s.count
    var result = s.map { $0 != 0 }
    if n < k { return result }
    let order = (0..<n).sorted { s[$0] != s[$1] ? s[$0] < s[$1] : $0 < $1 }
    for i in order.prefix(n - max(k, 0)) { result[i] = false }
    return result
  }

  @Test(
    "Selecting the lowest stakes gives the permits of the stable sort, with ties, zeros and every K",
    arguments: [UInt64(1), 2, 3, 16, 0x5EED])
  func selectionIsTheSort(seed: UInt64) {
    var scratch = ScratchBuffer<Int>()
    defer { scratch.release() }
    Self.forEachStakeCase(seed: seed) { s, k, _ in
      let selected = s.withUnsafeBufferPointer { EpochEngine<Double>.topKNonZero($0, k: k, order: &scratch) }
      #expect(selected == Self.sortedTopK(s, k: k), "n \(s.count), k \(k)")
    }
  }

  /// Stakes over 0 to 257 UIDs, few distinct values (many ties) or many, about a quarter zeros,
  /// with every K around the interesting ones; `body(s, k, rng)`.
  static func forEachStakeCase(seed: UInt64, _ body: ([Double], Int, inout SplitMix64) -> Void) {
    var rng = SplitMix64(state: seed)
    for n in [0, 1, 2, 3, 7, 64, 257] {
      let levels: UInt64 = rng.next() % 2 == 0 ? 3 : 1_000
      let s = (0..<n).map { _ in rng.next() % 4 == 0 ? 0.0 : Double(1 + rng.next() % levels) / 7 }
      for k in [0, 1, 2, n / 3, n / 2, n - 1, n, n + 1] where k >= 0 { body(s, k, &rng) }
    }
  }

  @Test(
    "The last epoch's permits, the owner's included or not, are kept exactly when they are still the sort's, and any other last permits give the sort's",
    arguments: [UInt64(1), 2, 3, 16, 0x5EED])
  func previousPermitsGiveTheSort(seed: UInt64) {
    var scratch = ScratchBuffer<Int>()
    defer { scratch.release() }
    Self.forEachStakeCase(seed: seed) { s, k, rng in
      let n = s.count
      let expected = Self.sortedTopK(s, k: k)
      let outsider = expected.firstIndex(of: false) ?? -1
      // The sort's own permits, with an outsider as owner holding one too, with one swapped for
      // an outsider, and random ones.
      var withOwner = expected
      if outsider >= 0 { withOwner[outsider] = true }
      var swapped = expected
      if outsider >= 0, let member = expected.firstIndex(of: true) {
        swapped[member] = false
        swapped[outsider] = true
      }
      let random = (0..<n).map { _ in rng.next() % 2 == 0 }
      for (previous, owner) in [(expected, -1), (withOwner, outsider), (withOwner, -1), (swapped, outsider), (random, 0)] {
        let selected = s.withUnsafeBufferPointer { s in
          previous.withUnsafeBufferPointer {
            EpochEngine<Double>.topKNonZero(s, k: k, order: &scratch, previous: $0, owner: owner)
          }
        }
        #expect(selected == expected, "n \(n), k \(k), owner \(owner)")
      }
      // The shortcut is taken for the sort's permits whenever more than K stakes are non-zero.
      let nonZero = s.filter { $0 != 0 }.count
      if k > 0 && nonZero > k {
        for (previous, owner) in [(expected, -1), (withOwner, outsider)] {
          let kept = s.withUnsafeBufferPointer { s in
            previous.withUnsafeBufferPointer {
              EpochEngine<Double>.previousPermitsStillHighest(s, k: k, previous: $0, owner: owner)
            }
          }
          #expect(kept != nil, "n \(n), k \(k), owner \(owner)")
        }
      }
    }
  }

  @Test("A validator that is tied at the permit boundary loses it to the higher UID, in fixed point too")
  func tiesAtTheBoundaryInFixedPoint() {
    var scratch = ScratchBuffer<Int>()
    defer { scratch.release() }
    let s = [3, 1, 2, 2, 2, 0, 2].map { I32F32(integer: $0) }
    let selected = s.withUnsafeBufferPointer { EpochEngine<I32F32>.topKNonZero($0, k: 3, order: &scratch) }
    #expect(selected == [true, false, false, false, true, false, true])
  }

  /// Eight UIDs, four validators with weights on 4 and 6 and clean stored bonds on them.
  static func subnet() -> SubnetEpochState {
    var state = EpochTests.subnet()
    state.lastMechanismStepBlock = 10  // bonds on UIDs registered at block 1 are live
    for i in 0..<4 {
      state.weights[i] = [SparseEntry(uid: 4, value: 100), SparseEntry(uid: 6, value: 300)]
      state.lastUpdate[i] = 10
      state.bonds[i] = [SparseEntry(uid: 4, value: 500 + UInt16(i)), SparseEntry(uid: 6, value: 900)]
    }
    return state
  }

  static func hyperparameters(_ model: Int) -> EpochHyperparameters {
    var hp = EpochTests.hp(yuma3: model > 0)
    hp.liquidAlpha = model == 2
    return hp
  }

  @Test(
    "Only the last bond row out of order gives the epoch of the sorted rows, in Yuma 2, Yuma 3 and liquid alpha",
    arguments: Arithmetic.allCases, [0, 1, 2])
  func lastRowOutOfOrder(arithmetic: Arithmetic, model: Int) throws {
    let sorted = Self.subnet()
    var unordered = sorted
    unordered.bonds[3] = [SparseEntry(uid: 6, value: 900), SparseEntry(uid: 4, value: 503), SparseEntry(uid: 4, value: 1)]
    let hp = Self.hyperparameters(model)
    let x = try YumaEpoch.run(sorted, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    let y = try YumaEpoch.run(unordered, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    #expect(x == y)
  }

  @Test(
    "A negative bond UID after clean rows is refused with its row, in Yuma 2, Yuma 3 and liquid alpha",
    arguments: Arithmetic.allCases, [0, 1, 2])
  func negativeUIDAfterCleanRows(arithmetic: Arithmetic, model: Int) {
    var state = Self.subnet()
    state.bonds[5] = [SparseEntry(uid: -3, value: 5)]
    state.bonds[7] = [SparseEntry(uid: 2, value: 5), SparseEntry(uid: -1, value: 5)]
    #expect(throws: EpochInputError.uidOutOfRange(field: "bonds", row: 5, uid: -3)) {
      try YumaEpoch.run(
        state, hyperparameters: Self.hyperparameters(model), block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    }
  }

  @Test("A repeated UID in a stored bond row is not clean; an empty or ascending row is")
  func cleanRows() {
    func clean(_ uids: [Int]) -> Bool {
      uids.map { SparseEntry(uid: $0, value: 1) }.withUnsafeBufferPointer { EpochEngine<Double>.isCleanBondRow($0) }
    }
    #expect(clean([]) && clean([0]) && clean([0, 3, 9]))
    #expect(!clean([3, 3]) && !clean([4, 2]) && !clean([-1]) && !clean([0, -5]))
  }

  @Test(
    "Row sums taken four rows side by side equal each row's running sum, bit for bit, for any row lengths",
    arguments: [UInt64(5), 6, 7])
  func rowSumsAreRunningSums(seed: UInt64) {
    var rng = SplitMix64(state: seed)
    for rows in [1, 3, 4, 5, 9, 17] {
      let lengths = (0..<rows).map { _ in Int(rng.next() % 12) }
      let stake = (0..<rows).map { _ in rng.next() % 5 == 0 ? 0.0 : 1.0 }
      // Terms of very different magnitudes, so that another order of additions rounds differently.
      let values = lengths.map { l in (0..<l).map { _ in Double(rng.next() % 1_000) * (rng.next() % 2 == 0 ? 1e-17 : 1) } }
      let start = UnsafeMutablePointer<Int>.allocate(capacity: rows + 1)
      let terms = UnsafeMutablePointer<Double>.allocate(capacity: max(1, lengths.reduce(0, +)))
      let a = UnsafeMutablePointer<Double>.allocate(capacity: rows)
      let sums = UnsafeMutablePointer<Double>.allocate(capacity: rows)
      defer { start.deallocate(); terms.deallocate(); a.deallocate(); sums.deallocate() }
      var count = 0
      for i in 0..<rows {
        start[i] = count
        a[i] = stake[i]
        for x in values[i] {
          terms[count] = x
          count += 1
        }
      }
      start[rows] = count
      let m = SparseRows(start: start, col: UnsafeMutablePointer<Int32>(bitPattern: 8)!, val: terms, rows: rows)
      EpochEngine<Double>.rowSums(m, terms, stake: a, into: sums)
      for i in 0..<rows {
        var running = 0.0
        if stake[i] != 0 { for x in values[i] { running = running + x } }
        #expect(sums[i].bitPattern == running.bitPattern, "rows \(rows), row \(i)")
      }
    }
  }

  @Test("A stored u16 proportion read back without a division is p / 65535 bit for bit, for every u16")
  func proportionWithoutDivision() {
    let d = Double.divisor(65_535)
    var mismatches = 0
    for p in 0...65_535 {
      let exact = Double(p) / 65_535.0
      if Double.proportion(u16: UInt16(p), by: d).bitPattern != exact.bitPattern { mismatches += 1 }
    }
    #expect(mismatches == 0)
    // Fixed point: p · 65 537 + ⌊p / 65 535⌋, every u16 against the division.
    let fixed = I32F32.divisor(I32F32(integer: 65_535))
    var fixedMismatches = 0
    for p in 0...65_535 {
      let value = I32F32.proportion(u16: UInt16(p), by: fixed)
      if value != I32F32.proportion(u16: UInt16(p)) || value != fixed.divide(I32F32(integer: Int64(p))) { fixedMismatches += 1 }
    }
    #expect(fixedMismatches == 0)
  }

  @Test("An ascending weight row drops its diagonal wherever it stands, and nothing when it has none")
  func diagonalAnywhereInAnAscendingRow() {
    let n = 12
    let registration = [Int64](repeating: 0, count: n)
    let col = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let val = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { col.deallocate(); val.deallocate() }
    for uids in [[0, 1, 2, 3], [2, 5, 7, 11], [4], [0, 3, 4, 5, 6, 8, 9, 10, 11]] {
      let row = uids.map { SparseEntry(uid: $0, value: UInt16(100 + $0)) }
      for skip in [-1, 0, 2, 4, 5, 6, 11] {
        let result = row.withUnsafeBufferPointer { r in
          registration.withUnsafeBufferPointer { reg in
            EpochEngine<Double>.ascendingRow(
              r, columns: n, skipping: skip, registration: reg.baseAddress!, below: 1, col: col, val: val)
          }
        }
        let expected = uids.filter { $0 != skip }
        #expect(result?.0 == expected.count, "row \(uids), skip \(skip)")
        #expect((0..<(result?.0 ?? 0)).map { Int(col[$0]) } == expected, "row \(uids), skip \(skip)")
        #expect(result?.1 == Int64(expected.reduce(0) { $0 + 100 + $1 }))
      }
    }
  }
}
