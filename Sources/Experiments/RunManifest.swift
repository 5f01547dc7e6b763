import Foundation
import Recording
import ScenarioIO

/// `manifest.json` of a run: tool and format versions, run id and content hash, seed,
/// replications, the `--set` overrides, the scenario files merged (with the SHA-256 of each),
/// the tool's source revision, the fully resolved scenario, the columns of every table and, for
/// simulated runs, the ``RunHealth`` block.
///
/// No wall-clock data, host names or absolute paths: a manifest is identical whenever the run
/// is (1 or N workers, debug or release, sharded or not) with one binary. Sources are recorded
/// as file names and `extends:` values as written. `source_revision` is the one field that
/// differs between builds of different revisions; nothing else (run id, content hash, CSVs)
/// depends on it, and result comparisons skip it.
enum RunManifest {
  static let fileName = "manifest.json"

  static func json(run: PlannedRun, tables: [(name: String, columns: [MetricColumn])], health: RunHealth? = nil)
    -> JSONValue
  {
    var object: [String: JSONValue] = [
      "format": .string("taosim-run"),
      "results_format": .integer(Int64(ResultsFormat.version)),
      "tool_version": .string(ResultsFormat.toolVersion),
      "scenario_name": .string(run.name),
      "run_id": .string(run.runID),
      "content_hash": .string(run.contentHash),
      "seed": .integer(Int64(bitPattern: run.seed)),
      "replications": .integer(Int64(run.replications)),
      "overrides": .array(run.scenario.overrides.map(JSONValue.string)),
      "sources": .array(sourceNames(run.scenario).map(JSONValue.string)),
      "source_digests": sourceDigests(run.scenario),
      "source_revision": .string(ResultsFormat.sourceRevision),
      "scenario": run.scenario.spec.resolved,
    ]
    var tableObject: [String: JSONValue] = [:]
    for table in tables {
      tableObject[table.name] = .array(
        table.columns.map {
          .object(["name": .string($0.name), "unit": .string($0.unit), "summary": .string($0.summary)])
        })
    }
    object["tables"] = .object(tableObject)
    if let health { object["health"] = health.json }
    if let point = run.sweepPoint {
      var values: [String: JSONValue] = [:]
      for (path, value) in point.values { values[path] = value }
      var sweep: [String: JSONValue] = [
        "sweep_id": .string(point.sweepID), "point": .integer(Int64(point.index)), "values": .object(values),
      ]
      if let coordinates = point.coordinates { sweep["design"] = coordinates.json(paths: point.values.map(\.path)) }
      object["sweep"] = .object(sweep)
    }
    return .object(object)
  }

  /// Each source file's name (as in ``sourceNames(_:)``) with the SHA-256 of its bytes as read,
  /// leaf first: `[{"file": "baseline.yaml", "sha256": "…"}, …]`.
  static func sourceDigests(_ scenario: LoadedScenario) -> JSONValue {
    .array(
      zip(sourceNames(scenario), scenario.sourceDigests).map {
        .object(["file": .string($0.0), "sha256": .string($0.1)])
      })
  }

  /// The leaf file's name, then each `extends:` value as written (no folders of this machine).
  static func sourceNames(_ scenario: LoadedScenario) -> [String] {
    guard let leaf = scenario.sources.first else { return [] }
    var names = [(leaf as NSString).lastPathComponent]
    for (child, parent) in zip(scenario.sources, scenario.sources.dropFirst()) {
      let folder = (child as NSString).deletingLastPathComponent
      var relative = parent
      if !folder.isEmpty, parent.hasPrefix(folder + "/") { relative = String(parent.dropFirst(folder.count + 1)) }
      names.append(relative)
    }
    return names
  }
}
