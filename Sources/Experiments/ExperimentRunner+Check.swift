import Foundation
import ScenarioIO

extension ExperimentRunner {
  /// What `check` found.
  public struct CheckResult: Sendable {
    /// One report per run folder checked, including one failing report per incomplete run.
    public var reports: [Check.RunReport]
    /// Scenario files that could not be loaded.
    public var invalid: [(file: String, error: ScenarioError)]
    /// Runs that had to be made first and failed.
    public var failedRuns: [RunOutcome]
    /// Folder-level failures: a folder that holds no complete run.
    public var problems: [String]
    /// What was checked, one line per path (e.g. `Results: 3 run(s), 1 sweep(s)`).
    public var checked: [String]
  }

  /// Checks each path: a run folder (holding `manifest.json` or `COMPLETE`) is evaluated as it
  /// is; a scenario file is run first unless its run is already complete in `outputRoot`
  /// (sweeps: every point); any other folder is walked (``RunDiscovery``): every run folder in
  /// it is evaluated, every incomplete run, staged folder or missing sweep point is a failing
  /// report, and its scenario files are run. A folder holding no complete run is a problem.
  public func check(_ paths: [String], outputRoot: URL) throws -> CheckResult {
    var folders: [URL] = []
    var incomplete: [(folder: URL, reason: String)] = []
    var scenarioFiles: [String] = []
    var walked: [(path: String, start: Int, found: RunDiscovery)] = []
    var checked: [String] = []
    for path in paths {
      let url = URL(fileURLWithPath: path)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ExperimentError.badPath(path, "no such file or folder")
      }
      if !isDirectory.boolValue {
        scenarioFiles.append(path)
        checked.append("\(path): scenario file")
        continue
      }
      let found = RunDiscovery(url)
      walked.append((path, folders.count, found))
      folders += found.runs
      incomplete += found.incomplete
      scenarioFiles += found.scenarioFiles
      checked.append(
        "\(path): \(found.runs.count) run folder(s), \(found.sweeps.count) sweep(s), "
          + "\(found.incomplete.count) incomplete, \(found.scenarioFiles.count) scenario file(s)")
    }
    var invalid: [(String, ScenarioError)] = []
    var failed: [RunOutcome] = []
    for file in scenarioFiles {
      do {
        let scenario = try load(file)
        let outcomes: [RunOutcome]
        if scenario.spec.sweep != nil {
          outcomes = try sweep(scenario, outputRoot: outputRoot, resume: true).outcomes
        } else {
          outcomes = [run(scenario, outputRoot: outputRoot, resume: true)]
        }
        for outcome in outcomes {
          if outcome.status.isFailure { failed.append(outcome) } else { folders.append(outcome.run.folder) }
        }
      } catch let error as ScenarioError {
        invalid.append((file, error))
      }
    }
    var reports = folders.map { folder in
      (try? Check.evaluate(folder: folder))
        ?? Check.incompleteReport(folder, reason: "no readable \(RunManifest.fileName): the run did not finish")
    }
    reports += incomplete.map { Check.incompleteReport($0.folder, reason: $0.reason) }
    var problems: [String] = []
    for (path, _, found) in walked where found.scenarioFiles.isEmpty {
      let complete = found.runs.filter { CompletionMarker.read(from: $0) != nil }.count
      if complete == 0 { problems.append("\(path) holds no complete run") }
    }
    return CheckResult(reports: reports, invalid: invalid, failedRuns: failed, problems: problems, checked: checked)
  }
}
