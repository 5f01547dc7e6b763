import Foundation
import Recording

/// What a results folder holds, found by walking it: run folders, the points each sweep plan
/// (`sweep.json`) expects, and traces of runs that did not finish, so `taosim check` can never
/// pass on a folder of nothing or of crashed runs.
///
/// A folder holding `manifest.json` or `COMPLETE` is a run folder (not descended into). A
/// staged folder (`.<name>.new`), a folder set aside by an interrupted swap (`.<name>.old`), a
/// folder with part files (`.parts`, `.staging`, `*.part`) or with tables but no manifest is an
/// incomplete run; a comparison folder (`compare.json`) is skipped. Symbolic links are not followed; the walk stops 16 levels down.
struct RunDiscovery {
  /// Run folders, in byte order of their paths.
  var runs: [URL] = []
  /// Incomplete runs: the folder and why.
  var incomplete: [(folder: URL, reason: String)] = []
  /// Scenario files directly inside the folder walked (`*.yaml`, `*.yml`).
  var scenarioFiles: [String] = []
  /// Sweep folders found (each with a `sweep.json`).
  var sweeps: [URL] = []

  /// Walks `root`.
  init(_ root: URL) {
    scenarioFiles = Self.entries(root).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
      .map { root.appendingPathComponent($0).path }
    walk(root, depth: 0)
  }

  static func entries(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted(by: JSONValue.byteOrder)
  }

  static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return false
    }
    let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
    return type != .typeSymbolicLink
  }

  private mutating func walk(_ folder: URL, depth: Int) {
    let names = Self.entries(folder)
    if names.contains(RunManifest.fileName) || names.contains(CompletionMarker.fileName) {
      runs.append(folder)
      return
    }
    // A comparison's folder (`compare/<name>/`, from `taosim compare`) holds tables of runs
    // found elsewhere under the root, not a run.
    if names.contains(ComparisonFiles.manifestName) { return }
    if names.contains(".parts") || names.contains(".staging") || names.contains(where: { $0.hasSuffix(".part") })
      || names.contains(where: { $0.hasSuffix(".csv") }) && !names.contains(SweepPlan.planFileName)
    {
      incomplete.append((folder, "no \(RunManifest.fileName) or \(CompletionMarker.fileName): the run did not finish"))
      return
    }
    if names.contains(SweepPlan.planFileName) { sweepPoints(folder, present: names) }
    guard depth < 16 else { return }
    for name in names {
      let child = folder.appendingPathComponent(name)
      guard Self.isFolder(child) else { continue }
      if name.hasPrefix(".") {
        if name.hasSuffix(".new") {
          incomplete.append((child, "a staged run folder left by an interrupted write"))
        } else if name.hasSuffix(".old") {
          incomplete.append((child, "a run folder set aside by an interrupted swap"))
        }
        continue
      }
      walk(child, depth: depth + 1)
    }
  }

  /// Records the sweep and every point its plan names that has no folder.
  private mutating func sweepPoints(_ folder: URL, present: [String]) {
    sweeps.append(folder)
    let url = folder.appendingPathComponent(SweepPlan.planFileName)
    guard let data = FileManager.default.contents(atPath: url.path),
      let plan = try? JSONValue.parse(String(decoding: data, as: UTF8.self), source: url.path),
      let points = plan["points"]?.arrayValue
    else {
      incomplete.append((folder, "\(SweepPlan.planFileName) is unreadable"))
      return
    }
    for point in points {
      guard let name = point["folder"]?.stringValue, PathName.problem(name) == nil else {
        incomplete.append((folder, "\(SweepPlan.planFileName) lists a point without a valid folder"))
        continue
      }
      if !present.contains(name) {
        incomplete.append((folder.appendingPathComponent(name), "sweep point missing (listed in \(SweepPlan.planFileName))"))
      }
    }
  }
}
