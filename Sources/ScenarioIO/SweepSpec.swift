import Recording

/// A scenario's `sweep:` block: which values to vary, how to combine them, how many replicates.
///
/// Points are numbered from 0. `grid` is the Cartesian product with the first parameter varying
/// slowest; `zip` pairs the i-th values of every parameter (all lists must have the same
/// length). The designs `lhs`, `sobol` and `morris` sample parameters given as ranges,
/// distributions or choices (read in SweepSpec+Design.swift); Experiments' `SweepDesign` turns
/// them into points. Sweeps name their mode explicitly: none is a default.
public struct SweepSpec: Sendable {
  /// How parameters combine into points.
  public enum Mode: String, Sendable, CaseIterable {
    case grid, zip, lhs, sobol, morris

    /// True for the sampled designs (parameters are ranges, distributions or choices).
    public var isDesign: Bool { self == .lhs || self == .sobol || self == .morris }
  }

  /// How seeds relate across points.
  public enum Seeds: String, Sendable {
    /// Every point uses the scenario's seed: replicate r sees the same random world at every
    /// point (common random numbers), so differences between points are the parameters' doing.
    case common
    /// Point i uses a seed derived from the sweep's content hash and i.
    case independent
  }

  /// What a swept key ranges over.
  public enum Domain: Sendable, Equatable {
    /// grid / zip: the listed `values`.
    case listed
    /// designs: one of the listed `choices` (in ``Parameter/values``).
    case choices
    /// designs: uniform on [min, max].
    case range(min: Double, max: Double)
    /// designs: a distribution, sampled through its inverse CDF.
    case distribution(SweepDistribution)
  }

  /// One swept key and its values (as written, with their locations).
  public struct Parameter: Sendable {
    public var path: KeyPath
    /// grid / zip: the values; a choice parameter: its choices; empty otherwise.
    public var values: [ConfigNode]
    public var domain: Domain = .listed
    /// Designs: round the sampled number to a whole number (`integer: true`).
    public var integer = false
    /// Where the parameter's item is written (design values point here).
    public var location = SourceLocation(file: "", line: 1, column: 1)
  }

  public var mode: Mode
  public var parameters: [Parameter]
  /// Replications per point; `nil` = the scenario's `replications`.
  public var replicates: Int?
  public var seeds: Seeds
  /// Designs: lhs points, Sobol base samples N, or Morris trajectories r.
  public var samples = 0
  /// Morris: grid levels p (even).
  public var levels = 4

  /// The number of points: grid = product of the list lengths, zip = the common length,
  /// lhs = samples, sobol = N·(k + 2), morris = r·(k + 1), for k parameters.
  public var pointCount: Int {
    guard !parameters.isEmpty else { return 0 }
    switch mode {
    case .zip: return parameters[0].values.count
    case .grid: return parameters.reduce(1) { $0 * $1.values.count }
    case .lhs: return samples
    case .sobol: return samples * (parameters.count + 2)
    case .morris: return samples * (parameters.count + 1)
    }
  }

  /// The value index of each parameter at point `index` (grid and zip only).
  public func valueIndices(ofPoint index: Int) -> [Int] {
    switch mode {
    case .zip: return parameters.map { _ in index }
    case .grid:
      var remainder = index
      var indices = Array(repeating: 0, count: parameters.count)
      for position in parameters.indices.reversed() {
        let count = parameters[position].values.count
        indices[position] = remainder % count
        remainder /= count
      }
      return indices
    case .lhs, .sobol, .morris: preconditionFailure("design points come from Experiments' SweepDesign")
    }
  }

  /// Largest number of points a sweep may expand to.
  public static let maximumPoints = 100_000
  /// Most parameters of a Sobol design (GSL's Sobol sequence has at most 40 dimensions; the
  /// Saltelli layout needs 2k).
  public static let maximumSobolParameters = 20

  /// Keys a sweep may not vary.
  static let forbiddenRoots: Set<String> = ["sweep", "name", "extends", "format_version", "expect"]

