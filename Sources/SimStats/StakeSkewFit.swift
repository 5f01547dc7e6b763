import CGSL
import SimCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maximum-likelihood fits of a stake distribution (positive amounts), computed with GSL, to
/// choose and calibrate the skew of genesis stakes (`docs/calibration.md`).
public enum StakeSkewFit {
  /// A lognormal fit: ln x ~ N(mu, sigma²).
  public struct Lognormal: Sendable, Equatable {
    /// μ̂ = mean of ln x (`gsl_stats_mean`).
    public var mu: Double
    /// σ̂ = √(Σ (ln x − μ̂)² / n), the MLE (divisor n, `gsl_stats_sd_with_fixed_mean`).
    public var sigma: Double
    /// The maximised log-likelihood Σ ln f(x) (`gsl_ran_lognormal_pdf`).
    public var logLikelihood: Double
    /// The sample size.
    public var count: Int
    /// Standard error of σ̂, σ̂/√(2n) (asymptotic).
    public var sigmaStandardError: Double { sigma / (2 * Double(count)).squareRoot() }
  }

  /// A Pareto (power-law) fit with the scale at the smallest value: x ≥ x_min, tail index α.
  public struct Pareto: Sendable, Equatable {
    /// α̂ = n / Σ ln(x / x_min), the MLE given x_min.
    public var shape: Double
    /// x_min, the smallest value.
    public var scale: Double
    /// The maximised log-likelihood (`gsl_ran_pareto_pdf`).
    public var logLikelihood: Double
  }

  /// The lognormal MLE of `xs`; `nil` for fewer than 2 values or any value ≤ 0 or not finite.
  ///
  /// - Complexity: O(n).
  public static func lognormal(_ xs: [Double]) -> Lognormal? {
    guard xs.count >= 2, xs.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
    GSLRuntime.prepare()
    let logs = xs.map { log($0) }
    let mu = logs.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    let sigma = logs.withUnsafeBufferPointer { gsl_stats_sd_with_fixed_mean($0.baseAddress, 1, $0.count, mu) }
    let ll = xs.reduce(0.0) { $0 + log(gsl_ran_lognormal_pdf($1, mu, sigma)) }
    return Lognormal(mu: mu, sigma: sigma, logLikelihood: ll, count: xs.count)
  }

  /// The Pareto MLE of `xs` with x_min = min(xs); `nil` for fewer than 2 values, any value ≤ 0 or
  /// not finite, or all values equal.
  public static func pareto(_ xs: [Double]) -> Pareto? {
    guard xs.count >= 2, xs.allSatisfy({ $0.isFinite && $0 > 0 }), let low = xs.min() else { return nil }
    GSLRuntime.prepare()
    let s = xs.reduce(0.0) { $0 + log($1 / low) }
    guard s > 0 else { return nil }
    let shape = Double(xs.count) / s
    let ll = xs.reduce(0.0) { $0 + log(gsl_ran_pareto_pdf($1, shape, low)) }
    return Pareto(shape: shape, scale: low, logLikelihood: ll)
  }
}
