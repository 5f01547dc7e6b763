import CGSL
import SimCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A parameter's distribution in a design: a unit-cube coordinate u becomes a value through the
/// inverse CDF (GSL's `gsl_cdf_*_Pinv`).
///
/// u is clamped into [2⁻⁵³, 1 − 2⁻⁵³] first, so unbounded distributions never give ±∞.
public enum ParameterDistribution: Sendable, Equatable {
  /// Uniform on [min, max] (`gsl_cdf_flat_Pinv`).
  case uniform(min: Double, max: Double)
  /// log X uniform on [log min, log max]; 0 < min < max.
  case logUniform(min: Double, max: Double)
  /// Normal with mean and standard deviation (`gsl_cdf_gaussian_Pinv`).
  case normal(mean: Double, sd: Double)
  /// exp(N(mu, sigma²)) (`gsl_cdf_lognormal_Pinv`, GSL's zeta = mu).
  case lognormal(mu: Double, sigma: Double)
  /// Gamma with shape and scale (`gsl_cdf_gamma_Pinv`).
  case gamma(shape: Double, scale: Double)
  /// Beta(a, b) on [0, 1] (`gsl_cdf_beta_Pinv`).
  case beta(a: Double, b: Double)
  /// Exponential with mean (`gsl_cdf_exponential_Pinv`).
  case exponential(mean: Double)

  /// The value at probability `u` (0 < u < 1 after clamping).
  public func quantile(_ u: Double) -> Double {
    GSLRuntime.prepare()
    let p = Swift.min(Swift.max(u, 0x1p-53), 1 - 0x1p-53)
    switch self {
    case .uniform(let low, let high): return gsl_cdf_flat_Pinv(p, low, high)
    case .logUniform(let low, let high): return exp(log(low) + p * (log(high) - log(low)))
    case .normal(let mean, let sd): return mean + gsl_cdf_gaussian_Pinv(p, sd)
    case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_Pinv(p, mu, sigma)
    case .gamma(let shape, let scale): return gsl_cdf_gamma_Pinv(p, shape, scale)
    case .beta(let a, let b): return gsl_cdf_beta_Pinv(p, a, b)
    case .exponential(let mean): return gsl_cdf_exponential_Pinv(p, mean)
    }
  }

  /// True when the support is a bounded interval (uniform, log-uniform, beta).
  public var isBounded: Bool {
    switch self {
    case .uniform, .logUniform, .beta: true
    case .normal, .lognormal, .gamma, .exponential: false
    }
  }

  /// Why the parameters are invalid, or `nil`.
  public var problem: String? {
    func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }
    switch self {
    case .uniform(let low, let high):
      return finite(low, high) && low < high ? nil : "needs finite min < max"
    case .logUniform(let low, let high):
      return finite(low, high) && low > 0 && low < high ? nil : "needs 0 < min < max"
    case .normal(let mean, let sd):
      return finite(mean, sd) && sd > 0 ? nil : "needs a finite mean and sd > 0"
    case .lognormal(let mu, let sigma):
      return finite(mu, sigma) && sigma > 0 ? nil : "needs a finite mu and sigma > 0"
    case .gamma(let shape, let scale):
      return finite(shape, scale) && shape > 0 && scale > 0 ? nil : "needs shape > 0 and scale > 0"
    case .beta(let a, let b):
      return finite(a, b) && a > 0 && b > 0 ? nil : "needs a > 0 and b > 0"
    case .exponential(let mean):
      return finite(mean) && mean > 0 ? nil : "needs mean > 0"
    }
  }
}
