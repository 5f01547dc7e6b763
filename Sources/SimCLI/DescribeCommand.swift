import ArgumentParser
import Experiments

/// `taosim describe`: what a scenario can name, generated from the code that reads it.
struct DescribeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe",
    abstract: "List emission policies, rule eras, behaviours, metrics, scenario keys or studies with their parameters.",
    discussion: """
      Topics: policies (subnet emission policies), eras (the chain's rule eras and what each \
      switches, spec §17.0), behaviours (miners, validators, nominators, stakers, economics and \
      attacks), metrics (the columns of network.csv, subnets.csv and neurons.csv), keys (every \
      scenario key with type, unit, range and default; --markdown prints the table that \
      Scenarios/README.md embeds) and studies.

      Example:
        taosim describe policies
        taosim describe eras
        taosim describe keys --markdown
      """)

  enum Topic: String, ExpressibleByArgument, CaseIterable {
    case policies, eras, behaviours, metrics, keys, studies
  }

  @Argument(help: "One of: policies, eras, behaviours, metrics, keys, studies.")
  var topic: Topic = .policies

  @Flag(help: "With keys: print the Markdown reference table.")
  var markdown = false

  @Flag(help: "With metrics: print every column as CSV (table,name,unit,lower,upper; an open bound is empty).")
  var csv = false

  func run() throws {
    let kernel = CLI.kernel()
    let extensions = ExperimentRunner(kernel: kernel).extensions
    switch topic {
    case .policies: print(Describe.policies(), terminator: "")
    case .eras: print(Describe.eras(), terminator: "")
    case .behaviours: print(Describe.behaviours(extensions: extensions), terminator: "")
    case .metrics: print(csv ? Describe.metricTable(kernel) : Describe.metrics(kernel), terminator: "")
    case .keys: print(Describe.keys(extensions: extensions, markdown: markdown), terminator: "")
    case .studies: print(Describe.studies(extensions: extensions), terminator: "")
    }
  }
}
