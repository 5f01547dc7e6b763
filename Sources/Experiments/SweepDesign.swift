import Recording
import ScenarioIO
import SimCore
import SimStats

/// Where a design point lies in its design: unit-cube coordinates and, for Sobol and Morris,
/// its block or trajectory.
public struct DesignCoordinates: Sendable, Equatable {
  /// One coordinate in [0, 1] per parameter, in parameter order.
  public var unit: [Double]
  /// Sobol: the block (base sample); Morris: the trajectory; `nil` for lhs.
  public var block: Int?
  /// Sobol: the position in the block (0 = A … k + 1 = B); Morris: the step (0 = start).
  public var step: Int?
  /// Sobol: `A`, `AB` or `B`; Morris: `start` or `step`; `nil` for lhs.
  public var role: String?
  /// Sobol AB points: the parameter taken from B; Morris steps: the parameter moved.
  public var parameter: String?
}

/// One point of a sweep: a value per parameter and, for designs, its coordinates.
public struct SweepPointDesign: Sendable {
  public var values: [ConfigNode]
  public var coordinates: DesignCoordinates?
}

/// Expands a sweep into its points: grid and zip from the listed values, the designs from
/// SimStats' ``LatinHypercube``, ``SaltelliDesign`` and ``MorrisDesign``, each coordinate
/// mapped to a value by its parameter's domain (``value(of:unit:levels:)``).
///
/// Deterministic from `seed` (the sweep's base seed): lhs draws a keyed stream per parameter
/// name, Morris one per trajectory; Sobol needs no randomness.
enum SweepDesign {
  static func points(_ sweep: SweepSpec, seed: UInt64) -> [SweepPointDesign] {
    let parameters = sweep.parameters
    let paths = parameters.map(\.path.description)
    func point(_ unit: [Double], _ coordinates: DesignCoordinates, levels: Int? = nil) -> SweepPointDesign {
      SweepPointDesign(
        values: zip(parameters, unit).map { value(of: $0.0, unit: $0.1, levels: levels) }, coordinates: coordinates)
    }
    switch sweep.mode {
    case .grid, .zip:
      return (0..<sweep.pointCount).map { index in
        SweepPointDesign(
          values: zip(parameters, sweep.valueIndices(ofPoint: index)).map { $0.0.values[$0.1] }, coordinates: nil)
      }
    case .lhs:
      let keys = paths.map { StableHash.fnv1a($0) }
      return LatinHypercube.points(count: sweep.samples, keys: keys, seed: seed).map { unit in
        point(unit, DesignCoordinates(unit: unit))
      }
    case .sobol:
      let design = SaltelliDesign(blocks: sweep.samples, dimension: parameters.count)
      return design.points.map { sample in
        let (step, role, parameter): (Int, String, String?) =
          switch sample.role {
          case .a: (0, "A", nil)
          case .ab(let j): (j + 1, "AB", paths[j])
          case .b: (parameters.count + 1, "B", nil)
          }
        return point(
          sample.unit,
          DesignCoordinates(unit: sample.unit, block: sample.block, step: step, role: role, parameter: parameter))
      }
    case .morris:
      let design = MorrisDesign(trajectories: sweep.samples, dimension: parameters.count, levels: sweep.levels, seed: seed)
      return design.points.map { sample in
        point(
          sample.unit,
          DesignCoordinates(
            unit: sample.unit, block: sample.trajectory, step: sample.step, role: sample.step == 0 ? "start" : "step",
            parameter: sample.moved.map { paths[$0] }),
          levels: sweep.levels)
      }
    }
  }

  /// The value of `parameter` at unit coordinate `u`, located at the parameter's item (a
  /// choice: the choice as written, at its own place).
  ///
  /// - range [min, max]: min + u·(max − min); with `integer: true` the whole numbers
  ///   min…max split [0, 1] into equal parts (u = 1 gives max);
  /// - distribution: its inverse CDF at u (rounded for `integer: true`); on a Morris grid of p
  ///   levels, level i/(p − 1) is read at probability (i + ½)/p, so unbounded distributions give
  ///   finite values;
  /// - choices: choice ⌊u·n⌋ of n (the last one at u = 1).
  static func value(of parameter: SweepSpec.Parameter, unit u: Double, levels: Int? = nil) -> ConfigNode {
    let location = parameter.location
    switch parameter.domain {
    case .listed: return parameter.values[0]
    case .choices:
      let count = parameter.values.count
      return parameter.values[min(count - 1, Int(u * Double(count)))]
    case .range(let low, let high):
      if parameter.integer {
        let first = low.rounded(.up)
        let span = max(1, high.rounded(.down) - first + 1)
        let whole = first + min(span - 1, (u * span).rounded(.down))
        return ConfigNode(json: .integer(Int64(whole)), at: location)
      }
      return number(low + u * (high - low), integer: false, at: location)
    case .distribution(let written):
      var p = u
      if let levels { p = ((u * Double(levels - 1)).rounded() + 0.5) / Double(levels) }
      return number(distribution(written).quantile(p), integer: parameter.integer, at: location)
    }
  }

  static func number(_ value: Double, integer: Bool, at location: SourceLocation) -> ConfigNode {
    guard integer else { return ConfigNode(json: .number(value), at: location) }
    return ConfigNode(json: .integer(Int64(value.rounded())), at: location)
  }

  /// The SimStats distribution of a written one (kinds and parameter order of
  /// ``SweepDistribution``).
  static func distribution(_ written: SweepDistribution) -> ParameterDistribution {
    let v = written.parameters
    switch written.kind {
    case "loguniform": return .logUniform(min: v[0], max: v[1])
    case "normal": return .normal(mean: v[0], sd: v[1])
    case "lognormal": return .lognormal(mu: v[0], sigma: v[1])
    case "gamma": return .gamma(shape: v[0], scale: v[1])
    case "beta": return .beta(a: v[0], b: v[1])
    case "exponential": return .exponential(mean: v[0])
    default: return .uniform(min: v[0], max: v[1])
    }
  }
}

extension DesignCoordinates {
  /// The coordinates as written to `sweep.json` and a point's manifest: `unit` by parameter
  /// path, then `block`, `step`, `role` and `parameter` where they apply.
  func json(paths: [String]) -> JSONValue {
    var unitObject: [String: JSONValue] = [:]
    for (path, u) in zip(paths, unit) { unitObject[path] = .number(u) }
    var object: [String: JSONValue] = ["unit": .object(unitObject)]
    if let block { object["block"] = .integer(Int64(block)) }
    if let step { object["step"] = .integer(Int64(step)) }
    if let role { object["role"] = .string(role) }
    if let parameter { object["parameter"] = .string(parameter) }
    return .object(object)
  }
}
