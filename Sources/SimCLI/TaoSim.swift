import ArgumentParser
import Experiments

/// The `taosim` command: parses arguments and hands over to the Experiments layer.
@main
struct TaoSim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taosim",
    abstract: "A deterministic discrete-event simulator of Bittensor-style network economics.",
    version: TaoSimVersion.string,
    subcommands: [
      RunCommand.self, BatchCommand.self, SweepCommand.self, MergeCommand.self, CheckCommand.self,
      CompareCommand.self, ValidateCommand.self, DescribeCommand.self, Bench.self, SlurmCommand.self, VerifyCommand.self,
    ])
}

/// The tool version recorded in every manifest.
enum TaoSimVersion {
  static let string = ResultsFormat.toolVersion
}
