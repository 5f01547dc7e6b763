import Foundation
import Recording
import ScenarioIO

/// `taosim check`: the built-in invariants of a finished run and its scenario's `expect:`
/// clauses, evaluated on the files (so a run can be checked long after it was made).
///
/// Invariants:
/// 0. the manifest's `health` block records conservation checks and no violation (study runs
///    have none);
/// 1. every file matches the completion marker (size and digest);
/// 2. no table holds NaN, ±∞ or text in a numeric column (empty = undefined is allowed);
/// 3. columns whose unit is `share` lie in [0, 1] (1e-9 slack for rounding);
/// 4. columns whose unit is `count` are ≥ 0;
/// 5. time runs forward: within each replication (and subnet) blocks strictly increase;
/// 6. every replication has the same number of network records.
/// Expect clauses read `summary.csv` (network and study rows).
public enum Check {
  /// One evaluated invariant or clause.
  public struct Finding: Sendable {
    public var name: String
    public var passed: Bool
    public var detail: String
  }

  /// The findings for one run folder.
  public struct RunReport: Sendable {
    /// `<scenario>/<run id>`.
    public var label: String
    public var scenario: String
    public var folder: URL
    public var findings: [Finding]
    public var failures: Int { findings.filter { !$0.passed }.count }
  }

