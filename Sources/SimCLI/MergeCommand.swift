import ArgumentParser
import Experiments
import Foundation

/// `taosim merge`: shard outputs → the files an unsharded sweep or batch writes.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the outputs of sharded sweeps or batches, refusing a partial set.",
    discussion: """
      Reads the shard manifests under DIR/shards/ and checks that every expected run is present \
      and complete (COMPLETE marker, sizes, digests) and that all come from one scenario version. \
      Otherwise it lists the missing or mismatched runs, writes nothing and exits 1. Then it copies \
      the run folders and writes sweep.json and sweep.csv: the same files and bytes as an unsharded \
      `taosim sweep` into --out.

      Example:
        taosim merge shards/ --out Results
      """)

  @Argument(help: "Folders the shards wrote into (their --out).")
  var inputs: [String]

  @Option(help: "Folder that receives the merged results.")
  var out: String

  func run() throws {
    do {
      let report = try Merge.merge(inputs: inputs.map { URL(fileURLWithPath: $0) }, output: CLI.outputRoot(out))
      for (label, runs) in report.plans { print("merged \(label): \(runs) run(s)") }
      print("\(report.copiedFiles) file(s) written under \(out)")
    } catch let refusal as Merge.Refusal {
      for problem in refusal.problems { CLI.warn(problem) }
      if refusal.writtenRuns == 0 {
        CLI.warn("merge refused: \(refusal.problems.count) problem(s); nothing was written")
      } else {
        CLI.warn(
          "merge stopped: \(refusal.problems.count) problem(s) after \(refusal.writtenRuns) complete run folder(s) were written; no earlier result was deleted")
      }
      throw ExitCode.failure
    } catch let error as ExperimentError {
      CLI.warn(error.description)
      throw ExitCode(2)
    }
  }
}
