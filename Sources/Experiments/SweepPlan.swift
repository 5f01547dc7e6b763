import Foundation
import Recording
import ScenarioIO

/// A sweep expanded into runs: one run per point, in point order, each in
/// `OUT/<scenario>/sweep-<hash>/point-NNNN/`, plus the sweep's own files `sweep.json` (the plan)
/// and `sweep.csv` (the index, written once every point is complete).
///
/// Seeds: with `seeds: common` every point uses the scenario's seed, so replicate r of every
/// point draws the same random world (common random numbers); with `seeds: independent` point
/// i's seed is the first 63 bits of SHA-256(sweep hash, i). Either way a seed depends only on
/// the sweep's content and the point's global index, never on sharding.
public struct SweepPlan: Sendable {
  /// The scenario with its `sweep:` block.
  public var base: LoadedScenario
  /// `sweep-<12 hex>`.
  public var sweepID: String
  public var contentHash: String
  /// `OUT/<scenario>/<sweep id>`.
  public var folder: URL
  /// One run per point, in point order.
  public var runs: [PlannedRun]
  /// Parameter paths, in order.
  public var parameterPaths: [String]

  static let planFileName = "sweep.json"
  static let indexFileName = "sweep.csv"

  /// Expands `base`'s sweep; invalid points are reported together (a problem every point
  /// shares, such as a typo in a swept path, once).
  public init(
    base: LoadedScenario, seed: UInt64?, replications: Int?, outputRoot: URL,
    extensions: ScenarioExtensions = StudyRegistry.extensions()
  ) throws(ScenarioError) {
    guard let sweep = base.spec.sweep else {
      throw ScenarioError(
        problems: [
          ScenarioProblem(
            location: base.tree.location, path: "sweep", message: "the scenario has no sweep: block; use taosim run")
        ])
    }
    if let conflict = Self.conflict(sweep, base: base, seed: seed, replications: replications) {
      throw ScenarioError(problems: [conflict])
    }
    self.base = base
    let baseSeed = seed ?? base.spec.seed
    let perPoint = replications ?? sweep.replicates ?? base.spec.replications
    let identity = JSONValue.object([
      "results_format": .integer(Int64(ResultsFormat.version)), "scenario": base.spec.resolved,
      "seed": .integer(Int64(bitPattern: baseSeed)), "replications": .integer(Int64(perPoint)),
      "overrides": .array(base.overrides.map(JSONValue.string)),
    ])
    contentHash = SHA256.hex(identity.encoded(pretty: false))
    sweepID = "sweep-\(contentHash.prefix(12))"
    folder = outputRoot.appendingPathComponent(base.spec.name).appendingPathComponent(sweepID)
    parameterPaths = sweep.parameters.map(\.path.description)
    let count = sweep.pointCount
    let width = max(4, String(max(0, count - 1)).count)
    var runs: [PlannedRun] = []
    var problems: [[ScenarioProblem]] = []
    for index in 0..<count {
      let point: LoadedScenario
      do {
        point = try ScenarioLoader.point(index, of: base, extensions: extensions)
      } catch {
        problems.append(error.problems)
        continue
      }
      let pointSeed: UInt64
      switch sweep.seeds {
      case .common: pointSeed = seed ?? point.spec.seed
      case .independent:
        let digest = SHA256.hex("\(contentHash):\(index)")
        pointSeed = (UInt64(digest.prefix(16), radix: 16) ?? 0) >> 1
      }
      let values = zip(sweep.parameters, sweep.valueIndices(ofPoint: index)).map {
        (path: $0.0.path.description, value: $0.0.values[$0.1].jsonValue)
      }
      let text = String(index)
      let name = "point-" + String(repeating: "0", count: max(0, width - text.count)) + text
      runs.append(
        PlannedRun(
          scenario: point, seed: pointSeed,
          replications: replications ?? sweep.replicates ?? point.spec.replications, outputRoot: outputRoot,
          relativeFolder: base.spec.name + "/" + sweepID + "/" + name,
          sweepPoint: SweepPointInfo(sweepID: sweepID, index: index, values: values)))
    }
    guard problems.isEmpty else { throw ScenarioError(problems: Self.merged(problems, pointCount: count)) }
    self.runs = runs
  }

  /// The problems of the failing points, with a problem that every point has (the same key
  /// path and message whatever the value: a typo in a swept path) reported once, at its first
  /// location, for every point; a problem of some points only stays one per point.
  static func merged(_ pointProblems: [[ScenarioProblem]], pointCount: Int) -> [ScenarioProblem] {
    func key(_ problem: ScenarioProblem) -> String { problem.path + "\u{0}" + pointless(problem.message) }
    var points: [String: Int] = [:]
    for problems in pointProblems {
      for name in Set(problems.map(key)) { points[name, default: 0] += 1 }
    }
    var reported: Set<String> = []
    var merged: [ScenarioProblem] = []
    for problem in pointProblems.joined() {
      let name = key(problem)
      guard pointProblems.count == pointCount, points[name] == pointCount, pointCount > 1 else {
        merged.append(problem)
        continue
      }
      guard reported.insert(name).inserted else { continue }
      var once = problem
      once.message = pointless(problem.message) + " (every sweep point)"
      merged.append(once)
    }
    return merged
  }