  /// Evaluates the run in `folder`.
  public static func evaluate(folder: URL) throws -> RunReport {
    let manifestURL = folder.appendingPathComponent(RunManifest.fileName)
    guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
      throw ExperimentError.badPath(folder.path, "holds no manifest.json (not a run folder)")
    }
    let manifest = try JSONValue.parse(String(decoding: data, as: UTF8.self), source: manifestURL.path)
    let scenario = manifest["scenario_name"]?.stringValue ?? "?"
    let runID = manifest["run_id"]?.stringValue ?? "?"
    var findings: [Finding] = [markerFinding(folder, runID: runID), healthFinding(manifest)]
    findings += try tableFindings(folder, manifest: manifest)
    let clauses = (manifest["scenario"]?["expect"]?.arrayValue ?? []).compactMap(\.stringValue)
    if !clauses.isEmpty {
      let summary = try SummaryLookup(folder.appendingPathComponent(SummaryTable.fileName))
      for text in clauses { findings.append(expectFinding(text, summary: summary)) }
    }
    return RunReport(label: "\(scenario)/\(runID)", scenario: scenario, folder: folder, findings: findings)
  }

  /// The report of a run that did not finish (one failing finding).
  public static func incompleteReport(_ folder: URL, reason: String) -> RunReport {
    RunReport(
      label: "incomplete run", scenario: "?", folder: folder,
      findings: [Finding(name: "the run is complete", passed: false, detail: reason)])
  }

  /// Invariant 0: the manifest's `health` block shows conservation was checked and held.
  static func healthFinding(_ manifest: JSONValue) -> Finding {
    let name = "conservation held while simulating"
    guard let health = manifest["health"] else {
      if manifest["scenario"]?["study"] != nil {
        return Finding(name: name, passed: true, detail: "a study run (no World events to check)")
      }
      return Finding(name: name, passed: false, detail: "the manifest has no health block: conservation was not checked")
    }
    guard let checks = health["invariant_checks"]?.integerValue, let violations = health["violations"]?.integerValue,
      let events = health["events"]?.integerValue
    else { return Finding(name: name, passed: false, detail: "the health block is malformed") }
    let failedEpochs = health["failed_epochs"]?.integerValue ?? 0
    let refused = health["refused_actions"]?.integerValue ?? 0
    let detail =
      "\(violations) violation(s) in \(checks) invariant check(s) over \(events) event(s); "
      + "\(failedEpochs) failed epoch(s), \(refused) refused action(s)"
    return Finding(name: name, passed: violations == 0 && checks > 0, detail: detail)
  }

  static func markerFinding(_ folder: URL, runID: String) -> Finding {
    let name = "files match the completion marker"
    guard let marker = CompletionMarker.read(from: folder) else {
      return Finding(name: name, passed: false, detail: "no \(CompletionMarker.fileName): the run is incomplete")
    }
    guard marker.runID == runID else {
      return Finding(name: name, passed: false, detail: "the marker names run \(marker.runID)")
    }
    for fileName in marker.files.keys.sorted(by: JSONValue.byteOrder) {
      let expected = marker.files[fileName]!
      guard let actual = try? CompletionMarker.measure(folder.appendingPathComponent(fileName)) else {
        return Finding(name: name, passed: false, detail: "\(fileName) is missing")
      }
      guard actual == expected else {
        return Finding(name: name, passed: false, detail: "\(fileName) differs from the marker (altered or truncated)")
      }
    }
    return Finding(name: name, passed: true, detail: "\(marker.files.count) files")
  }

  /// Invariants 2–6 over every table the manifest documents.
  static func tableFindings(_ folder: URL, manifest: JSONValue) throws -> [Finding] {
    var finite: [String] = []
    var shares: [String] = []
    var counts: [String] = []
    var forward: [String] = []
    var balanced: [String] = []
    let tables = manifest["tables"]?.objectValue ?? [:]
    for table in tables.keys.sorted(by: JSONValue.byteOrder) {
      let url = folder.appendingPathComponent(table)
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      let units = Dictionary(
        (tables[table]?.arrayValue ?? []).compactMap { column -> (String, String)? in
          guard let name = column["name"]?.stringValue, let unit = column["unit"]?.stringValue else { return nil }
          return (name, unit)
        }, uniquingKeysWith: { first, _ in first })
      let reader = try CSVLineReader(url: url)
      guard let headerLine = try reader.next(), let header = CSVFormat.fields(of: Substring(headerLine)) else { continue }
      let numeric = header.indices.filter { !["text"].contains(units[header[$0]] ?? "text") }
      let shareColumns = header.indices.filter { units[header[$0]] == "share" }
      let countColumns = header.indices.filter { units[header[$0]] == "count" }
      let replicationColumn = header.firstIndex(of: "replication")
      let blockColumn = header.firstIndex(of: "block")
      let netuidColumn = header.firstIndex(of: "netuid")
      let uidColumn = header.firstIndex(of: "uid")
      var lastBlock: [String: Int64] = [:]
      var rowsPerReplication: [String: Int] = [:]
      var line = 1
      while let text = try reader.next() {
        line += 1
        if text.isEmpty { continue }
        guard let fields = CSVFormat.fields(of: Substring(text)), fields.count == header.count else {
          finite.append("\(table):\(line): \(header.count) fields expected")
          continue
        }
        for index in numeric where !fields[index].isEmpty {
          guard let value = Double(fields[index]), value.isFinite else {
            finite.append("\(table):\(line): \(header[index]) = '\(fields[index])'")
            continue
          }
          if shareColumns.contains(index), value < -1e-9 || value > 1 + 1e-9 {
            shares.append("\(table):\(line): \(header[index]) = \(fields[index])")
          }
          if countColumns.contains(index), value < 0 {
            counts.append("\(table):\(line): \(header[index]) = \(fields[index])")
          }
        }
        if let replicationColumn, let blockColumn, uidColumn == nil, let block = Int64(fields[blockColumn]) {
          let key = fields[replicationColumn] + "|" + (netuidColumn.map { fields[$0] } ?? "")
          if let previous = lastBlock[key], block <= previous {
            forward.append("\(table):\(line): block \(block) after \(previous)")
          }
          lastBlock[key] = block
          if netuidColumn == nil { rowsPerReplication[fields[replicationColumn], default: 0] += 1 }
        }
      }
      if Set(rowsPerReplication.values).count > 1 {
        let counts = rowsPerReplication.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.map {
          "replication \($0): \(rowsPerReplication[$0]!)"
        }
        balanced.append("\(table): " + counts.joined(separator: ", "))
      }
    }
    func finding(_ name: String, _ problems: [String], _ passDetail: String) -> Finding {
      let shown = problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? "; … (\(problems.count) in all)" : "")
      return Finding(name: name, passed: problems.isEmpty, detail: problems.isEmpty ? passDetail : shown)
    }
    return [
      finding("no NaN, infinite or non-numeric values", finite, "\(tables.count) tables"),
      finding("shares lie in [0, 1]", shares, "every share column"),
      finding("counts are non-negative", counts, "every count column"),
      finding("time runs forward", forward, "blocks increase within each replication and subnet"),
      finding("every replication has the same records", balanced, "equal network rows per replication"),
    ]
  }

  static func expectFinding(_ text: String, summary: SummaryLookup) -> Finding {
    let name = "expect \(text)"
    let clause: ExpectClause
    switch ExpectClause.parse(text) {
    case .failure(let error): return Finding(name: name, passed: false, detail: error.message)
    case .success(let parsed): clause = parsed
    }
    guard let row = summary.row(metric: clause.metric, aggregate: clause.aggregate.rawValue) else {
      return Finding(name: name, passed: false, detail: "no summary row for \(clause.subject)")
    }
    guard let value = row[clause.statistic.rawValue] else {
      return Finding(name: name, passed: false, detail: "\(clause.subject).\(clause.statistic.rawValue) is undefined")
    }
    let n = row["n"].map { Int($0) } ?? 0
    let holds = clause.comparison.holds(value, clause.threshold)
    return Finding(
      name: name, passed: holds,
      detail: "\(clause.subject).\(clause.statistic.rawValue) = \(CSVFormat.number(value)) over \(n) replication(s)")
  }
}

/// Network and study rows of a `summary.csv`, by (metric, aggregate).
struct SummaryLookup {
  private var rows: [String: [String: Double]] = [:]

  init(_ url: URL) throws {
    let reader = try CSVLineReader(url: url)
    guard let headerLine = try reader.next(), let header = CSVFormat.fields(of: Substring(headerLine)),
      let scope = header.firstIndex(of: "scope"), let metric = header.firstIndex(of: "metric"),
      let aggregate = header.firstIndex(of: "aggregate")
    else { throw ExperimentError.badPath(url.path, "is not a summary table") }
    while let text = try reader.next() {
      guard let fields = CSVFormat.fields(of: Substring(text)), fields.count == header.count,
        fields[scope] == "network" || fields[scope] == "study"
      else { continue }
      var values: [String: Double] = [:]
      for (index, column) in header.enumerated() { values[column] = Double(fields[index]) }
      rows[fields[metric] + "|" + fields[aggregate]] = values
    }
  }

  func row(metric: String, aggregate: String) -> [String: Double]? { rows[metric + "|" + aggregate] }
}
