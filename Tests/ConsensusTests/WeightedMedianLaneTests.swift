import EpochTypes
import Testing

@testable import Consensus

/// One column-consensus input: active stakes per row, scores per row and column (nil = absent), κ.
struct MedianInput {
  var stake: [Double]
  var scores: [[Double?]]
  var kappa: Double

  var columns: Int { scores.first?.count ?? 0 }
}

/// The column consensus of `input` by `method`, with the lane counts of the call
/// (``MedianScratch/laneCounts``).
func columnMedians<T: EpochScalar>(
  _ input: MedianInput, method: WeightedMedian<T>.Method, as _: T.Type
) -> (values: [T], counts: [Int]) {
  WeightedMedian<T>.columns(
    stake: input.stake, scores: input.scores, columns: input.columns, kappa: input.kappa, method: method)
}

/// The bits of a scalar (`Double` bit pattern or `I32F32` raw value).
func scalarBits<T: EpochScalar>(_ x: T) -> UInt64 {
  withUnsafeBytes(of: x) { $0.load(as: UInt64.self) }
}

/// Lane answers against the quickselect's, bit for bit, in arithmetic `T`; returns the lanes'
/// counts.
@discardableResult
func expectLanesMatchQuickselect<T: EpochScalar>(
  _ input: MedianInput, as type: T.Type, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) -> [Int] {
  let lanes = columnMedians(input, method: .lanes, as: type)
  let reference = columnMedians(input, method: .quickselect, as: type)
  #expect(lanes.values.map(scalarBits) == reference.values.map(scalarBits), "\(T.self) \(comment)", sourceLocation: sourceLocation)
  return lanes.counts
}

/// Deterministic draws for the generated cases.
struct MedianDraws {
  var state: UInt64
  init(seed: Int) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
  mutating func next(_ modulus: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(modulus))
  }
  mutating func unit() -> Double { Double(next(1 << 30)) / Double(1 << 30) }
}

/// A generated case: 1–70 rows with some zero stakes, 1–40 columns at one of four densities,
/// continuous scores or a few distinct values (ties).
func generatedColumns(_ draw: inout MedianDraws) -> (stake: [Double], scores: [[Double?]]) {
  let rows = 1 + draw.next(70)
  let columns = 1 + draw.next(40)
  let density = [0.1, 0.33, 0.7, 1.0][draw.next(4)]
  let levels = [0, 3, 17][draw.next(3)]  // 0: continuous scores, else few distinct values
  let stake = (0..<rows).map { _ in draw.next(6) == 0 ? 0 : draw.unit() + 0.01 }
  let scores: [[Double?]] = (0..<rows).map { _ in
    (0..<columns).map { _ in
      if draw.unit() >= density { return nil }
      return levels == 0 ? draw.unit() : Double(draw.next(levels)) / Double(levels)
    }
  }
  return (stake, scores)
}

@Suite("Stake-weighted median in SIMD lanes (spec §4.2)")
struct WeightedMedianLaneTests {

  @Test("Generated columns (ties, zeros, absent entries, sizes around the lane blocks) give the quickselect's bits", arguments: 1...12)
  func generated(seed: Int) {
    var draw = MedianDraws(seed: seed)
    let (stake, scores) = generatedColumns(&draw)
    for kappa in [0.0, 0.2, 32_767.0 / 65_535.0, 0.5, 0.8, 1.0] {
      let input = MedianInput(stake: stake, scores: scores, kappa: kappa)
      expectLanesMatchQuickselect(input, as: Double.self, "seed \(seed) κ \(kappa)")
      expectLanesMatchQuickselect(input, as: I32F32.self, "seed \(seed) κ \(kappa)")
    }
  }

  @Test("Ordinary columns are answered in the lanes, not by the fallback")
  func lanesAnswer() {
    var draw = MedianDraws(seed: 99)
    let input = MedianInput(
      stake: (0..<64).map { _ in draw.unit() + 0.5 },
      scores: (0..<64).map { _ in (0..<256).map { _ in draw.unit() } }, kappa: 0.5)
    for counts in [expectLanesMatchQuickselect(input, as: Double.self), expectLanesMatchQuickselect(input, as: I32F32.self)] {
      #expect(counts[0] == 256)
      #expect(counts[1] + counts[2] + counts[4] == 0)
    }
  }

