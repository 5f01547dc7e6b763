import Recording

/// A scenario's `sweep:` block: which values to vary, how to combine them, how many replicates.
///
/// Points are numbered from 0. `grid` is the Cartesian product with the first parameter varying
/// slowest; `zip` pairs the i-th values of every parameter (all lists must have the same
/// length). Sweeps name their mode explicitly: neither is a default.
public struct SweepSpec: Sendable {
  /// How parameter lists combine.
  public enum Mode: String, Sendable { case grid, zip }

  /// How seeds relate across points.
  public enum Seeds: String, Sendable {
    /// Every point uses the scenario's seed: replicate r sees the same random world at every
    /// point (common random numbers), so differences between points are the parameters' doing.
    case common
    /// Point i uses a seed derived from the sweep's content hash and i.
    case independent
  }

  /// One swept key and its values (as written, with their locations).
  public struct Parameter: Sendable {
    public var path: KeyPath
    public var values: [ConfigNode]
  }

  public var mode: Mode
  public var parameters: [Parameter]
  /// Replications per point; `nil` = the scenario's `replications`.
  public var replicates: Int?
  public var seeds: Seeds

  /// The number of points.
  public var pointCount: Int {
    guard !parameters.isEmpty else { return 0 }
    switch mode {
    case .zip: return parameters[0].values.count
    case .grid: return parameters.reduce(1) { $0 * $1.values.count }
    }
  }

  /// The value index of each parameter at point `index`.
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
    }
  }

  /// Largest number of points a sweep may expand to.
  public static let maximumPoints = 100_000

  /// Keys a sweep may not vary.
  static let forbiddenRoots: Set<String> = ["sweep", "name", "extends", "format_version", "expect"]

  static func read(_ reader: ObjectReader) -> SweepSpec {
    let mode = reader.choice(
      "mode", ["grid", "zip"], default: nil,
      doc: "grid = every combination (first parameter varies slowest); zip = i-th values together")
    let parameters: [Parameter?] = reader.list(
      "parameters", doc: "the swept keys, in order; each item has path and values", maximumCount: 32
    ) { item in
      let (parameter, json) = item.object(doc: "one swept key") { object -> Parameter? in
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
        let valuesReader = object.field("values")
        valuesReader.document(type: "list", defaultValue: "required", doc: "the values, any YAML (scalars or mappings)")
        var values: [ConfigNode] = []
        if let node = valuesReader.node {
          if case .sequence(let items) = node.content, !items.isEmpty {
            values = items
            object.store("values", .array(items.map(\.jsonValue)))
          } else {
            valuesReader.report("expected a non-empty list of values, got \(node.kindDescription)")
          }
        } else if !reader.context.documenting {
          valuesReader.missing()
        }
        guard let path = KeyPath(parsing: pathText), !values.isEmpty else { return nil }
        return Parameter(path: path, values: values)
      }
      return (parameter, json)
    }
    let replicates: Int? =
      reader.has("replicates") || reader.context.documenting
      ? reader.integer(
        "replicates", default: nil, in: 1...100_000,
        doc: "replications per point", defaultText: "the scenario's replications")
      : nil
    let seeds = reader.choice(
      "seeds", ["common", "independent"], default: "common",
      doc: "common = same seed at every point (common random numbers); independent = seed from content hash and point index")
    var spec = SweepSpec(
      mode: Mode(rawValue: mode) ?? .grid, parameters: parameters.compactMap { $0 }, replicates: replicates,
      seeds: Seeds(rawValue: seeds) ?? .common)
    if !reader.context.documenting {
      if spec.parameters.isEmpty && !parameters.contains(where: { $0 == nil }) {
        reader.value.report("a sweep needs at least one parameter")
      }
      let paths = spec.parameters.map(\.path.description)
      if Set(paths).count != paths.count { reader.value.report("a key path appears twice in parameters") }
      if spec.mode == .zip, Set(spec.parameters.map(\.values.count)).count > 1 {
        let counts = spec.parameters.map { "\($0.path): \($0.values.count)" }.joined(separator: ", ")
        reader.value.report("zip needs value lists of equal length (\(counts))")
      }
      let total = spec.parameters.reduce(1.0) { $0 * Double($1.values.count) }
      if total > Double(maximumPoints) {
        reader.value.report("expands to \(NumberRange.text(total)) points; at most \(maximumPoints) are allowed")
        spec.parameters = []
      }
    }
    return spec
  }
}
