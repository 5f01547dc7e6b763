import ArgumentParser

/// `taosim bench …`: speed measurements, kept out of the unit tests so timing never makes a test flaky.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure TaoSim's speed (engine, epoch, whole network).",
    discussion: """
      Each subcommand prints a small table; wall-clock numbers depend on the machine and its load, \
      so compare medians and ratios, not single runs.

      Example:
        taosim bench engine --events 5000000
      """,
    subcommands: [BenchEngine.self, BenchEpoch.self, BenchNetwork.self])
}
