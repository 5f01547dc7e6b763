import EpochTypes
import Testing

@testable import Consensus

/// x as the arithmetic represents it (I32F32 rounds inputs to its grid).
func grid(_ x: Double, _ arithmetic: Arithmetic) -> Double {
  arithmetic == .fixed ? I32F32(rounding: x).doubleValue : x
}

@Suite("Stake-weighted median (spec §4.2)")
struct WeightedMedianTests {

  @Test("Exactly half the stake supporting a weight keeps it with κ = 32767 and drops it with κ = 32768", arguments: Arithmetic.allCases)
  func kappaEdge(arithmetic: Arithmetic) throws {
    let stake = [0.25, 0.25, 0.25, 0.25]
    let weights = [[0.5], [0.5], [0.0], [0.0]]
    let below = try YumaMath.weightedMedianColumns(stake: stake, weights: weights, kappa: 32_767.0 / 65_535.0, arithmetic: arithmetic)
    let above = try YumaMath.weightedMedianColumns(stake: stake, weights: weights, kappa: 32_768.0 / 65_535.0, arithmetic: arithmetic)
    #expect(below == [0.5])
    #expect(above == [0.0])
  }

  @Test("Tied scores are grouped and the result is always a submitted value", arguments: Arithmetic.allCases)
  func ties(arithmetic: Arithmetic) throws {
    // Scores 0.2 (stake 0.3), 0.6 twice (0.2 + 0.2), 0.9 (0.3): minority 0.49 falls inside the 0.6 group.
    let median = try YumaMath.weightedMedian(
      stake: [0.3, 0.2, 0.2, 0.3], score: [0.2, 0.6, 0.6, 0.9], minority: 0.49, arithmetic: arithmetic)
    #expect(median == grid(0.6, arithmetic))
  }

  @Test("Zero-stake validators never decide the median", arguments: Arithmetic.allCases)
  func zeroStake(arithmetic: Arithmetic) throws {
    let median = try YumaMath.weightedMedian(
      stake: [0.0, 0.49, 0.0, 0.51], score: [0.5, 0.5, 1.0, 1.0], minority: 0.49, arithmetic: arithmetic)
    #expect(median == 1.0)
    let columns = try YumaMath.weightedMedianColumns(
      stake: [0.0, 1.0], weights: [[1.0, 1.0], [0.25, 0.0]], kappa: 0.5, arithmetic: arithmetic)
    #expect(columns == [0.25, 0.0])
  }

  @Test("With no positive stake every column median is 0", arguments: Arithmetic.allCases)
  func noParticipants(arithmetic: Arithmetic) throws {
    let columns = try YumaMath.weightedMedianColumns(
      stake: [0.0, 0.0], weights: [[0.3, 0.7], [0.9, 0.1]], kappa: 0.5, arithmetic: arithmetic)
    #expect(columns == [0.0, 0.0])
  }

  @Test("The minority outside [0, Σstake) selects the smallest or largest score", arguments: Arithmetic.allCases)
  func minorityBounds(arithmetic: Arithmetic) throws {
    let stake = [0.2, 0.3, 0.5]
    let score = [0.4, 0.1, 0.7]
    #expect(try YumaMath.weightedMedian(stake: stake, score: score, minority: -0.1, arithmetic: arithmetic) == grid(0.1, arithmetic))
    #expect(try YumaMath.weightedMedian(stake: stake, score: score, minority: 1.0, arithmetic: arithmetic) == grid(0.7, arithmetic))
  }

  /// Deterministic pseudo-random cases (with ties, absent entries and explicit zeros): the
  /// epoch's partitioning selection equals the sorted closed form on every column. Fixed point
  /// sums exactly, so it must agree always; Double may differ only where a cumulative stake sits
  /// within 1e-12 of the minority (a tie whose rounding depends on summation order, spec §14).
  @Test("Column selection agrees with the sorted closed form", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
  func selectionMatchesClosedForm(seed: Int) throws {
    let validators = 3 + seed * 5
    let columns = 17
    var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
    func next(_ modulus: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(modulus))
    }
    let stakeRaw = (0..<validators).map { _ in Double(next(5)) }  // zeros included
    let total = stakeRaw.reduce(0, +)
    let stake = stakeRaw.map { total > 0 ? $0 / total : 0 }
    let weights = (0..<validators).map { _ in (0..<columns).map { _ in Double(next(6)) / 8.0 } }  // ties, zeros
    for kappa in [0.2, 32_767.0 / 65_535.0, 0.8] {
      for arithmetic in Arithmetic.allCases {
        let fast = try YumaMath.weightedMedianColumns(stake: stake, weights: weights, kappa: kappa, arithmetic: arithmetic)
        // Closed form on the participants only, with their stakes re-normalised the same way.
        let participants = stake.indices.filter { stake[$0] > 0 }
        let u = participants.map { stake[$0] }
        for j in 0..<columns {
          let scores = participants.map { weights[$0][j] }
          let expected: Double
          switch arithmetic {
          case .double:
            let uSum = u.reduce(0, +)
            let un = u.map { $0 / uSum }
            let m = un.reduce(0, +) - kappa
            expected = WeightedMedian<Double>.scalar(stake: un, score: scores, minority: m)
            if fast[j] != expected {
              var nearTie = false
              for p in Set(scores) {
                let h = zip(un, scores).filter { $0.1 <= p }.map(\.0).reduce(0, +)
                if abs(h - m) < 1e-12 { nearTie = true }
              }
              #expect(nearTie, "seed \(seed) κ \(kappa) double column \(j): \(fast[j]) vs \(expected)")
              continue
            }
          case .fixed:
            var uf = u.map(I32F32.init(rounding:))
            EpochEngine<I32F32>.normalize(&uf)
            let sum = uf.reduce(I32F32.zero, +)
            expected = WeightedMedian<I32F32>.scalar(
              stake: uf, score: scores.map(I32F32.init(rounding:)), minority: sum - I32F32(rounding: kappa)
            ).doubleValue
          }
          #expect(fast[j] == expected, "seed \(seed) κ \(kappa) \(arithmetic) column \(j)")
        }
      }
    }
  }
}
