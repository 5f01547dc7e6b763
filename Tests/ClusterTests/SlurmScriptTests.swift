import Foundation
import Testing

@testable import Experiments

/// A valid four-shard submission used by most tests.
func sampleSubmission(
  shards: Int = 4, partition: String? = nil, timeLimit: String? = nil, account: String? = nil,
  work: String = "/data/Results/slurm/tiny"
) throws -> SlurmSubmission {
  try SlurmSubmission(
    scenarioPath: "/data/Scenarios/tiny.yaml", scenarioName: "tiny", shards: shards, partition: partition,
    timeLimit: timeLimit, account: account, executable: "/opt/taosim/bin/taosim",
    resultsDirectory: "/data/Results", workDirectory: work)
}

@Suite("Slurm job scripts")
struct SlurmScriptTests {
  @Test("the array has one task per shard and passes the shard count literally, never SLURM_ARRAY_TASK_COUNT",
        arguments: [1, 4, 37])
  func arrayCoversEveryShard(shards: Int) throws {
    let script = try sampleSubmission(shards: shards).arrayScript(version: "9.9")
    #expect(script.contains("#SBATCH --array=0-\(shards - 1)\n"))
    #expect(script.contains(
      "exec /opt/taosim/bin/taosim sweep /data/Scenarios/tiny.yaml --shard \"$shard\" --of \(shards) --out /data/Results/slurm/tiny/shard-output\n"))
    #expect(script.contains("shard=\"${SLURM_ARRAY_TASK_ID:?"))
    #expect(!script.contains("$SLURM_ARRAY_TASK_COUNT") && !script.contains("${SLURM_ARRAY_TASK_COUNT"))
  }

  @Test("every #SBATCH line comes before the first command, or sbatch would ignore it")
  func directivesPrecedeCommands() throws {
    let submission = try sampleSubmission(partition: "short", timeLimit: "02:00:00", account: "lab")
    for script in [submission.arrayScript(version: "1"), submission.mergeScript(version: "1")] {
      let lines = script.split(separator: "\n").map(String.init)
      let firstCommand = try #require(lines.firstIndex { !$0.hasPrefix("#") && !$0.isEmpty })
      let lastDirective = try #require(lines.lastIndex { $0.hasPrefix("#SBATCH") })
      #expect(lastDirective < firstCommand)
      #expect(lines.first == "#!/bin/bash")
    }
  }

  @Test("partition, time and account appear in both jobs only when given")
  func optionalDirectives() throws {
    let plain = try sampleSubmission()
    let full = try sampleSubmission(partition: "gpu,short", timeLimit: "1-12:00:00", account: "lab_1")
    for script in [plain.arrayScript(version: "1"), plain.mergeScript(version: "1")] {
      #expect(!script.contains("--partition") && !script.contains("--time") && !script.contains("--account"))
    }
    for script in [full.arrayScript(version: "1"), full.mergeScript(version: "1")] {
      #expect(script.contains("#SBATCH --partition=gpu,short\n"))
      #expect(script.contains("#SBATCH --time=1-12:00:00\n"))
      #expect(script.contains("#SBATCH --account=lab_1\n"))
    }
  }

  @Test("the merge job merges the shards folder into the results folder and dies with a failed dependency")
  func mergeJob() throws {
    let script = try sampleSubmission().mergeScript(version: "1")
    #expect(script.contains("exec /opt/taosim/bin/taosim merge /data/Results/slurm/tiny/shard-output --out /data/Results\n"))
    #expect(script.contains("#SBATCH --kill-on-invalid-dep=yes\n"))
    #expect(!script.contains("--array"))
  }

  @Test("scripts written to disk are byte-identical to the rendered ones, helpers executable")
  func writesFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-slurm-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let submission = try sampleSubmission(work: folder)
    let files = submission.scripts(version: "1")
    let written = try GeneratedFile.write(files, into: folder, creating: [submission.logsDirectory])
    #expect(written.map { ($0 as NSString).lastPathComponent } == files.map(\.name))
    for file in files {
      let bytes = try String(contentsOfFile: folder + "/" + file.name, encoding: .utf8)
      #expect(bytes == file.contents)
      let mode = try FileManager.default.attributesOfItem(atPath: folder + "/" + file.name)[.posixPermissions] as? Int
      #expect(mode == (file.isExecutable ? 0o755 : 0o644))
    }
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: submission.logsDirectory, isDirectory: &isDirectory) && isDirectory.boolValue)
  }

  @Test("every problem in a request is reported at once")
  func reportsAllProblems() {
    #expect(throws: ClusterError.invalid([
      "--shards must be at least 1 (got 0)",
      "--partition 'a b' is not a partition name (letters, digits, '-', '_', '.', ',')",
      "--time '25:61' is not a Slurm time limit (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)",
      "scenario path 'tiny.yaml' must be absolute",
      "work folder path '/tmp/my results' may only use letters, digits and / . _ - + = : , @ (it goes into #SBATCH lines)",
    ])) {
      try SlurmSubmission(
        scenarioPath: "tiny.yaml", scenarioName: "tiny", shards: 0, partition: "a b", timeLimit: "25:61",
        executable: "/bin/taosim", resultsDirectory: "/tmp", workDirectory: "/tmp/my results")
    }
  }

  @Test("Slurm time limits: the documented forms pass, malformed ones fail",
        arguments: ["10", "10:30", "02:00:00", "1-12", "1-12:30", "7-00:00:00", "UNLIMITED", "INFINITE"])
  func validTimes(text: String) { #expect(SlurmTimeLimit.isValid(text)) }

  @Test("malformed time limits are refused",
        arguments: ["", "-1", "1:2:3:4", "1-24", "00:60", "1-1:60", "a", "1h", "1--2", "+5", "1-", ":30"])
  func invalidTimes(text: String) { #expect(!SlurmTimeLimit.isValid(text)) }

  @Test("paths are resolved against the current folder and the work folder defaults under the results")
  func resolvesPaths() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-resolve-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder + "/Scenarios", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = FileManager.default.createFile(atPath: folder + "/Scenarios/small.yaml", contents: Data("name: small\n".utf8))
    let submission = try SlurmSubmission.resolving(
      scenario: "Scenarios/./small.yaml", shards: 3, partition: nil, timeLimit: nil, account: nil,
      resultsDirectory: "out/", workDirectory: nil, executable: "bin/taosim", currentDirectory: folder)
    let root = SlurmSubmission.absolute(folder, in: "/")
    #expect(submission.scenarioPath == root + "/Scenarios/small.yaml")
    #expect(submission.scenarioName == "small")
    #expect(submission.resultsDirectory == root + "/out")
    #expect(submission.workDirectory == root + "/out/slurm/small")
    #expect(submission.executable == root + "/bin/taosim")
    #expect(throws: ClusterError.invalid(["scenario 'Scenarios' is not a file"])) {
      try SlurmSubmission.resolving(
        scenario: "Scenarios", shards: 3, partition: nil, timeLimit: nil, account: nil,
        resultsDirectory: "out", workDirectory: nil, executable: nil, currentDirectory: folder)
    }
  }

  @Test("a scenario file name that cannot name the work folder is refused", arguments: ["...yaml", ".yaml"])
  func unusableWorkFolderName(fileName: String) throws {
    let folder = NSTemporaryDirectory() + "taosim-slurm-name-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = FileManager.default.createFile(atPath: folder + "/" + fileName, contents: Data("seed: 1\n".utf8))
    #expect(throws: ClusterError.self) {
      try SlurmSubmission.resolving(
        scenario: fileName, shards: 2, partition: nil, timeLimit: nil, account: nil,
        resultsDirectory: "out", workDirectory: nil, executable: "bin/taosim", currentDirectory: folder)
    }
  }

  @Test("shell quoting survives a round trip through /bin/sh",
        arguments: ["plain/path.yaml", "with space", "it's", "$HOME `x` \"q\"", "a'b'c", ""])
  func quotingRoundTrip(text: String) throws {
    let output = try runShell("printf '%s' " + ShellQuoting.quote(text))
    #expect(output.status == 0)
    #expect(output.stdout == text)
  }
}

/// Runs `command` with `/bin/sh -c`, optionally with extra environment, and returns its exit status and stdout.
func runShell(_ command: String, environment: [String: String] = [:]) throws -> (status: Int32, stdout: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", command]
  var env = ProcessInfo.processInfo.environment
  for (key, value) in environment { env[key] = value }
  process.environment = env
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
