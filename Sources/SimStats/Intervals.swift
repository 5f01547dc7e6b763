import CGSL
import SimCore

/// A sample's mean with its two-sided interval; `low`/`high` are `nil` when no interval exists
/// (fewer than two values).
public struct MeanEstimate: Sendable, Equatable {
  /// Values used.
  public var n: Int
  public var mean: Double
  /// Sample standard deviation (divisor n − 1), `nil` for n < 2.
  public var sd: Double?
  public var low: Double?
  public var high: Double?
}

/// Confidence intervals that respect a metric's ``ValueBounds``, and the paired-t interval of a
/// difference. Quantiles come from GSL (`gsl_cdf_tdist_Pinv`, `gsl_cdf_logistic_*`).
extension Statistics {
  /// The interval of the mean of values in `bounds`, at `level` (two-sided):
  ///
  /// - two-sided bounds [a, b]: a logit-transformed Student-t interval. With p = (m − a)/(b − a)
  ///   and se = sd/√n, the interval is a + (b − a)·expit(logit p ± t_{(1+level)/2, n−1} ·
  ///   se / ((b − a)·p·(1 − p))) (the delta method on the logit scale). It lies strictly inside
  ///   (a, b), is asymmetric near a bound, and is close to the plain t interval when p is near
  ///   ½ and the interval is narrow. A mean on a bound (every value on it) or zero variance
  ///   gives the point interval [m, m].
  /// - one-sided or no bounds: the plain Student-t interval, clipped to the bound.
  ///
  /// - Returns: `nil` for empty input, non-finite values or a level outside (0, 1); an
  ///   estimate without interval for one value.
  public static func boundedMean(_ xs: [Double], bounds: ValueBounds, level: Double = 0.95) -> MeanEstimate? {
    guard level > 0, level < 1, let m = mean(xs) else { return nil }
    guard xs.count >= 2, let sd = standardDeviation(xs) else {
      return MeanEstimate(n: xs.count, mean: m, sd: nil, low: nil, high: nil)
    }
    let t = gsl_cdf_tdist_Pinv((1 + level) / 2, Double(xs.count - 1))
    // t · sd / √n, in this order, as in ``meanConfidenceInterval(_:level:)`` (same bytes).
    let half = t * sd / Double(xs.count).squareRoot()
    var estimate = MeanEstimate(n: xs.count, mean: m, sd: sd, low: m, high: m)
    guard sd > 0 else { return estimate }
    if let a = bounds.lower, let b = bounds.upper {
      let width = b - a
      let p = (m - a) / width
      guard p > 0, p < 1 else {
        estimate.low = bounds.clamp(m)
        estimate.high = bounds.clamp(m)
        return estimate
      }
      let centre = gsl_cdf_logistic_Pinv(p, 1)
      let logitHalf = half / (width * p * (1 - p))
      estimate.low = a + width * gsl_cdf_logistic_P(centre - logitHalf, 1)
      estimate.high = a + width * gsl_cdf_logistic_P(centre + logitHalf, 1)
    } else {
      estimate.low = bounds.clamp(m - half)
      estimate.high = bounds.clamp(m + half)
    }
    return estimate
  }

  /// The paired difference `ys − xs` of two samples observed on the same replications: the
  /// differences d_r = y_r − x_r are formed per replication, then their mean ± t_{(1+level)/2,
  /// n−1}·sd(d)/√n (the paired-t interval), clipped to `bounds.difference` (for two [0, 1]
  /// metrics, [−1, 1]). Identical samples give exactly 0 with the zero-width interval [0, 0].
  ///
  /// - Parameters: `xs[r]` and `ys[r]` belong to replication r; `nil` marks a replication where
  ///   the metric is undefined, and such replications are left out of the pairing.
  /// - Returns: `nil` when no replication has both values; no interval when fewer than two do.
  public static func pairedDifference(
    _ xs: [Double?], _ ys: [Double?], bounds: ValueBounds, level: Double = 0.95
  ) -> MeanEstimate? {
    precondition(xs.count == ys.count, "paired samples differ in length")
    var differences: [Double] = []
    for (x, y) in zip(xs, ys) {
      if let x, let y { differences.append(y - x) }
    }
    let limits = bounds.difference
    guard var estimate = boundedMean(differences, bounds: .unbounded, level: level) else { return nil }
    estimate.low = estimate.low.map(limits.clamp)
    estimate.high = estimate.high.map(limits.clamp)
    return estimate
  }
}
