import Agents

/// The `kind:`-tagged utility distributions a scenario may name (miners' utility, subnets'
/// utility scale): lognormal, pareto, gamma, constant, each drawn with GSL variates.
enum UtilityDistributionSpec {
  static var variants: [TaggedVariant<UtilityDistribution>] { [
    TaggedVariant("lognormal", doc: "exp(N(mu, sigma²))") { p in
      .lognormal(mu: p.number("mu", default: 0, in: .closed(-50, 50), doc: "mean of log utility"),
        sigma: p.number("sigma", default: 1, in: .closed(0, 10), doc: "sd of log utility"))
    },
    TaggedVariant("pareto", doc: "Pareto(shape, scale), support ≥ scale") { p in
      .pareto(shape: p.number("shape", default: 2, in: .closed(0.1, 1_000),
        doc: "tail index; at least 0.1, so every draw is finite (the largest is scale · 2^(32/shape))"),
        scale: p.number("scale", default: 1, in: .aboveZero(upTo: 1e12), doc: "minimum utility"))
    },
    TaggedVariant("gamma", doc: "Gamma(shape, scale)") { p in
      .gamma(shape: p.number("shape", default: 2, in: .aboveZero(upTo: 1_000), doc: "shape k"),
        scale: p.number("scale", default: 0.5, in: .aboveZero(upTo: 1e12), doc: "scale θ"))
    },
    TaggedVariant("constant", doc: "every miner has the same utility") { p in
      .constant(p.number("value", default: 1, in: .closed(0, 1e12), doc: "the utility"))
    },
  ] }
}