  /// `message` without the ` (sweep point N)` the loader appends.
  static func pointless(_ message: String) -> String {
    guard message.hasSuffix(")"), let open = message.range(of: " (sweep point ", options: .backwards) else {
      return message
    }
    let digits = message[open.upperBound..<message.index(before: message.endIndex)]
    return !digits.isEmpty && digits.allSatisfy(\.isNumber) ? String(message[..<open.lowerBound]) : message
  }

  /// A swept `seed` or `replications` that something else would silently replace: `--seed` /
  /// `seeds: independent` (for `seed`), `--replications` / `replicates:` (for `replications`).
  static func conflict(_ sweep: SweepSpec, base: LoadedScenario, seed: UInt64?, replications: Int?)
    -> ScenarioProblem?
  {
    for parameter in sweep.parameters {
      guard parameter.path.components.count == 1, case .key(let key) = parameter.path.components[0] else { continue }
      let location = parameter.values.first?.location ?? base.tree.location
      func problem(_ message: String) -> ScenarioProblem {
        ScenarioProblem(location: location, path: "sweep.parameters", message: message)
      }
      if key == "seed", seed != nil { return problem("the sweep varies seed, so --seed cannot replace it") }
      if key == "seed", sweep.seeds == .independent {
        return problem("the sweep varies seed, which seeds: independent would replace; use seeds: common")
      }
      if key == "replications", replications != nil {
        return problem("the sweep varies replications, so --replications cannot replace it")
      }
      if key == "replications", sweep.replicates != nil {
        return problem("the sweep varies replications, which replicates: would replace; remove one of them")
      }
    }
    return nil
  }

  /// `sweep.json`: the resolved base scenario, the sweep id and every point's folder, run id,
  /// seed and values. Identical in every shard.
  public var planJSON: JSONValue {
    .object([
      "format": .string("taosim-sweep"), "results_format": .integer(Int64(ResultsFormat.version)),
      "tool_version": .string(ResultsFormat.toolVersion), "scenario_name": .string(base.spec.name),
      "sweep_id": .string(sweepID), "content_hash": .string(contentHash),
      "overrides": .array(base.overrides.map(JSONValue.string)),
      "sources": .array(RunManifest.sourceNames(base).map(JSONValue.string)), "scenario": base.spec.resolved,
      "parameters": .array(parameterPaths.map(JSONValue.string)),
      "points": .array(
        runs.map { run in
          var values: [String: JSONValue] = [:]
          for (path, value) in run.sweepPoint?.values ?? [] { values[path] = value }
          return .object([
            "point": .integer(Int64(run.sweepPoint?.index ?? 0)), "folder": .string(run.folder.lastPathComponent),
            "run_id": .string(run.runID), "seed": .integer(Int64(bitPattern: run.seed)),
            "replications": .integer(Int64(run.replications)), "values": .object(values),
          ])
        }),
    ])
  }

  /// Writes `sweep.json` (atomically).
  public func writePlan() throws {
    try AtomicFile.write(planJSON.encoded(), to: folder.appendingPathComponent(Self.planFileName))
  }

  /// Writes `sweep.csv` from a plan document (`sweep.json`), so the unsharded sweep and
  /// `taosim merge` produce the same bytes.
  static func writeIndex(plan: JSONValue, into folder: URL) throws {
    let parameters = plan["parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let columns = ["scenario", "sweep_id", "point", "run_id", "folder", "seed", "replications"] + parameters
    let file = try CSVFile(destination: folder.appendingPathComponent(indexFileName), columns: columns)
    let name = plan["scenario_name"]?.stringValue ?? ""
    let sweepID = plan["sweep_id"]?.stringValue ?? ""
    for point in plan["points"]?.arrayValue ?? [] {
      let values = parameters.map { path in point["values"]?[path].map(Self.field) ?? "" }
      try file.append(
        [
          name, sweepID, point["point"].map(Self.field) ?? "", point["run_id"]?.stringValue ?? "",
          point["folder"]?.stringValue ?? "", point["seed"].map(Self.field) ?? "",
          point["replications"].map(Self.field) ?? "",
        ] + values)
    }
    try file.commit()
  }

  /// A JSON value as one CSV field (scalars plainly, collections as compact JSON).
  static func field(_ value: JSONValue) -> String {
    switch value {
    case .null: ""
    case .bool(let flag): flag ? "true" : "false"
    case .integer(let integer): String(integer)
    case .unsigned(let integer): String(integer)
    case .number(let number): CSVFormat.number(number)
    case .string(let text): text
    case .array, .object: value.encoded(pretty: false)
    }
  }
}