  @Test("Columns no participant weights are 0 without a lane; sparse rows of their own columns are answered in the lanes")
  func sparseColumns() {
    var draw = MedianDraws(seed: 15)
    let stake = (0..<20).map { _ in draw.unit() + 0.1 }
    // A third of the UIDs weighted by every validator, the rest by none.
    let shared: [[Double?]] = (0..<20).map { _ in (0..<256).map { j in (j * 7 + 3) % 100 < 33 ? draw.unit() : nil } }
    let weighted = (0..<256).filter { ($0 * 7 + 3) % 100 < 33 }.count
    for counts in [
      expectLanesMatchQuickselect(MedianInput(stake: stake, scores: shared, kappa: 0.5), as: Double.self),
      expectLanesMatchQuickselect(MedianInput(stake: stake, scores: shared, kappa: 0.5), as: I32F32.self),
    ] {
      #expect(counts[0] == weighted)
    }
    // Each validator weights its own half of the UIDs: in the lanes. Its own tenth: too sparse
    // for them, every column goes to the quickselect.
    let half: [[Double?]] = (0..<20).map { _ in (0..<256).map { _ in draw.next(2) == 0 ? draw.unit() : nil } }
    let tenth: [[Double?]] = (0..<20).map { _ in (0..<256).map { _ in draw.next(10) == 0 ? draw.unit() : nil } }
    for kappa in [0.2, 0.5, 0.8] {
      let counts = expectLanesMatchQuickselect(MedianInput(stake: stake, scores: half, kappa: kappa), as: Double.self, "κ \(kappa)")
      #expect(counts[0] + counts[1] + counts[2] == 256)
      expectLanesMatchQuickselect(MedianInput(stake: stake, scores: half, kappa: kappa), as: I32F32.self, "κ \(kappa)")
      for type in [Double.self, I32F32.self] as [any EpochScalar.Type] {
        func check<T: EpochScalar>(_: T.Type) {
          let sparse = expectLanesMatchQuickselect(MedianInput(stake: stake, scores: tenth, kappa: kappa), as: T.self, "κ \(kappa)")
          #expect(sparse[5] == 1 && sparse[0] == 0)
        }
        check(type)
      }
    }
  }

  @Test(
    "Rows listing the first row's columns, rows differing from it in one column and a row unlike it give the quickselect's bits and answer every weighted column in the lanes, with the second row like the first (rows walked against it) or unlike it (every row marked)",
    arguments: [7, 8, 9, 16, 17, 85], [false, true])
  func sharedColumns(listed: Int, secondRowUnlike: Bool) {
    var draw = MedianDraws(seed: 70 + listed)
    let columns = listed + 12
    let rows = 20
    let shared = Set((0..<columns).filter { ($0 * 7 + 3) % columns < listed })
    var lists = Array(repeating: shared, count: rows)
    // Row 5 swaps one listed column for an unlisted one (same count), row 9 adds one, row 13
    // drops one: each has a column the first row lacks or lacks one it has. A column missed by
    // the marking would still answer 0 like the quickselect, so the lane count is checked too.
    let unlisted = (0..<columns).filter { !shared.contains($0) }
    lists[5].remove(shared.min()!)
    lists[5].insert(unlisted[0])
    lists[9].insert(unlisted[1])
    lists[13].remove(shared.max()!)
    // Row 15 holds every other column: far more differences than the walk's single steps.
    lists[15] = Set(stride(from: 1, to: columns, by: 2))
    // Row 1 unlike row 0 in more than a few columns: the other rows are marked column by column.
    if secondRowUnlike { lists[1] = Set(stride(from: 0, to: columns, by: 3)) }
    let scores: [[Double?]] = lists.map { list in (0..<columns).map { j in list.contains(j) ? draw.unit() : nil } }
    // Rows 3 and 17 do not take part (zero stake), so row 0 stays the first participant.
    let stake = (0..<rows).map { i in i == 3 || i == 17 ? 0 : draw.unit() + 0.01 }
    let weighted = lists.indices.filter { stake[$0] > 0 }.reduce(into: Set<Int>()) { $0.formUnion(lists[$1]) }.count
    for kappa in [0.2, 0.5, 0.8] {
      let input = MedianInput(stake: stake, scores: scores, kappa: kappa)
      for counts in [expectLanesMatchQuickselect(input, as: Double.self, "κ \(kappa)"), expectLanesMatchQuickselect(input, as: I32F32.self, "κ \(kappa)")] {
        #expect(counts[0] + counts[1] + counts[2] == weighted, "κ \(kappa)")
      }
    }
  }

