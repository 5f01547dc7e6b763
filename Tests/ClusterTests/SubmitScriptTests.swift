import Foundation
import Testing

@testable import Experiments

/// Runs the generated helpers against a stand-in `sbatch` that logs its arguments and answers with
/// job ids 100, 101, …, so the submission logic (afterok chaining, single-shard re-submission) is
/// checked without a cluster. The real cluster test is `scripts/slurm-test.sh`.
@Suite("Slurm submit helpers")
struct SubmitScriptTests {
  /// Writes the scripts for `shards` shards and a fake `sbatch` into a fresh folder.
  func prepare(shards: Int) throws -> (folder: String, submission: SlurmSubmission) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-submit-\(UUID().uuidString)").path
    let submission = try sampleSubmission(shards: shards, work: folder + "/work")
    _ = try GeneratedFile.write(submission.scripts(version: "1"), into: submission.workDirectory)
    let fake = """
      #!/bin/sh
      n=$(cat "$FAKE_DIR/count" 2>/dev/null || echo 100)
      echo "$*" >> "$FAKE_DIR/calls"
      echo $((n + 1)) > "$FAKE_DIR/count"
      echo "$n;cluster"

      """
    _ = try GeneratedFile.write([GeneratedFile(name: "sbatch", contents: fake, isExecutable: true)], into: folder + "/bin")
    return (folder, submission)
  }

  func calls(_ folder: String) throws -> [String] {
    try String(contentsOfFile: folder + "/calls", encoding: .utf8).split(separator: "\n").map(String.init)
  }

  func environment(_ folder: String) -> [String: String] {
    ["FAKE_DIR": folder, "PATH": folder + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
  }

  @Test("submit.sh submits the array, then the merge with afterok on the array's job id")
  func submitChainsMergeAfterArray() throws {
    let (folder, submission) = try prepare(shards: 4)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let work = submission.workDirectory
    let result = try runShell(work + "/submit.sh --wait", environment: environment(folder))
    #expect(result.status == 0)
    #expect(try calls(folder) == [
      "--parsable \(work)/sweep-array.sbatch",
      "--parsable --wait --dependency=afterok:100 \(work)/merge.sbatch",
    ])
    #expect(FileManager.default.fileExists(atPath: submission.shardsDirectory))
  }

  @Test("resubmit.sh runs only the named shards, then the merge after them")
  func resubmitRunsNamedShards() throws {
    let (folder, submission) = try prepare(shards: 4)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let work = submission.workDirectory
    #expect(try runShell(work + "/resubmit.sh 2", environment: environment(folder)).status == 0)
    #expect(try runShell(work + "/resubmit.sh --wait 0 3", environment: environment(folder)).status == 0)
    #expect(try calls(folder) == [
      "--parsable --array=2 \(work)/sweep-array.sbatch",
      "--parsable --dependency=afterok:100 \(work)/merge.sbatch",
      "--parsable --array=0,3 \(work)/sweep-array.sbatch",
      "--parsable --wait --dependency=afterok:102 \(work)/merge.sbatch",
    ])
  }

  @Test("resubmit.sh refuses shard indices outside the sweep and submits nothing",
        arguments: ["4", "-1", "x", "", "1 9"])
  func resubmitRefusesBadIndex(argument: String) throws {
    let (folder, submission) = try prepare(shards: 4)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let quoted = argument.split(separator: " ").map { ShellQuoting.quote(String($0)) }.joined(separator: " ")
    let command = submission.workDirectory + "/resubmit.sh " + (argument.isEmpty ? "''" : quoted)
    #expect(try runShell(command + " 2>/dev/null", environment: environment(folder)).status == 2)
    #expect(!FileManager.default.fileExists(atPath: folder + "/calls"))
  }

  @Test("the array script runs the shard given by SLURM_ARRAY_TASK_ID and refuses to run without it")
  func arrayScriptUsesTaskId() throws {
    let (folder, submission) = try prepare(shards: 4)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Stand-in taosim that prints its arguments.
    let script = try String(contentsOfFile: submission.workDirectory + "/sweep-array.sbatch", encoding: .utf8)
      .replacingOccurrences(of: "exec /opt/taosim/bin/taosim", with: "exec echo")
    _ = try GeneratedFile.write([GeneratedFile(name: "array.sh", contents: script, isExecutable: true)], into: folder)
    let run = try runShell("bash \(folder)/array.sh", environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1"])
    #expect(run.status == 0)
    #expect(run.stdout.hasSuffix("sweep /data/Scenarios/tiny.yaml --shard 2 --of 4 --out \(submission.shardsDirectory)\n"))
    #expect(try runShell("env -u SLURM_ARRAY_TASK_ID bash \(folder)/array.sh 2>/dev/null").status != 0)
  }
}
