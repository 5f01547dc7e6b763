import Testing

@testable import SimStats

/// Every expected value below is computed by hand in the comment beside it.
@Suite("GSL-backed statistics against hand-computed values")
struct StatisticsTests {
  let xs: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

  @Test("mean, variance and standard deviation")
  func moments() throws {
    #expect(Statistics.mean(xs) == 5)  // 40 / 8
    // Σ(x−5)² = 9+1+1+1+0+0+4+16 = 32; sample variance 32/7.
    #expect(try #require(Statistics.variance(xs)).isClose(to: 32.0 / 7, tolerance: 1e-14))
    #expect(try #require(Statistics.standardDeviation(xs)).isClose(to: (32.0 / 7).squareRoot(), tolerance: 1e-14))
  }

  @Test("quantiles interpolate between order statistics at (n−1)p")
  func quantiles() {
    #expect(Statistics.quantile([3, 1, 2, 4], 0.5) == 2.5)  // position 1.5 between 2 and 3
    #expect(Statistics.quantile([3, 1, 2, 4], 0.25) == 1.75)  // position 0.75
    #expect(Statistics.quantile([3, 1, 2, 4], 0) == 1)
    #expect(Statistics.quantile([3, 1, 2, 4], 1) == 4)
    #expect(Statistics.median([5, 5, 5]) == 5)  // ties
  }

  @Test("Student-t 95% interval of a mean")
  func confidenceInterval() throws {
    // [1,2,3,4,5]: mean 3, sd √2.5, t(0.975, 4) = 2.7764451051977987; half-width = t·√2.5/√5.
    let ci = try #require(Statistics.meanConfidenceInterval([1, 2, 3, 4, 5]))
    let half = 2.7764451051977987 * (2.5).squareRoot() / (5.0).squareRoot()
    #expect(ci.low.isClose(to: 3 - half, tolerance: 1e-12))
    #expect(ci.high.isClose(to: 3 + half, tolerance: 1e-12))
    let flat = try #require(Statistics.meanConfidenceInterval([2, 2, 2]))
    #expect(flat.low == 2 && flat.high == 2)
  }

  @Test("Pearson and Spearman correlation")
  func correlations() throws {
    // y = 2x + 1 exactly: r = 1. y = x³ is monotone: Spearman 1, Pearson < 1.
    #expect(try #require(Statistics.pearson([1, 2, 3, 4], [3, 5, 7, 9])).isClose(to: 1, tolerance: 1e-14))
    #expect(try #require(Statistics.spearman([1, 2, 3, 4], [1, 8, 27, 64])).isClose(to: 1, tolerance: 1e-14))
    // Ranks x: 1,2,3 ; y = [1,3,2] ranks 1,3,2: d² = 0+1+1 = 2; ρ = 1 − 6·2/(3·8) = 0.5.
    #expect(try #require(Statistics.spearman([1, 2, 3], [1, 3, 2])).isClose(to: 0.5, tolerance: 1e-14))
    // Ties get average ranks: x ranks 1.5,1.5,3 ; y ranks 1,2,3; Pearson of ranks = √3/2.
    #expect(try #require(Statistics.spearman([1, 1, 2], [1, 2, 3])).isClose(to: (3.0).squareRoot() / 2, tolerance: 1e-12))
  }

  @Test("undefined statistics are nil, never NaN")
  func edgeCases() {
    #expect(Statistics.mean([]) == nil)
    #expect(Statistics.variance([1]) == nil)
    #expect(Statistics.meanConfidenceInterval([1]) == nil)
    #expect(Statistics.pearson([1, 1, 1], [1, 2, 3]) == nil)
    #expect(Statistics.spearman([1, 2], [1]) == nil)
    #expect(Statistics.mean([1, .nan]) == nil)
    #expect(Statistics.quantile([1, 2], 1.5) == nil)
  }
}

