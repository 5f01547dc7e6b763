import ArgumentParser
import Experiments
import Foundation

/// `taosim report`: figures and a Markdown report for run and compare folders, drawn headless by
/// the notebook tooling (`Notebooks/report.py` in the notebook environment).
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write PNG figures and a Markdown report for run or compare folders.",
    discussion: """
      Each folder is a run folder (RESULTS/<scenario>/<run-id>/) or a compare folder \
      (RESULTS/compare/<name>/). Writes DIR/report.md linking DIR/figures/*.png: time series with \
      95 % bands clipped to each metric's bounds, the runs side by side, subnet emission shares, \
      and for a compare folder the paired differences; DIR/notebooks/ holds the executed notebooks. \
      Python comes from --python, else from the notebook environment (scripts/notebook-venv.sh, \
      found above the working directory or the executable). Exits 2 when a folder is neither kind.

      Example:
        taosim report Results/compare/<name> --out report
        taosim report Results/<scenario>/<run-id> Results/<other>/<run-id> --out r2
      """)

  @Argument(help: "Run or compare folders.")
  var folders: [String]

  @Option(help: "The report folder (figures, notebooks and report.md are written inside it).")
  var out: String

  @Option(help: "The Python interpreter with the notebook requirements (default: the notebook venv).")
  var python: String?

  func run() throws {
    var inputs: [ReportInput] = []
    for path in folders {
      let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
      guard let input = ReportInput.classify(url) else {
        CLI.warn(ReportInput.refusal(url))
        throw ExitCode(2)
      }
      inputs.append(input)
    }
    guard let repo = Self.repository() else {
      CLI.warn("cannot find Notebooks/report.py above the working directory or the executable")
      throw ExitCode(2)
    }
    let interpreter = try python ?? Self.venvPython(repo)
    let outURL = URL(fileURLWithPath: out, isDirectory: true).standardizedFileURL
    try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
    let bounds = outURL.appendingPathComponent("metrics.csv")
    try Data(Describe.metricTable(CLI.kernel()).utf8).write(to: bounds, options: .atomic)
    var arguments = [repo.appendingPathComponent("Notebooks/report.py").path, "--out", outURL.path, "--metrics", bounds.path]
    for input in inputs {
      switch input {
      case .run(let url): arguments += ["--run", url.path]
      case .compare(let url): arguments += ["--compare", url.path]
      }
    }
    let status = try Self.execute(interpreter, arguments, in: repo.appendingPathComponent("Notebooks"))
    guard status == 0 else {
      CLI.warn("report: the figure script failed (exit \(status))")
      throw ExitCode(1)
    }
    print("report: \(CLI.display(outURL.appendingPathComponent("report.md")))")
  }

  /// The checkout holding `Notebooks/report.py`: the working directory or a parent, else the
  /// executable's folder or a parent.
  static func repository() -> URL? {
    let starts = [
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
    ]
    for start in starts {
      var folder = start.standardizedFileURL
      while true {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Notebooks/report.py").path) { return folder }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path { break }
        folder = parent
      }
    }
    return nil
  }

  /// The notebook venv's python, created if needed by `scripts/notebook-venv.sh` (which prints its path).
  static func venvPython(_ repo: URL) throws -> String {
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["bash", repo.appendingPathComponent("scripts/notebook-venv.sh").path]
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let venv = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0, !venv.isEmpty else {
      CLI.warn("report: scripts/notebook-venv.sh failed; pass --python PATH")
      throw ExitCode(2)
    }
    return venv + "/bin/python"
  }

  /// Runs `executable arguments` in `folder` with stdout and stderr passed through; its exit status.
  static func execute(_ executable: String, _ arguments: [String], in folder: URL) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["MPLBACKEND"] = "Agg"
    environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    process.environment = environment
    do { try process.run() } catch {
      CLI.warn("report: cannot start \(executable): \(error)")
      throw ExitCode(2)
    }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