  @Test("A cumulative stake landing exactly on the minority is sent to the quickselect in Double and exact in fixed point")
  func stakeOnKappa() {
    // 64 equal stakes: m = 1 − 0.5 = 32/64 exactly, and 32 rows score 0.25, 32 score 0.75.
    let scores: [[Double?]] = (0..<64).map { i in (0..<8).map { j in (i + j) % 2 == 0 ? 0.25 : 0.75 } }
    let input = MedianInput(stake: Array(repeating: 1, count: 64), scores: scores, kappa: 0.5)
    let double = expectLanesMatchQuickselect(input, as: Double.self)
    #expect(double[2] == 8)
    let fixed = expectLanesMatchQuickselect(input, as: I32F32.self)
    #expect(fixed[0] == 8)
    let values = columnMedians(input, method: .lanes, as: I32F32.self).values
    #expect(values.allSatisfy { $0 == I32F32(rounding: 0.75) })
  }

  @Test("Near ties, where the two summation orders round the stake below the answer to either side of the minority, give the quickselect's bits", arguments: 1...40)
  func nearTies(seed: Int) {
    var draw = MedianDraws(seed: 500 + seed)
    let rows = 8 + draw.next(57)
    let stake = (0..<rows).map { _ in draw.unit() + 0.01 }
    let low = (0..<rows).map { _ in draw.next(2) == 0 }
    let scores: [[Double?]] = (0..<rows).map { i in [low[i] ? 0.25 : 0.75, low[i] ? 0.5 : nil] }
    // The stakes as the column consensus re-normalises them, and the low group's stake in row order.
    var u = stake
    EpochEngine<Double>.normalize(&u)
    let total = u.reduce(0, +)
    var lowStake = 0.0
    for i in 0..<rows where low[i] { lowStake += u[i] }
    var kappa = total - lowStake
    for _ in 0..<4 { kappa = kappa.nextDown }
    for _ in 0..<9 {
      expectLanesMatchQuickselect(MedianInput(stake: stake, scores: scores, kappa: kappa), as: Double.self, "κ \(kappa)")
      kappa = kappa.nextUp
    }
  }

  @Test("Equal scores, one participant and all-absent columns", arguments: [1, 2, 7, 64])
  func degenerate(rows: Int) {
    let equal = MedianInput(
      stake: (0..<rows).map { Double($0 + 1) }, scores: Array(repeating: Array(repeating: 0.375, count: 9), count: rows), kappa: 0.5)
    let absent = MedianInput(
      stake: (0..<rows).map { Double($0 + 1) }, scores: Array(repeating: Array(repeating: nil, count: 9), count: rows), kappa: 0.5)
    let zeros = MedianInput(
      stake: (0..<rows).map { Double($0 + 1) }, scores: Array(repeating: Array(repeating: 0, count: 9), count: rows), kappa: 0.5)
    for input in [equal, absent, zeros] {
      expectLanesMatchQuickselect(input, as: Double.self)
      expectLanesMatchQuickselect(input, as: I32F32.self)
    }
    #expect(columnMedians(equal, method: .lanes, as: Double.self).values == Array(repeating: 0.375, count: 9))
    #expect(columnMedians(absent, method: .lanes, as: Double.self).values == Array(repeating: 0, count: 9))
    let one = MedianInput(stake: [0, 2, 0], scores: [[0.9, nil, 0.1], [0.3, 0.6, nil], [nil, 0.2, 0.8]], kappa: 0.5)
    expectLanesMatchQuickselect(one, as: Double.self)
    expectLanesMatchQuickselect(one, as: I32F32.self)
    #expect(columnMedians(one, method: .lanes, as: Double.self).values == [0.3, 0.6, 0])
  }

