import Recording

/// A design parameter's distribution as written: its kind and its parameters, in the kind's
/// documented order (uniform and loguniform: min, max; normal: mean, sd; lognormal: mu, sigma;
/// gamma: shape, scale; beta: a, b; exponential: mean).
public struct SweepDistribution: Sendable, Equatable {
  public var kind: String
  public var parameters: [Double]
}

extension SweepSpec {
  /// The distribution kinds a design parameter may name, each with its parameter keys.
  static let distributionKinds: [(kind: String, keys: [String], doc: String)] = [
    ("uniform", ["min", "max"], "uniform on [min, max]"),
    ("loguniform", ["min", "max"], "log-uniform on [min, max], 0 < min"),
    ("normal", ["mean", "sd"], "normal with mean and standard deviation"),
    ("lognormal", ["mu", "sigma"], "exp(N(mu, sigma²))"),
    ("gamma", ["shape", "scale"], "gamma with shape k and scale θ"),
    ("beta", ["a", "b"], "beta(a, b) on [0, 1]"),
    ("exponential", ["mean"], "exponential with the mean"),
  ]

  /// A design parameter: exactly one of `min`+`max`, `distribution` or `choices`, and
  /// optionally `integer: true` (not with choices).
  static func readDesignDomain(_ object: ObjectReader, location: SourceLocation, documenting: Bool) -> Parameter? {
    let ways = ["min", "distribution", "choices"].filter { object.has($0) || ($0 == "min" && object.has("max")) }
    if !documenting, ways.count != 1 {
      object.value.report(
        ways.isEmpty
          ? "a design parameter needs min and max, a distribution or choices"
          : "a design parameter takes one of min/max, distribution or choices, not \(ways.joined(separator: " and "))")
    }
    let integer =
      object.has("integer") || documenting
      ? object.boolean("integer", default: false, doc: "designs: round sampled numbers to whole numbers") : false
    var parameter: Parameter?
    if documenting || ways == ["min"] {
      let low = object.number(
        "min", default: nil, in: .closed(-1e15, 1e15), doc: "designs: the smallest value (uniform on [min, max])",
        defaultText: "required with max")
      let high = object.number(
        "max", default: nil, in: .closed(-1e15, 1e15), doc: "designs: the largest value",
        defaultText: "required with min")
      if !documenting, low >= high, object.has("min"), object.has("max") {
        object.field("max").report("max \(NumberRange.text(high)) must exceed min \(NumberRange.text(low))")
      } else if !documenting, integer, low.rounded(.up) > high.rounded(.down) {
        object.field("max").report("[\(NumberRange.text(low)), \(NumberRange.text(high))] holds no whole number (integer: true)")
      } else if !documenting, object.has("min"), object.has("max") {
        parameter = Parameter(path: KeyPath(), values: [], domain: .range(min: low, max: high), location: location)
      }
    }
    if documenting || ways == ["distribution"] {
      let variants = distributionKinds.map { entry in
        TaggedVariant<SweepDistribution?>(entry.kind, doc: entry.doc) { p in
          let values = entry.keys.map { key in
            p.number(key, default: nil, in: .closed(-1e15, 1e15), doc: "the distribution's \(key)")
          }
          if let problem = distributionProblem(entry.kind, values), !p.context.documenting {
            p.value.report("\(entry.kind) \(problem)")
            return nil
          }
          return SweepDistribution(kind: entry.kind, parameters: values)
        }
      }
      if let distribution = object.tagged(
        "distribution", doc: "designs: sample the value from this distribution (inverse CDF)", default: nil,
        variants: variants) ?? nil
      {
        parameter = Parameter(path: KeyPath(), values: [], domain: .distribution(distribution), location: location)
      }
    }
    if documenting || ways == ["choices"] {
      let reader = object.field("choices")
      reader.document(type: "list", defaultValue: "(none)", doc: "designs: the values to choose among, any YAML")
      if let node = reader.node, !documenting {
        if case .sequence(let items) = node.content, items.count >= 2 {
          object.store("choices", .array(items.map(\.jsonValue)))
          if integer { object.field("integer").report("integer applies to min/max and distributions, not choices") }
          parameter = Parameter(path: KeyPath(), values: items, domain: .choices, location: location)
        } else {
          reader.report("expected a list of at least two choices, got \(node.kindDescription)")
        }
      }
    }
    parameter?.integer = integer
    return parameter
  }

  /// Why a distribution's parameters are invalid, or `nil`.
  static func distributionProblem(_ kind: String, _ values: [Double]) -> String? {
    switch kind {
    case "uniform": return values[0] < values[1] ? nil : "needs min < max"
    case "loguniform": return values[0] > 0 && values[0] < values[1] ? nil : "needs 0 < min < max"
    case "normal": return values[1] > 0 ? nil : "needs sd > 0"
    case "lognormal": return values[1] > 0 ? nil : "needs sigma > 0"
    case "gamma": return values[0] > 0 && values[1] > 0 ? nil : "needs shape > 0 and scale > 0"
    case "beta": return values[0] > 0 && values[1] > 0 ? nil : "needs a > 0 and b > 0"
    case "exponential": return values[0] > 0 ? nil : "needs mean > 0"
    default: return "is not a distribution kind"
    }
  }

  /// `samples` and `levels`: required / allowed for designs only.
  static func readDesignSize(_ reader: ObjectReader, into spec: inout SweepSpec) {
    let documenting = reader.context.documenting
    if spec.mode.isDesign || documenting {
      spec.samples = reader.integer(
        "samples", default: nil, in: 1...maximumPoints,
        doc: "designs: lhs points, sobol base samples N (N·(k+2) points) or morris trajectories r (r·(k+1) points)",
        defaultText: "required (designs)")
    } else if reader.has("samples") {
      reader.field("samples").report("samples belongs to the designs (lhs, sobol, morris); \(spec.mode.rawValue) lists values")
    }
    if spec.mode == .morris || documenting {
      spec.levels = reader.integer(
        "levels", default: 4, in: 2...64, doc: "morris: grid levels p (even); the step is p/(2(p−1))")
      if !documenting, spec.levels % 2 != 0 {
        reader.field("levels").report("morris levels must be even, got \(spec.levels)")
      }
    } else if reader.has("levels") {
      reader.field("levels").report("levels belongs to morris designs")
    }
    if spec.mode == .sobol, spec.samples == 1 {
      reader.field("samples").report("a sobol design needs at least 2 base samples")
    }
  }
}