  static func read(_ reader: ObjectReader) -> SweepSpec {
    let modeText = reader.choice(
      "mode", Mode.allCases.map(\.rawValue), default: nil,
      doc: "grid = every combination (first parameter varies slowest); zip = i-th values together; "
        + "lhs = Latin hypercube; sobol = Saltelli design for Sobol indices; morris = Morris trajectories")
    let mode = Mode(rawValue: modeText) ?? .grid
    let documenting = reader.context.documenting
    let parameters: [Parameter?] = reader.list(
      "parameters",
      doc: "the swept keys, in order; each item has path and values (grid, zip) or min/max, distribution or choices (designs)",
      maximumCount: 32
    ) { item in
      let (parameter, json) = item.object(doc: "one swept key") { object -> Parameter? in
        readParameter(object, mode: mode, documenting: documenting)
      }
      return (parameter, json)
    }
    let replicates: Int? =
      reader.has("replicates") || documenting
      ? reader.integer(
        "replicates", default: nil, in: 1...100_000,
        doc: "replications per point", defaultText: "the scenario's replications")
      : nil
    let seeds = reader.choice(
      "seeds", ["common", "independent"], default: "common",
      doc: "common = same seed at every point (common random numbers); independent = seed from content hash and point index")
    var spec = SweepSpec(
      mode: mode, parameters: parameters.compactMap { $0 }, replicates: replicates,
      seeds: Seeds(rawValue: seeds) ?? .common)
    readDesignSize(reader, into: &spec)
    if !documenting {
      if spec.parameters.isEmpty && !parameters.contains(where: { $0 == nil }) {
        reader.value.report("a sweep needs at least one parameter")
      }
      let paths = spec.parameters.map(\.path.description)
      if Set(paths).count != paths.count { reader.value.report("a key path appears twice in parameters") }
      if spec.mode == .zip, Set(spec.parameters.map(\.values.count)).count > 1 {
        let counts = spec.parameters.map { "\($0.path): \($0.values.count)" }.joined(separator: ", ")
        reader.value.report("zip needs value lists of equal length (\(counts))")
      }
      if spec.mode == .sobol, spec.parameters.count > maximumSobolParameters {
        reader.field("parameters").report(
          "a sobol design takes at most \(maximumSobolParameters) parameters, got \(spec.parameters.count)")
        spec.parameters = []
      }
      let total: Double =
        spec.mode.isDesign
        ? Double(spec.pointCount) : spec.parameters.reduce(1.0) { $0 * Double($1.values.count) }
      if total > Double(maximumPoints) {
        reader.value.report("expands to \(NumberRange.text(total)) points; at most \(maximumPoints) are allowed")
        spec.parameters = []
      }
    }
    return spec
  }

  /// One item of `parameters`.
  static func readParameter(_ object: ObjectReader, mode: Mode, documenting: Bool) -> Parameter? {
    let pathText = object.string(
      "path", default: nil, doc: "key path of the varied value, e.g. emission.policy.kind or network.subnets",
      check: { text in
        guard KeyPath.stepCount(text) <= KeyPath.maximumComponents else {
          return "the key path has \(KeyPath.stepCount(text)) levels; scenario keys nest at most \(KeyPath.maximumComponents) deep"
        }
        guard let path = KeyPath(parsing: text) else { return "'\(text)' is not a key path like a.b[0].c" }
        if case .key(let root) = path.components[0], forbiddenRoots.contains(root) {
          return "a sweep cannot vary '\(root)'"
        }
        return nil
      })
    let location = object.value.node?.location ?? object.value.location
    let valuesReader = object.field("values")
    if documenting || !mode.isDesign {
      valuesReader.document(type: "list", defaultValue: "required (grid, zip)", doc: "grid and zip: the values, any YAML (scalars or mappings)")
    }
    var parameter: Parameter?
    if mode.isDesign || documenting {
      if valuesReader.node != nil, !documenting {
        valuesReader.report("a \(mode.rawValue) design samples its parameters; give min and max, distribution or choices instead of values")
      }
      parameter = readDesignDomain(object, location: location, documenting: documenting)
    }
    if !mode.isDesign, !documenting {
      var values: [ConfigNode] = []
      if let node = valuesReader.node {
        if case .sequence(let items) = node.content, !items.isEmpty {
          values = items
          object.store("values", .array(items.map(\.jsonValue)))
        } else {
          valuesReader.report("expected a non-empty list of values, got \(node.kindDescription)")
        }
      } else {
        valuesReader.missing()
      }
      for key in ["min", "max", "distribution", "choices", "integer"] where object.has(key) {
        object.field(key).report("'\(key)' belongs to the designs (lhs, sobol, morris); \(mode.rawValue) takes values")
      }
      parameter = values.isEmpty ? nil : Parameter(path: KeyPath(), values: values, location: location)
    }
    guard let path = KeyPath(parsing: pathText), var parameter else { return nil }
    parameter.path = path
    return parameter
  }
}
