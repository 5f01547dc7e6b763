import CGSL
import SimCore

/// Descriptive statistics over samples, computed by GSL (`gsl_stats_*`, `gsl_cdf_*`).
///
/// Edge cases (documented per function): statistics that are undefined for the input return
/// `nil` rather than NaN, so that no NaN can leak into a result file. Inputs containing NaN or ±∞
/// are the caller's bug and also give `nil`.
public enum Statistics {
  /// Arithmetic mean. `nil` for empty input.
  public static func mean(_ xs: [Double]) -> Double? {
    guard !xs.isEmpty, allFinite(xs) else { return nil }
    GSLRuntime.prepare()
    return xs.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
  }

  /// Sample variance (divisor n − 1). `nil` for fewer than 2 values.
  public static func variance(_ xs: [Double]) -> Double? {
    guard xs.count >= 2, allFinite(xs) else { return nil }
    GSLRuntime.prepare()
    return xs.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress, 1, $0.count) }
  }

  /// Sample standard deviation (divisor n − 1). `nil` for fewer than 2 values.
  public static func standardDeviation(_ xs: [Double]) -> Double? {
    guard xs.count >= 2, allFinite(xs) else { return nil }
    GSLRuntime.prepare()
    return xs.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
  }

  /// The `p`-quantile by GSL's linear interpolation between order statistics
  /// (`gsl_stats_quantile_from_sorted_data`: position (n − 1)·p). `nil` for empty input or
  /// p outside [0, 1]. Ties need no special handling.
  public static func quantile(_ xs: [Double], _ p: Double) -> Double? {
    guard !xs.isEmpty, allFinite(xs), p >= 0, p <= 1 else { return nil }
    GSLRuntime.prepare()
    var sorted = xs
    sorted.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
    return sorted.withUnsafeBufferPointer {
      gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p)
    }
  }

  /// The median (the 0.5 quantile). `nil` for empty input.
  public static func median(_ xs: [Double]) -> Double? { quantile(xs, 0.5) }

  /// A two-sided Student-t confidence interval for the mean:
  /// mean ± t_{(1+level)/2, n−1} · sd/√n, with the quantile from `gsl_cdf_tdist_Pinv`.
  ///
  /// - Returns: `nil` for fewer than 2 values or a level outside (0, 1). With zero variance the
  ///   interval collapses to the mean.
  public static func meanConfidenceInterval(_ xs: [Double], level: Double = 0.95)
    -> (low: Double, high: Double)?
  {
    guard level > 0, level < 1, let m = mean(xs), let sd = standardDeviation(xs) else { return nil }
    let t = gsl_cdf_tdist_Pinv((1 + level) / 2, Double(xs.count - 1))
    let half = t * sd / Double(xs.count).squareRoot()
    return (m - half, m + half)
  }

  /// Pearson correlation (`gsl_stats_correlation`).
  ///
  /// - Returns: `nil` when the lengths differ, n < 2, or either sample is constant (undefined).
  public static func pearson(_ xs: [Double], _ ys: [Double]) -> Double? {
    guard xs.count == ys.count, xs.count >= 2, allFinite(xs), allFinite(ys),
      !isConstant(xs), !isConstant(ys)
    else { return nil }
    GSLRuntime.prepare()
    return xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in gsl_stats_correlation(x.baseAddress, 1, y.baseAddress, 1, x.count) }
    }
  }

  /// Spearman rank correlation (`gsl_stats_spearman`; ties get their average rank).
  ///
  /// - Returns: `nil` when the lengths differ, n < 2, or either sample is constant (undefined).
  public static func spearman(_ xs: [Double], _ ys: [Double]) -> Double? {
    guard xs.count == ys.count, xs.count >= 2, allFinite(xs), allFinite(ys),
      !isConstant(xs), !isConstant(ys)
    else { return nil }
    GSLRuntime.prepare()
    var work = [Double](repeating: 0, count: 2 * xs.count)
    return xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        work.withUnsafeMutableBufferPointer { w in
          gsl_stats_spearman(x.baseAddress, 1, y.baseAddress, 1, x.count, w.baseAddress)
        }
      }
    }
  }

  static func allFinite(_ xs: [Double]) -> Bool { xs.allSatisfy(\.isFinite) }
  static func isConstant(_ xs: [Double]) -> Bool {
    guard let first = xs.first else { return true }
    return xs.allSatisfy { $0 == first }
  }
}
