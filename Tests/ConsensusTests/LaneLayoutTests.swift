import EpochTypes
import Testing

@testable import Consensus

/// The lane median reading a kept ``LaneLayout`` gives the answers of gathering its packs again,
/// bit for bit: for the same weights and participants it reuses, for other participants it
/// records anew, and a block the lanes refuse (an invalid score) still reaches the quickselect
/// at the right entries.
@Suite("The lane median's kept layout (LaneLayout)")
struct LaneLayoutTests {

  /// The medians of `scores` with a layout: recorded on the first call, reused on the second
  /// (with `reusedStake`), each against the plain lanes and the quickselect.
  func expectReuseMatches<T: EpochScalar>(
    stake: [Double], reusedStake: [Double], scores: [[Double?]], kappa: Double, as _: T.Type, _ comment: String
  ) {
    let n = scores.first?.count ?? 0
    let layout = LaneLayout()
    for (call, s) in [stake, reusedStake].enumerated() {
      let kept = WeightedMedian<T>.columns(stake: s, scores: scores, columns: n, kappa: kappa, layout: layout)
      let plain = WeightedMedian<T>.columns(stake: s, scores: scores, columns: n, kappa: kappa)
      let reference = WeightedMedian<T>.columns(stake: s, scores: scores, columns: n, kappa: kappa, method: .quickselect)
      #expect(kept.values.map(scalarBits) == plain.values.map(scalarBits), "\(T.self) \(comment) call \(call)")
      #expect(kept.values.map(scalarBits) == reference.values.map(scalarBits), "\(T.self) \(comment) call \(call)")
      #expect(kept.counts == plain.counts, "\(T.self) \(comment) call \(call)")
    }
  }

  @Test("Generated columns: a reused layout with new stakes (the same rows staked) gives the plain lanes' bits", arguments: 1...12)
  func generated(seed: Int) {
    var draw = MedianDraws(seed: seed)
    let (stake, scores) = generatedColumns(&draw)
    let moved = stake.map { $0 == 0 ? 0 : $0 * (0.5 + draw.unit()) }
    for kappa in [0.0, 0.5, 1.0] {
      expectReuseMatches(stake: stake, reusedStake: moved, scores: scores, kappa: kappa, as: Double.self, "seed \(seed) κ \(kappa)")
      expectReuseMatches(stake: stake, reusedStake: moved, scores: scores, kappa: kappa, as: I32F32.self, "seed \(seed) κ \(kappa)")
    }
  }

  @Test("Other participants record the layout anew; the same ones reuse it")
  func participantsChange() {
    var draw = MedianDraws(seed: 5)
    let scores: [[Double?]] = (0..<40).map { _ in (0..<200).map { _ in draw.next(5) == 0 ? nil : draw.unit() } }
    let stake = (0..<40).map { _ in draw.unit() + 0.1 }
    var fewer = stake
    fewer[7] = 0
    fewer[31] = 0
    let layout = LaneLayout()
    for (call, s) in [stake, fewer, fewer, stake].enumerated() {
      let participants = s.enumerated().filter { $0.element > 0 }.map(\.offset)
      let reusable = participants.withUnsafeBufferPointer { layout.matches(participants: $0.baseAddress!, count: $0.count) }
      #expect(reusable == (call == 2), "call \(call)")
      let kept = WeightedMedian<Double>.columns(stake: s, scores: scores, columns: 200, kappa: 0.5, layout: layout)
      let plain = WeightedMedian<Double>.columns(stake: s, scores: scores, columns: 200, kappa: 0.5)
      #expect(kept.values == plain.values, "call \(call)")
    }
  }

  @Test("A block with a negative score goes to the quickselect from the right entries when the layout is reused")
  func refusedBlock() {
    var draw = MedianDraws(seed: 21)
    var scores: [[Double?]] = (0..<24).map { _ in (0..<100).map { _ in draw.next(4) == 0 ? nil : draw.unit() } }
    scores[3][40] = -0.25  // in the third block of 16 weighted columns
    let stake = (0..<24).map { _ in draw.unit() + 0.1 }
    let moved = stake.map { $0 * (0.5 + draw.unit()) }
    expectReuseMatches(stake: stake, reusedStake: moved, scores: scores, kappa: 0.5, as: Double.self, "refused block")
    let counts = WeightedMedian<Double>.columns(stake: moved, scores: scores, columns: 100, kappa: 0.5).counts
    #expect(counts[4] >= 1, "the block went to the quickselect")
  }
}
