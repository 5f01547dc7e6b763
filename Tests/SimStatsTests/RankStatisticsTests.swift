import Testing

@testable import SimStats

/// Kendall's τ-b and the coefficient of variation against values computed by hand beside them.
@Suite("Kendall's tau-b and the coefficient of variation")
struct RankStatisticsTests {
  @Test("tau-b counts concordant minus discordant pairs over all pairs when nothing is tied")
  func tauWithoutTies() throws {
    // Six pairs; only (2,3)↔(3,2) is discordant: (5 − 1) / 6.
    #expect(try #require(Statistics.kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])).isClose(to: 4.0 / 6, tolerance: 1e-15))
    #expect(Statistics.kendallTauB([1, 2, 3], [3, 2, 1]) == -1)
    #expect(Statistics.kendallTauB([1, 2, 3], [10, 20, 30]) == 1)
  }

  @Test("tau-b divides by the pairs not tied in each sample")
  func tauWithTies() throws {
    // x = 1 2 2 3, y = 1 2 3 3: pairs (1,2) (1,3) (1,4) (2,4) concordant, (2,3) tied in x,
    // (3,4) tied in y; n₀ = 6, n₁ = n₂ = 1: 4 / √(5·5) = 0.8.
    #expect(try #require(Statistics.kendallTauB([1, 2, 2, 3], [1, 2, 3, 3])).isClose(to: 0.8, tolerance: 1e-15))
    // x = 1 1 2, y = 1 2 3: (1,2) tied in x, (1,3) and (2,3) concordant: 2 / √(2·3).
    #expect(try #require(Statistics.kendallTauB([1, 1, 2], [1, 2, 3])).isClose(to: 2 / (6.0).squareRoot(), tolerance: 1e-15))
  }

  @Test("tau-b is undefined for constant, short, mismatched or non-finite samples")
  func tauUndefined() {
    #expect(Statistics.kendallTauB([1, 1, 1], [1, 2, 3]) == nil)
    #expect(Statistics.kendallTauB([1], [1]) == nil)
    #expect(Statistics.kendallTauB([1, 2], [1]) == nil)
    #expect(Statistics.kendallTauB([1, .nan], [1, 2]) == nil)
  }

  @Test("the coefficient of variation is the sample sd over the mean, undefined at mean 0")
  func coefficientOfVariation() throws {
    // mean 2, sd √((1 + 0 + 1) / 2) = 1.
    #expect(try #require(Statistics.coefficientOfVariation([1, 2, 3])).isClose(to: 0.5, tolerance: 1e-15))
    #expect(Statistics.coefficientOfVariation([4, 4]) == 0)
    #expect(Statistics.coefficientOfVariation([-1, 1]) == nil)
    #expect(Statistics.coefficientOfVariation([3]) == nil)
  }
}
