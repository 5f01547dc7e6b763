import ArgumentParser
import Experiments
import Foundation

/// `taosim slurm`: writes the job scripts of a sharded sweep for a Slurm cluster.
struct SlurmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "slurm",
    abstract: "Write Slurm job scripts that run a sweep as N shards, then merge them.",
    discussion: """
      Writes into the work folder (default <out>/slurm/<scenario>):
        sweep-array.sbatch  job array 0..N-1: task I runs sweep --shard I --of N
        merge.sbatch        merges all shards into --out (refuses a partial set)
        submit.sh           submits the array, then the merge (afterok)
        resubmit.sh K…      re-submits failed shards (--array=K), then the merge

      The taosim binary, the scenario and the folders must be visible on the compute nodes. \
      The scenario is validated first: an invalid file, or one without a sweep: block, exits 2 \
      and writes nothing.

      Example:
        taosim slurm Scenarios/eras.yaml --shards 4 \\
          --partition short --time 02:00:00
        Results/slurm/eras/submit.sh
      """)

  @Argument(help: "The scenario file with a `sweep:` block.")
  var scenario: String

  @Option(help: "Number of shards (array tasks).")
  var shards: Int

  @Option(help: "Slurm partition for the jobs (default: the cluster's default).")
  var partition: String?

  @Option(help: "Wall-clock limit per shard, e.g. 02:00:00 or 1-00:00:00 (default: the partition's).")
  var time: String?

  @Option(help: "Slurm account to charge (default: your default account).")
  var account: String?

  @Option(help: "Folder the merged results go to, as for `taosim sweep --out`.")
  var out: String = "Results"

  @Option(help: "Folder for the scripts, logs and shard outputs (default: <out>/slurm/<scenario>).")
  var work: String?

  @Option(help: "The taosim executable the jobs run (default: this one).")
  var taosim: String?

  func run() throws {
    let loaded = try CLI.load(ExperimentRunner(kernel: CLI.kernel()), scenario, overrides: [])
    if let refusal = ExperimentRunner.sweepRequirement(loaded) { throw CLI.scenarioFailure(refusal) }
    do {
      let submission = try SlurmSubmission.resolving(
        scenario: scenario, shards: shards, partition: partition, timeLimit: time, account: account,
        resultsDirectory: out, workDirectory: work, executable: taosim)
      let written = try GeneratedFile.write(
        submission.scripts(version: TaoSimVersion.string), into: submission.workDirectory,
        creating: [submission.logsDirectory, submission.shardsDirectory])
      print(submission.instructions(written: written))
    } catch ClusterError.invalid(let problems) {
      throw ValidationError(problems.joined(separator: "\n"))
    } catch let error as ClusterError {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode.failure
    }
  }
}
