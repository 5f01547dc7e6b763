import Foundation
import Recording

/// `sweep.csv`, the sweep's outcome table: one row per point with its identity, its parameter
/// values (mapping-valued ones flattened to dotted columns), for designs its coordinates, and
/// the outcome of every network and study metric of its `summary.csv`: the final and the
/// time-mean value (mean over replications) with the 95 % interval of each.
///
/// Columns, in order: `scenario, sweep_id, point, run_id, folder, seed, replications`, the
/// parameter columns; designs add `design_block, design_step, design_role, design_parameter`
/// and `unit.<path>` per parameter; then `complete` (true once the point's run is complete)
/// and, per metric in the order of the first complete point's summary,
/// `<metric>_final, <metric>_final_ci_low, <metric>_final_ci_high, <metric>_mean,
/// <metric>_mean_ci_low, <metric>_mean_ci_high`. A point not yet complete has empty outcome
/// fields. Subnet-scope metrics stay in each point's `summary.csv` (their number depends on the
/// point's subnets).
///
/// The table is built from `sweep.json` and the point folders only, so the unsharded sweep, a
/// resumed one and `taosim merge` write the same bytes. It is rewritten whole (atomically) each
/// time; outcomes read once are cached.
final class SweepIndex: @unchecked Sendable {
  static let fileName = "sweep.csv"
  /// The outcome columns of one metric, as suffixes of its name.
  static let outcomeSuffixes = ["_final", "_final_ci_low", "_final_ci_high", "_mean", "_mean_ci_low", "_mean_ci_high"]

  /// One point's metrics: name → the six outcome fields.
  typealias Outcomes = [(metric: String, fields: [String])]

  let plan: JSONValue
  let folder: URL
  private var outcomes: [String: Outcomes] = [:]
  private let lock = NSLock()

  init(plan: JSONValue, folder: URL) {
    self.plan = plan
    self.folder = folder
  }

  /// Rewrites `sweep.csv` from the plan and the points complete so far.
  func write() throws {
    lock.lock()
    defer { lock.unlock() }
    let (columns, rows) = table()
    let file = try CSVFile(destination: folder.appendingPathComponent(Self.fileName), columns: columns)
    for row in rows { try file.append(row) }
    try file.commit()
  }

