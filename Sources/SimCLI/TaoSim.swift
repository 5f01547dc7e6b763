import ArgumentParser
import Experiments

/// The `taosim` command: parses arguments and hands over to the Experiments layer.
@main
struct TaoSim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taosim",
    abstract: "A deterministic discrete-event simulator of Bittensor-style network economics.",
    discussion: """
      Every command has its own help with an example: taosim help COMMAND.

      Example:
        taosim validate Scenarios/baseline.yaml
        taosim run Scenarios/baseline.yaml --replications 4 --out Results
      """,
    version: TaoSimVersion.string,
    subcommands: [
      RunCommand.self, BatchCommand.self, SweepCommand.self, MergeCommand.self, CheckCommand.self,
      CompareCommand.self, ReportCommand.self, AnalyzeCommand.self, ValidateCommand.self, DescribeCommand.self, Bench.self, SlurmCommand.self, VerifyCommand.self,
    ])

  /// Makes the process-wide settings (``AllocatorTuning``), then parses and runs the command.
  static func main() {
    AllocatorTuning.keepFreedMemory()
    main(nil)
  }
}

/// The tool version recorded in every manifest.
enum TaoSimVersion {
  static let string = ResultsFormat.toolVersion
}