  @Test("Zero, tiny and huge stakes", arguments: [[0, 1e-300, 1, 0, 3], [1e300, 1, 1e300, 1e-10], [0, 0, 0, 5e-324, 1], [1e308, 1e308, 1]])
  func stakeRange(stake: [Double]) {
    var draw = MedianDraws(seed: stake.count)
    let scores: [[Double?]] = stake.indices.map { _ in (0..<20).map { _ in draw.next(4) == 0 ? nil : draw.unit() } }
    for kappa in [0.5, 0.1, 0.9] {
      expectLanesMatchQuickselect(MedianInput(stake: stake, scores: scores, kappa: kappa), as: Double.self, "κ \(kappa)")
      expectLanesMatchQuickselect(MedianInput(stake: stake, scores: scores, kappa: kappa), as: I32F32.self, "κ \(kappa)")
    }
  }

  @Test("Columns the probes cannot close in their passes go to the quickselect")
  func slowColumns() {
    // Scores 2⁻ᵏ with equal stakes and the answer near 2⁻⁶⁰: each probe moves about four binary
    // orders of magnitude, so the bracket is still open after the passes.
    let rows = 64
    func power(_ k: Int, _ j: Int) -> Double? { (j % 2 == 0 ? 1.0 : 0.75) * Double(sign: .plus, exponent: -k, significand: 1) }
    let scores: [[Double?]] = (0..<rows).map { k in (0..<8).map { j in power(k, j) } }
    let input = MedianInput(stake: Array(repeating: 1, count: rows), scores: scores, kappa: 1 - 3.5 / 64)
    let double = expectLanesMatchQuickselect(input, as: Double.self)
    #expect(double[1] > 0)
    // In fixed point the scores below 2⁻³² are 0, so the same shape is built on the raw grid.
    func raw(_ k: Int, _ j: Int) -> Double? { Double(Int64(1) << (k / 2)) * (j % 2 == 0 ? 1.0 : 3.0) / 4_294_967_296 }
    let grid: [[Double?]] = (0..<rows).map { k in (0..<8).map { j in raw(k, j) } }
    let fixed = expectLanesMatchQuickselect(MedianInput(stake: Array(repeating: 1, count: rows), scores: grid, kappa: 1 - 3.5 / 64), as: I32F32.self)
    #expect(fixed[2] == 0)
  }

  @Test("Scores the lanes do not take (negative in Double, 2⁵³ raw units or more in fixed point) leave their block to the quickselect")
  func blocksLeftToQuickselect() {
    var draw = MedianDraws(seed: 5)
    var scores: [[Double?]] = (0..<10).map { _ in (0..<40).map { _ in draw.unit() } }
    scores[3][20] = -0.25
    let negative = MedianInput(stake: (0..<10).map { Double($0 + 1) }, scores: scores, kappa: 0.5)
    let double = expectLanesMatchQuickselect(negative, as: Double.self)
    #expect(double[4] == 1)
    #expect(double[0] == 24)
    scores[3][20] = 4_194_304  // 2²² = 2⁵⁴ raw units
    let huge = MedianInput(stake: (0..<10).map { Double($0 + 1) }, scores: scores, kappa: 0.5)
    let fixed = expectLanesMatchQuickselect(huge, as: I32F32.self)
    #expect(fixed[4] == 1)
  }

  @Test("Fixed-point lanes equal the sorted closed form", arguments: 1...6)
  func fixedClosedForm(seed: Int) {
    var draw = MedianDraws(seed: 1_000 + seed)
    let rows = 2 + draw.next(40)
    let stake = (0..<rows).map { _ in Double(draw.next(5)) }
    let scores: [[Double?]] = (0..<rows).map { _ in (0..<33).map { _ in draw.next(3) == 0 ? nil : Double(draw.next(9)) / 8 } }
    let input = MedianInput(stake: stake, scores: scores, kappa: 32_768.0 / 65_535.0)
    let values = columnMedians(input, method: .lanes, as: I32F32.self).values
    let participants = stake.indices.filter { stake[$0] > 0 }
    var u = participants.map { I32F32(rounding: stake[$0]) }
    EpochEngine<I32F32>.normalize(&u)
    let m = u.reduce(I32F32.zero, +) - I32F32(rounding: input.kappa)
    for j in 0..<33 {
      let column = participants.map { I32F32(rounding: scores[$0][j] ?? 0) }
      #expect(values[j] == WeightedMedian<I32F32>.scalar(stake: u, score: column, minority: m), "column \(j)")
    }
  }
}

