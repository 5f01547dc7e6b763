import NetworkModel
import SimCore

/// A distribution of latent miner utility, sampled with GSL variates (spec-independent model
/// input). All variants give non-negative values.
public enum UtilityDistribution: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// Always `value`.
  case constant(Double)
  /// exp(N(mu, sigma²)) (`gsl_ran_lognormal`).
  case lognormal(mu: Double, sigma: Double)
  /// Pareto with `shape` a and `scale` b, support ≥ b (`gsl_ran_pareto`).
  case pareto(shape: Double, scale: Double)
  /// Gamma with `shape` and `scale` (`gsl_ran_gamma`).
  case gamma(shape: Double, scale: Double)

  /// One draw (consumes the variate's usual number of generator outputs; `constant` consumes none).
  public func draw(_ rng: RandomStream) -> Double {
    switch self {
    case .constant(let v): max(0, v)
    case .lognormal(let mu, let sigma): rng.lognormal(zeta: mu, sigma: sigma)
    case .pareto(let a, let b): rng.pareto(shape: a, scale: b)
    case .gamma(let k, let theta): rng.gamma(shape: k, scale: theta)
    }
  }

  /// The distribution's mean (∞ for a Pareto with shape ≤ 1).
  public var mean: Double {
    switch self {
    case .constant(let v): v
    case .lognormal(let mu, let sigma): RealMath.exp(mu + sigma * sigma / 2)
    case .pareto(let a, let b): a > 1 ? a * b / (a - 1) : .infinity
    case .gamma(let k, let theta): k * theta
    }
  }

  /// Problems with the parameters (empty when valid).
  public func problems() -> [String] {
    func finite(_ xs: Double...) -> Bool { xs.allSatisfy(\.isFinite) }
    switch self {
    case .constant(let v): return finite(v) && v >= 0 ? [] : ["constant utility must be finite and ≥ 0, got \(v)"]
    case .lognormal(let mu, let sigma):
      return finite(mu, sigma) && sigma >= 0 ? [] : ["lognormal needs finite mu and sigma ≥ 0, got (\(mu), \(sigma))"]
    case .pareto(let a, let b):
      return finite(a, b) && a > 0 && b > 0 ? [] : ["pareto needs shape > 0 and scale > 0, got (\(a), \(b))"]
    case .gamma(let k, let theta):
      return finite(k, theta) && k > 0 && theta > 0 ? [] : ["gamma needs shape > 0 and scale > 0, got (\(k), \(theta))"]
    }
  }

  public var description: String {
    switch self {
    case .constant(let v): "constant(\(v))"
    case .lognormal(let mu, let sigma): "lognormal(mu: \(mu), sigma: \(sigma))"
    case .pareto(let a, let b): "pareto(shape: \(a), scale: \(b))"
    case .gamma(let k, let theta): "gamma(shape: \(k), scale: \(theta))"
    }
  }
}

/// How a miner's utility changes at each update.
public enum UtilityEvolution: Sendable, Equatable, Hashable {
  /// Never changes.
  case stable
  /// Multiplicative mean-preserving random walk: u ← u·exp(σz − σ²/2), z ~ N(0, 1).
  case randomWalk(sigma: Double)
  /// With probability `probability` per update the miner's utility is redrawn from the
  /// population distribution (a regime shift: new model, new competition).
  case regimeShifts(probability: Double)
}