  /// The header and rows of `sweep.csv` as they stand now.
  func table() -> (columns: [String], rows: [[String]]) {
    let parameters = plan["parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let points = plan["points"]?.arrayValue ?? []
    let isDesign = plan["mode"] != nil
    var pointOutcomes: [Outcomes?] = []
    for point in points {
      let name = point["folder"]?.stringValue ?? ""
      let runID = point["run_id"]?.stringValue ?? ""
      if let cached = outcomes[name] {
        pointOutcomes.append(cached)
      } else if let read = Self.readOutcomes(folder.appendingPathComponent(name), runID: runID) {
        outcomes[name] = read
        pointOutcomes.append(read)
      } else {
        pointOutcomes.append(nil)
      }
    }
    var metrics: [String] = []
    var seen: Set<String> = []
    for point in pointOutcomes.compactMap({ $0 }) {
      for entry in point where seen.insert(entry.metric).inserted { metrics.append(entry.metric) }
    }
    let flattened = points.map { point in
      parameters.map { path in Self.flatten(point["values"]?[path] ?? .null, prefix: path) }
    }
    var parameterColumns: [String] = []
    for position in parameters.indices {
      var names: [String] = []
      for row in flattened { for (name, _) in row[position] where !names.contains(name) { names.append(name) } }
      parameterColumns += names
    }
    let designColumns =
      isDesign ? ["design_block", "design_step", "design_role", "design_parameter"] + parameters.map { "unit." + $0 } : []
    let columns =
      ["scenario", "sweep_id", "point", "run_id", "folder", "seed", "replications"] + parameterColumns + designColumns
      + ["complete"] + metrics.flatMap { metric in
        Self.outcomeSuffixes.map { metric + $0 }
      }
    var rows: [[String]] = []
    let scenario = plan["scenario_name"]?.stringValue ?? ""
    let sweepID = plan["sweep_id"]?.stringValue ?? ""
    for (index, point) in points.enumerated() {
      var row = [
        scenario, sweepID, point["point"].map(Self.field) ?? "", point["run_id"]?.stringValue ?? "",
        point["folder"]?.stringValue ?? "", point["seed"].map(Self.field) ?? "",
        point["replications"].map(Self.field) ?? "",
      ]
      let values = Dictionary(flattened[index].joined().map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      row += parameterColumns.map { values[$0].map(Self.field) ?? "" }
      if isDesign {
        let design = point["design"]
        row += ["block", "step", "role", "parameter"].map { key in design?[key].map(Self.field) ?? "" }
        row += parameters.map { path in design?["unit"]?[path].map(Self.field) ?? "" }
      }
      let outcome = pointOutcomes[index]
      row.append(outcome == nil ? "false" : "true")
      let byMetric = Dictionary((outcome ?? []).map { ($0.metric, $0.fields) }, uniquingKeysWith: { a, _ in a })
      for metric in metrics {
        row += byMetric[metric] ?? Array(repeating: "", count: Self.outcomeSuffixes.count)
      }
      rows.append(row)
    }
    return (columns, rows)
  }

  /// A point's outcomes from its `summary.csv`, or `nil` while its completion marker is absent
  /// or names another run.
  static func readOutcomes(_ pointFolder: URL, runID: String) -> Outcomes? {
    guard let marker = CompletionMarker.read(from: pointFolder), marker.runID == runID,
      let reader = try? CSVLineReader(url: pointFolder.appendingPathComponent(SummaryTable.fileName)),
      let headerLine = try? reader.next(), let header = CSVFormat.fields(of: Substring(headerLine))
    else { return nil }
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    guard let scope = column("scope"), let metric = column("metric"), let aggregate = column("aggregate"),
      let mean = column("mean"), let low = column("ci_low"), let high = column("ci_high")
    else { return nil }
    var result: Outcomes = []
    var position: [String: Int] = [:]
    while let line = try? reader.next() {
      guard !line.isEmpty, let fields = CSVFormat.fields(of: Substring(line)), fields.count == header.count,
        fields[scope] == "network" || fields[scope] == "study"
      else { continue }
      let offset: Int
      switch fields[aggregate] {
      case "final": offset = 0
      case "mean": offset = 3
      default: continue
      }
      let name = fields[metric]
      if position[name] == nil {
        position[name] = result.count
        result.append((name, Array(repeating: "", count: outcomeSuffixes.count)))
      }
      let slot = position[name]!
      result[slot].fields[offset] = fields[mean]
      result[slot].fields[offset + 1] = fields[low]
      result[slot].fields[offset + 2] = fields[high]
    }
    return result
  }

  /// A parameter value as (column, value) pairs: a mapping becomes one column per leaf,
  /// `path.key` (keys sorted), anything else one column `path`.
  static func flatten(_ value: JSONValue, prefix: String) -> [(name: String, value: JSONValue)] {
    guard case .object(let members) = value, !members.isEmpty else { return [(prefix, value)] }
    return members.keys.sorted().flatMap { key in flatten(members[key]!, prefix: prefix + "." + key) }
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

/// Rewrites a sweep's `sweep.csv` when a point finishes, at most once every
/// ``minimumInterval`` (the caller writes it once more at the end, so the final bytes never
/// depend on timing). A failed rewrite is left for the final one to report.
final class IndexRefresh: @unchecked Sendable {
  static let minimumInterval: Duration = .seconds(2)
  private let index: SweepIndex
  private var last: ContinuousClock.Instant?
  private let lock = NSLock()

  init(_ index: SweepIndex) { self.index = index }

  func pointFinished() {
    lock.lock()
    defer { lock.unlock() }
    let now = ContinuousClock.now
    if let last, now - last < Self.minimumInterval { return }
    last = now
    try? index.write()
  }
}