/// The column consensus of `input` by the lanes with the hint rows `hint` (updated in place).
func hintedMedians<T: EpochScalar>(_ input: MedianInput, hint: inout [Int32], as _: T.Type) -> (values: [T], counts: [Int]) {
  precondition(hint.count == input.columns)
  return hint.withUnsafeMutableBufferPointer { rows in
    WeightedMedian<T>.columns(
      stake: input.stake, scores: input.scores, columns: input.columns, kappa: input.kappa, hint: rows.baseAddress)
  }
}

@Suite("The consensus hint: a starting probe that changes no answer (ConsensusHint)")
struct ConsensusHintTests {

  @Test("Empty, foreign, out-of-range and kept hints all give the quickselect's bits", arguments: 1...12)
  func anyHint(seed: Int) {
    var draw = MedianDraws(seed: seed)
    let (stake, scores) = generatedColumns(&draw)
    let rows = stake.count
    let columns = scores.first?.count ?? 0
    for kappa in [0.0, 0.2, 32_767.0 / 65_535.0, 0.5, 0.8, 1.0] {
      let input = MedianInput(stake: stake, scores: scores, kappa: kappa)
      let reference = columnMedians(input, method: .quickselect, as: Double.self).values.map(scalarBits)
      let referenceFixed = columnMedians(input, method: .quickselect, as: I32F32.self).values.map(scalarBits)
      var random = (0..<columns).map { _ in Int32(draw.next(rows + 8)) - 4 }
      var kept = [Int32](repeating: -1, count: columns)
      var keptFixed = kept
      for round in 0..<3 {
        #expect(hintedMedians(input, hint: &random, as: Double.self).values.map(scalarBits) == reference, "κ \(kappa) random \(round)")
        #expect(hintedMedians(input, hint: &kept, as: Double.self).values.map(scalarBits) == reference, "κ \(kappa) kept \(round)")
        #expect(hintedMedians(input, hint: &keptFixed, as: I32F32.self).values.map(scalarBits) == referenceFixed, "κ \(kappa) fixed \(round)")
      }
    }
  }

  @Test("A kept hint closes every column of a dense matrix in the first pass, and most of them after the columns' scale and the stakes move")
  func keptHintCloses() {
    var draw = MedianDraws(seed: 7)
    let stake = (0..<64).map { _ in draw.unit() + 0.5 }
    let scores = (0..<64).map { _ in (0..<256).map { _ in draw.unit() } }
    let input = MedianInput(stake: stake, scores: scores, kappa: 0.5)
    var hint = [Int32](repeating: -1, count: 256)
    let first = hintedMedians(input, hint: &hint, as: Double.self)
    let plain = columnMedians(input, method: .lanes, as: Double.self)
    #expect(first.values.map(scalarBits) == plain.values.map(scalarBits))
    #expect(hint.allSatisfy { $0 >= 0 })
    let filled = hint
    let second = hintedMedians(input, hint: &hint, as: Double.self)
    #expect(second.values.map(scalarBits) == plain.values.map(scalarBits))
    #expect(second.counts[0] == 256)
    #expect(second.counts[3] == 0)  // every column closed by the first pass
    #expect(hint == filled)
    // Every column scaled by its own factor and the stakes nudged: the medians' rows mostly stay.
    let factors = (0..<256).map { _ in 0.9 + 0.2 * draw.unit() }
    let moved = MedianInput(
      stake: stake.map { $0 * (1 + 0.001 * draw.unit()) },
      scores: scores.map { row in row.enumerated().map { $0.element * factors[$0.offset] } }, kappa: 0.5)
    let third = hintedMedians(moved, hint: &hint, as: Double.self)
    #expect(third.values.map(scalarBits) == columnMedians(moved, method: .quickselect, as: Double.self).values.map(scalarBits))
    #expect(third.counts[3] < columnMedians(moved, method: .lanes, as: Double.self).counts[3] / 2)
  }
}
