import Testing

@testable import SimStats

/// Bounded and paired intervals against values computed by hand (t quantiles from tables:
/// t(0.975, 1) = 12.706204736174707, t(0.975, 2) = 4.302652729911275,
/// t(0.975, 3) = 3.182446305284263).
@Suite("Bounded and paired confidence intervals against hand-computed values")
struct IntervalTests {
  @Test("a paired difference is formed per replication, then averaged, with the paired-t interval")
  func pairedDifference() throws {
    // d = y − x = [1, 2, 2, 3]: mean 2, sd √(2/3), se = sd/2; half-width 3.182446305284263 · se.
    let d = try #require(Statistics.pairedDifference([1, 2, 3, 4], [2, 4, 5, 7], bounds: .unbounded))
    #expect(d.n == 4)
    #expect(d.mean == 2)
    #expect(try #require(d.low).isClose(to: 0.7007717363746626, tolerance: 1e-12))
    #expect(try #require(d.high).isClose(to: 3.2992282636253374, tolerance: 1e-12))
  }

  @Test("a sample paired with itself differs by exactly zero with a zero-width interval")
  func selfDifference() throws {
    let xs: [Double?] = [0.1, 0.7, nil, 0.3]
    let d = try #require(Statistics.pairedDifference(xs, xs, bounds: .unitInterval))
    #expect(d.n == 3)  // the undefined replication is left out
    #expect(d.mean == 0 && d.low == 0 && d.high == 0)
  }

  @Test("the paired difference of two shares is clipped to [−1, 1]")
  func differenceOfSharesIsClipped() throws {
    // d = [0.9, 0.1]: mean 0.5, se 0.4, t interval 0.5 ± 5.08 crosses both ends.
    let d = try #require(Statistics.pairedDifference([0, 0], [0.9, 0.1], bounds: .unitInterval))
    #expect(d.mean.isClose(to: 0.5, tolerance: 1e-15))
    #expect(d.low == -1 && d.high == 1)
  }

  @Test("fewer than two pairs give a mean without an interval")
  func singlePair() throws {
    let d = try #require(Statistics.pairedDifference([1, nil], [3, 5], bounds: .unbounded))
    #expect(d.n == 1 && d.mean == 2 && d.low == nil && d.high == nil && d.sd == nil)
    #expect(Statistics.pairedDifference([nil], [1], bounds: .unbounded) == nil)
  }

  @Test("a share's interval is the logit interval and stays inside (0, 1)")
  func logitInterval() throws {
    // [0.1, 0.3]: m 0.2, se 0.1; logit 0.2 = −ln 4; half-width on the logit scale
    // 12.7062 · 0.1 / (0.2 · 0.8) = 7.9414; expit(−1.3863 ∓ 7.9414). The plain t interval would
    // be [−1.0706, 1.4706].
    let e = try #require(Statistics.boundedMean([0.1, 0.3], bounds: .unitInterval))
    #expect(try #require(e.low).isClose(to: 8.892108684011337e-05, tolerance: 1e-15))
    #expect(try #require(e.high).isClose(to: 0.9985791577531106, tolerance: 1e-12))
    // [0.2, 0.25, 0.3, 0.25]: m 0.25, sd 0.0408248; expit(logit 0.25 ∓ 3.1824 · 0.0204124 / 0.1875).
    let f = try #require(Statistics.boundedMean([0.2, 0.25, 0.3, 0.25], bounds: .unitInterval))
    #expect(try #require(f.low).isClose(to: 0.19076096994507577, tolerance: 1e-12))
    #expect(try #require(f.high).isClose(to: 0.32035269835426666, tolerance: 1e-12))
  }

  @Test("a mean on its bound, or without spread, has the point interval")
  func pointIntervals() throws {
    let zero = try #require(Statistics.boundedMean([0, 0, 0], bounds: .unitInterval))
    #expect(zero.low == 0 && zero.high == 0)
    let flat = try #require(Statistics.boundedMean([0.4, 0.4], bounds: .unitInterval))
    #expect(flat.low == 0.4 && flat.high == 0.4)
  }

  @Test("a count's interval is the t interval clipped at 0")
  func clippedCount() throws {
    // [0, 1, 5]: m 2, sd √7, half-width 4.3027 · √7/√3 = 6.5724 → [−4.5724, 8.5724] → [0, 8.5724].
    let e = try #require(Statistics.boundedMean([0, 1, 5], bounds: .nonNegative))
    #expect(e.low == 0)
    // GSL's t quantile at 2 degrees of freedom is 4.3026527297 (1e-10 below the closed form
    // 0.95·√(2 / 0.0975)), so this tolerance is 1e-9.
    #expect(try #require(e.high).isClose(to: 8.572410607975602, tolerance: 1e-9))
  }

  @Test("difference bounds of [a, b] are [a − b, b − a]; one-sided bounds give none")
  func differenceBounds() {
    #expect(ValueBounds.unitInterval.difference == ValueBounds(lower: -1, upper: 1))
    #expect(ValueBounds.correlation.difference == ValueBounds(lower: -2, upper: 2))
    #expect(ValueBounds.nonNegative.difference == .unbounded)
    #expect(ValueBounds.unitInterval.description == "[0, 1]")
  }
}
