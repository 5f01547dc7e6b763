/// The job scripts `taosim slurm` writes: a shard array, a merge job, and two submit helpers.
extension SlurmSubmission {
  /// Name of the job-array script (one task per shard).
  public static let arrayScriptName = "sweep-array.sbatch"
  /// Name of the merge job script.
  public static let mergeScriptName = "merge.sbatch"
  /// Name of the helper that submits the array and the dependent merge job.
  public static let submitScriptName = "submit.sh"
  /// Name of the helper that re-submits chosen shards alone, then the merge.
  public static let resubmitScriptName = "resubmit.sh"

  /// Every file to write into `workDirectory`, in a fixed order.
  ///
  /// - Parameter version: the taosim version recorded in the scripts' headers.
  public func scripts(version: String) -> [GeneratedFile] {
    [
      GeneratedFile(name: Self.arrayScriptName, contents: arrayScript(version: version), isExecutable: false),
      GeneratedFile(name: Self.mergeScriptName, contents: mergeScript(version: version), isExecutable: false),
      GeneratedFile(name: Self.submitScriptName, contents: submitScript(), isExecutable: true),
      GeneratedFile(name: Self.resubmitScriptName, contents: resubmitScript(), isExecutable: true),
    ]
  }

  /// The `taosim sweep` command line of shard `shardExpression` (a literal or a shell expansion).
  public func shardCommand(shard shardExpression: String) -> String {
    [ShellQuoting.quote(executable), "sweep", ShellQuoting.quote(scenarioPath),
     "--shard", shardExpression, "--of", String(shards), "--out", ShellQuoting.quote(shardsDirectory)]
      .joined(separator: " ")
  }

  /// The `taosim merge` command line run once every shard has succeeded.
  public var mergeCommand: String {
    [ShellQuoting.quote(executable), "merge", ShellQuoting.quote(shardsDirectory),
     "--out", ShellQuoting.quote(resultsDirectory)].joined(separator: " ")
  }

  /// `#SBATCH` lines shared by both jobs: partition, time limit, account, working folder.
  private var commonDirectives: [String] {
    var lines: [String] = []
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
    if let account { lines.append("#SBATCH --account=\(account)") }
    lines.append("#SBATCH --chdir=\(workDirectory)")
    return lines
  }

