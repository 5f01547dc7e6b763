import Foundation
import ScenarioIO

extension ExperimentRunner {
  /// What `check` found.
  public struct CheckResult: Sendable {
    public var reports: [Check.RunReport]
    /// Scenario files that could not be loaded.
    public var invalid: [(file: String, error: ScenarioError)]
    /// Runs that had to be made first and failed.
    public var failedRuns: [RunOutcome]
  }

  /// Checks each path: a run folder (holding `manifest.json`) is evaluated as it is; a scenario
  /// file (or a folder of them) is run first unless its run is already complete in
  /// `outputRoot` (sweeps: every point).
  public func check(_ paths: [String], outputRoot: URL) throws -> CheckResult {
    var folders: [URL] = []
    var scenarioFiles: [String] = []
    for path in paths {
      let url = URL(fileURLWithPath: path)
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.json").path) {
        folders.append(url)
      } else {
        scenarioFiles += try Self.expand([path])
      }
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
    let reports = try folders.map { try Check.evaluate(folder: $0) }
    return CheckResult(reports: reports, invalid: invalid, failedRuns: failed)
  }
}