@Suite("Concentration indices against hand-computed values")
struct ConcentrationTests {
  @Test("the one-sort summary gives each index, and zeros for nothing held")
  func summary() {
    let xs: [Double] = [5, 0, 3, 3, 12, 1, 7, 7, 2, 0.5, 9, 4]
    let m = Concentration.summary(xs)
    #expect(m.topShare == Concentration.topShare(xs, k: 10))
    #expect(m.gini == Concentration.gini(xs))
    #expect(m.hhi == Concentration.herfindahlHirschman(xs))
    #expect(m.nakamoto == Concentration.nakamoto(xs))
    // (12 + 9 + 7 + 7 + 5) / 53.5: the 10 largest of 12 holdings leave out 0 and 0.5.
    #expect(abs(Concentration.summary(xs, top: 5).topShare - 40 / 53.5) < 1e-15)
    #expect(Concentration.summary([]) == Concentration.Summary())
    #expect(Concentration.summary([0, 0]) == Concentration.Summary())
  }

  @Test("the median is the middle value, or the mean of the two middle values")
  func median() {
    #expect(Concentration.median([3, 1, 2]) == 2)
    #expect(Concentration.median([4, 1, 3, 2]) == 2.5)
    #expect(Concentration.median([]) == nil)
  }

  @Test("top-k share")
  func topShare() {
    #expect(Concentration.topShare([1, 2, 3, 4], k: 2) == 0.7)  // (4+3)/10
    #expect(Concentration.topShare([1, 2, 3, 4], k: 10) == 1)
    #expect(Concentration.topShare([], k: 10) == 0)
    #expect(Concentration.topShare([0, 0], k: 1) == 0)
    #expect(Concentration.topShare([-1, 2], k: 1) == nil)
  }

  @Test("Gini coefficient")
  func gini() throws {
    #expect(Concentration.gini([5, 5, 5, 5]) == 0)
    // [0,0,0,10]: Σ(2i−n−1)x = (2·4−5)·10 = 30; 30/(4·10) = 0.75 = (n−1)/n.
    #expect(Concentration.gini([10, 0, 0, 0]) == 0.75)
    // [1,2,3,4]: (−3·1 −1·2 +1·3 +3·4)/(4·10) = 10/40 = 0.25.
    #expect(try #require(Concentration.gini([4, 1, 3, 2])).isClose(to: 0.25, tolerance: 1e-15))
    #expect(Concentration.gini([]) == 0)
    #expect(Concentration.gini([0, 0]) == 0)
  }

  @Test("Herfindahl–Hirschman index")
  func hhi() throws {
    // Shares 0.1, 0.2, 0.3, 0.4: 0.01+0.04+0.09+0.16 = 0.30.
    #expect(try #require(Concentration.herfindahlHirschman([1, 2, 3, 4])).isClose(to: 0.30, tolerance: 1e-15))
    #expect(Concentration.herfindahlHirschman([7]) == 1)
    #expect(Concentration.herfindahlHirschman([1, 1, 1, 1]) == 0.25)
    #expect(Concentration.herfindahlHirschman([0, 0]) == 0)
  }

  @Test("Nakamoto coefficient needs strictly more than half")
  func nakamoto() {
    #expect(Concentration.nakamoto([1, 2, 3, 4]) == 2)  // 4 = 40%; 4+3 = 70% > 50%
    #expect(Concentration.nakamoto([1, 1]) == 2)  // one holder has exactly 50%: not enough
    #expect(Concentration.nakamoto([51, 49]) == 1)
    #expect(Concentration.nakamoto([5, 5, 5, 5]) == 3)  // ties: 2 holders = 50%, 3 = 75%
    #expect(Concentration.nakamoto([]) == 0)
    #expect(Concentration.nakamoto([0, 0, 0]) == 0)
  }
}

extension Double {
  func isClose(to other: Double, tolerance: Double) -> Bool { abs(self - other) <= tolerance }
}