  /// The job array: task `I` runs shard `I` of `shards`.
  func arrayScript(version: String) -> String {
    let lines: [String] =
      [
        "#!/bin/bash",
        "# Shard array for the sweep of \(scenarioName), written by `taosim slurm` (taosim \(version)).",
        "# Task I runs shard I of \(shards); the shard count is fixed here, never read from",
        "# SLURM_ARRAY_TASK_COUNT, so one shard can be re-submitted alone:",
        "#   sbatch --array=K \(workDirectory)/\(Self.arrayScriptName)   (or ./\(Self.resubmitScriptName) K)",
        "#SBATCH --job-name=taosim-\(scenarioName)",
        "#SBATCH --array=0-\(shards - 1)",
        "#SBATCH --ntasks=1",
        "#SBATCH --cpus-per-task=1",
        "#SBATCH --output=\(logsDirectory)/shard-%a-job-%A.out",
      ] + commonDirectives + [
        "set -euo pipefail",
        "shard=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array}\"",
        "echo \"taosim shard $shard of \(shards) of \(scenarioName) on $(hostname)\"",
        "exec " + shardCommand(shard: "\"$shard\""),
      ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The merge job: submitted with `--dependency=afterok:<array job>`, cancelled by Slurm when a
  /// shard failed (`--kill-on-invalid-dep=yes`), and refusing a partial sweep itself.
  func mergeScript(version: String) -> String {
    let lines: [String] =
      [
        "#!/bin/bash",
        "# Merge job for the sweep of \(scenarioName), written by `taosim slurm` (taosim \(version)).",
        "# Submit it after the shard array: sbatch --dependency=afterok:<array job id> \(Self.mergeScriptName)",
        "# `taosim merge` checks that every run of the sweep is present and complete and exits 1 otherwise.",
        "#SBATCH --job-name=taosim-\(scenarioName)-merge",
        "#SBATCH --ntasks=1",
        "#SBATCH --cpus-per-task=1",
        "#SBATCH --kill-on-invalid-dep=yes",
        "#SBATCH --output=\(logsDirectory)/merge-job-%j.out",
      ] + commonDirectives + [
        "set -euo pipefail",
        "exec " + mergeCommand,
      ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// `submit.sh [--wait]`: the array, then the merge job after it (`afterok`).
  func submitScript() -> String {
    """
    #!/bin/bash
    # Submits the \(shards)-shard array for \(scenarioName), then the merge job with
    # --dependency=afterok:<array job id> (it runs only if every shard succeeded).
    # Usage: ./\(Self.submitScriptName) [--wait]
    #   --wait  block until the merge job ends; exit with its exit code (non-zero if a shard failed).
    # A failed shard K is re-submitted alone with ./\(Self.resubmitScriptName) K (see there).
    set -euo pipefail
    here=$(cd "$(dirname "$0")" && pwd)
    wait_flag=()
    if [ "${1:-}" = --wait ]; then wait_flag=(--wait); shift; fi
    [ $# -eq 0 ] || { echo "usage: $0 [--wait]" >&2; exit 2; }
    mkdir -p \(ShellQuoting.quote(logsDirectory)) \(ShellQuoting.quote(shardsDirectory))
    array=$(sbatch --parsable "$here/\(Self.arrayScriptName)")
    array=${array%%;*}
    echo "shard array job $array (shards 0-\(shards - 1))"
    echo "merge job, after every shard succeeded (afterok:$array):"
    sbatch --parsable ${wait_flag[@]+"${wait_flag[@]}"} --dependency="afterok:$array" "$here/\(Self.mergeScriptName)"

    """
  }

  /// `resubmit.sh [--wait] K [K…]`: the named shards alone (`sbatch --array=K,…`), then the merge.
  func resubmitScript() -> String {
    """
    #!/bin/bash
    # Re-submits failed shards of \(scenarioName) alone, then the merge job after them.
    # Usage: ./\(Self.resubmitScriptName) [--wait] K [K…]     (0 <= K < \(shards))
    # The same as: sbatch --array=K[,K…] \(Self.arrayScriptName)
    #              sbatch --dependency=afterok:<that job id> \(Self.mergeScriptName)
    # Shards that already succeeded are not re-run; their results stay where they are.
    set -euo pipefail
    here=$(cd "$(dirname "$0")" && pwd)
    wait_flag=()
    if [ "${1:-}" = --wait ]; then wait_flag=(--wait); shift; fi
    [ $# -gt 0 ] || { echo "usage: $0 [--wait] K [K...]  (shard indices, 0 <= K < \(shards))" >&2; exit 2; }
    for k in "$@"; do
      case "$k" in ''|*[!0-9]*) echo "not a shard index: $k" >&2; exit 2;; esac
      [ "$k" -lt \(shards) ] || { echo "shard $k does not exist (shards are 0-\(shards - 1))" >&2; exit 2; }
    done
    mkdir -p \(ShellQuoting.quote(logsDirectory)) \(ShellQuoting.quote(shardsDirectory))
    list=$(IFS=,; echo "$*")
    array=$(sbatch --parsable --array="$list" "$here/\(Self.arrayScriptName)")
    array=${array%%;*}
    echo "re-submitted shard(s) $list as job $array"
    echo "merge job, after they succeeded (afterok:$array):"
    sbatch --parsable ${wait_flag[@]+"${wait_flag[@]}"} --dependency="afterok:$array" "$here/\(Self.mergeScriptName)"

    """
  }
}
