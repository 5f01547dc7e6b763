import NetworkModel

/// One parameter of a subnet emission policy, for `describe policies` and scenario validation.
public struct PolicyParameter: Sendable, Equatable {
  /// The key in a scenario (snake_case).
  public var name: String
  /// The default value.
  public var defaultValue: Double
  /// A one-line description with the unit.
  public var summary: String
  /// The smallest allowed value.
  public var minimum: Double
  /// The largest allowed value.
  public var maximum: Double
}

/// A registered policy: its identifier, one-line doc, parameters and constructor.
public struct PolicyDescriptor: Sendable {
  /// The stable identifier.
  public var identifier: String
  /// A one-line description.
  public var summary: String
  /// Its parameters with defaults.
  public var parameters: [PolicyParameter]
  /// Builds the policy from fully resolved parameter values (every parameter present).
  let build: @Sendable ([String: Double]) -> any SubnetEmissionPolicy
}

/// Why a policy could not be built.
public enum PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownPolicy(String, known: [String])
  case unknownParameter(policy: String, name: String, known: [String])
  case outOfRange(policy: String, name: String, value: Double, minimum: Double, maximum: Double)

  public var description: String {
    switch self {
    case .unknownPolicy(let id, let known): "unknown emission policy '\(id)' (known: \(known.joined(separator: ", ")))"
    case .unknownParameter(let p, let n, let known):
      "policy '\(p)' has no parameter '\(n)' (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
    case .outOfRange(let p, let n, let v, let lo, let hi): "policy '\(p)': \(n) = \(v) is outside [\(lo), \(hi)]"
    }
  }
}

/// The registry of subnet emission policies.
public enum EmissionPolicies {
  /// Every policy, in the order `describe policies` prints them.
  public static let all: [PolicyDescriptor] = [
    PolicyDescriptor(
      identifier: "price-ema",
      summary: "TAO share ∝ EMA price × (1 − MinerBurned) (2025-02 and current rule, spec §9.3)",
      parameters: [
        PolicyParameter(
          name: "miner_burn_weighting", defaultValue: 1,
          summary: "1 = weight by (1 − fraction of miner emission burned by the owner), 0 = plain price EMA",
          minimum: 0, maximum: 1)
      ],
      build: { PriceEMAPolicy(minerBurnWeighting: $0["miner_burn_weighting"]! >= 0.5) }),
    PolicyDescriptor(
      identifier: "tao-flow",
      summary: "TAO share ∝ EMA of net TAO staking inflow, negatives → 0 (2025-11 rule)",
      parameters: [
        PolicyParameter(
          name: "half_life_days", defaultValue: 30, summary: "EMA half-life in days (7 200 blocks/day)",
          minimum: 1.0 / 7_200, maximum: 3_650),
        PolicyParameter(name: "exponent", defaultValue: 1, summary: "power applied to the positive flow", minimum: 0, maximum: 10),
      ],
      build: {
        TaoFlowPolicy(
          halfLifeBlocks: max(1, Int64(($0["half_life_days"]! * 7_200).rounded())), exponent: $0["exponent"]!)
      }),
    PolicyDescriptor(
      identifier: "root-weights",
      summary: "TAO share ∝ root validators' stake-weighted weights on subnets (pre-dTAO rule)",
      parameters: [], build: { _ in RootWeightsPolicy() }),
    PolicyDescriptor(
      identifier: "equal", summary: "every emitting subnet gets the same TAO share",
      parameters: [], build: { _ in EqualPolicy() }),
    PolicyDescriptor(
      identifier: "utility",
      summary: "TAO share ∝ measured subnet utility (sum of its miners' latent utility)",
      parameters: [
        PolicyParameter(name: "exponent", defaultValue: 1, summary: "power applied to utility", minimum: 0, maximum: 10)
      ],
      build: { UtilityPolicy(exponent: $0["exponent"]!) }),
  ]

  /// The identifiers of every policy.
  public static var identifiers: [String] { all.map(\.identifier) }

  /// The descriptor for `identifier`.
  public static func descriptor(_ identifier: String) -> PolicyDescriptor? {
    all.first { $0.identifier == identifier }
  }

  /// Builds `identifier` with `parameters` (missing ones take their defaults).
  ///
  /// - Throws: ``PolicyError`` for an unknown policy, an unknown parameter or a value out of range
  ///   (all parameters are checked; the first problem is thrown).
  public static func make(_ identifier: String, parameters: [String: Double] = [:]) throws(PolicyError)
    -> any SubnetEmissionPolicy
  {
    guard let d = descriptor(identifier) else { throw .unknownPolicy(identifier, known: identifiers) }
    var resolved: [String: Double] = [:]
    for p in d.parameters { resolved[p.name] = p.defaultValue }
    for name in parameters.keys.sorted() {
      guard let p = d.parameters.first(where: { $0.name == name }) else {
        throw .unknownParameter(policy: identifier, name: name, known: d.parameters.map(\.name))
      }
      let v = parameters[name]!
      guard v.isFinite, v >= p.minimum, v <= p.maximum else {
        throw .outOfRange(policy: identifier, name: name, value: v, minimum: p.minimum, maximum: p.maximum)
      }
      resolved[name] = v
    }
    return d.build(resolved)
  }
}
