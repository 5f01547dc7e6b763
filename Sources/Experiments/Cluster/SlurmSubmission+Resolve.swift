import Foundation
import Recording

/// Turns the command line's relative paths into a validated `SlurmSubmission`.
extension SlurmSubmission {
  /// Resolves paths against `currentDirectory`, names the work folder and checks the scenario exists.
  ///
  /// - Parameters:
  ///   - scenario: scenario file as typed (relative or absolute); must be a readable file.
  ///   - resultsDirectory: where merged results go (`--out`, default `Results`).
  ///   - workDirectory: scripts, logs and shard outputs; default `<out>/slurm/<scenario name>`.
  ///   - executable: the `taosim` binary the jobs run; default: the running executable.
  /// - Throws: `ClusterError.invalid` with every problem found.
  public static func resolving(
    scenario: String, shards: Int, partition: String?, timeLimit: String?, account: String?,
    resultsDirectory: String, workDirectory: String?, executable: String?,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) throws -> SlurmSubmission {
    let scenarioPath = absolute(scenario, in: currentDirectory)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: scenarioPath, isDirectory: &isDirectory), !isDirectory.boolValue
    else { throw ClusterError.invalid(["scenario '\(scenario)' is not a file"]) }
    let name = URL(fileURLWithPath: scenarioPath).deletingPathExtension().lastPathComponent
    // The name becomes a folder (`<out>/slurm/<name>`): the same rule as every results path.
    if workDirectory == nil, let problem = PathName.problem(name) {
      throw ClusterError.invalid(["scenario file name '\(scenario)' cannot name the work folder: \(problem); rename the file or pass --work"])
    }
    let results = absolute(resultsDirectory, in: currentDirectory)
    let work = workDirectory.map { absolute($0, in: currentDirectory) } ?? results + "/slurm/" + name
    guard let binary = executable.map({ absolute($0, in: currentDirectory) }) ?? runningExecutable() else {
      throw ClusterError.invalid(["cannot tell where the taosim executable is; pass --taosim PATH"])
    }
    return try SlurmSubmission(
      scenarioPath: scenarioPath, scenarioName: name, shards: shards, partition: partition,
      timeLimit: timeLimit, account: account, executable: binary, resultsDirectory: results,
      workDirectory: work)
  }

  /// `path` made absolute against `base`, with `.`/`..` components removed.
  static func absolute(_ path: String, in base: String) -> String {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
    var standardized = url.standardizedFileURL.path
    while standardized.count > 1 && standardized.hasSuffix("/") { standardized.removeLast() }
    return standardized
  }

  /// The running executable's absolute path with symbolic links resolved, if the platform says.
  static func runningExecutable() -> String? {
    if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
    return Bundle.main.executableURL?.resolvingSymlinksInPath().path
  }

  /// What to tell the user after the scripts are written: how to submit, re-submit, and find results.
  public func instructions(written: [String]) -> String {
    var lines = ["wrote:"] + written.map { "  " + $0 }
    lines += [
      "submit the \(shards) shards and the merge job (afterok):",
      "  \(workDirectory)/\(Self.submitScriptName)",
      "re-submit failed shard K alone, then the merge:",
      "  \(workDirectory)/\(Self.resubmitScriptName) K      # = sbatch --array=K \(workDirectory)/\(Self.arrayScriptName)",
      "watch:   squeue -u $USER;  logs in \(logsDirectory)/",
      "results: \(resultsDirectory)/\(scenarioName)/ once the merge job has succeeded",
    ]
    return lines.joined(separator: "\n")
  }
}
