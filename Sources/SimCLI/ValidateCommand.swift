import ArgumentParser
import Experiments
import Foundation

/// `taosim validate`: decode and validate scenario files (and every sweep point) without running.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check scenario files for problems without running them.",
    discussion: """
      Prints every problem as FILE:LINE:COLUMN: key.path: what is wrong, for all files at once, \
      and exits 2 if there was any. Sweep points are expanded and validated too, and the genesis \
      of the first replications is built, so a scenario that validates is one `run` accepts.

      With --design, prints each sweep's points as CSV instead (point, run id, values and, for \
      lhs, sobol and morris designs, their coordinates): the rows sweep.csv starts with.

      Example:
        taosim validate Scenarios/*.yaml --set network.subnets=4
        taosim validate Scenarios/studies/designs-sensitivity.yaml --design
      """)

  @Argument(help: "Scenario files or folders.")
  var paths: [String]

  @Option(name: .customLong("set"), help: ArgumentHelp("Override applied to every file (repeatable).", valueName: "key.path=VALUE"))
  var overrides: [String] = []

  @Flag(help: "Print each sweep's points (values and design coordinates) as CSV instead of an ok line.")
  var design = false

  func run() throws {
    let runner = ExperimentRunner(kernel: CLI.kernel())
    let files: [String]
    do {
      files = try ExperimentRunner.expand(paths)
    } catch {
      CLI.warn(error.description)
      throw ExitCode(2)
    }
    var problems = 0
    for file in files {
      do {
        let loaded = try runner.load(file, overrides: overrides)
        CLI.printWarnings(runner, loaded)
        if loaded.spec.sweep != nil {
          let plan = try SweepPlan(base: loaded, seed: nil, replications: nil, outputRoot: URL(fileURLWithPath: "."))
          for run in plan.runs { try runner.preflight(run) }
          if design {
            for line in plan.designLines { print(line) }
            continue
          }
          print("ok  \(file)  (\(loaded.spec.name), sweep of \(plan.runs.count) points)")
        } else {
          try runner.preflight(PlannedRun(scenario: loaded, outputRoot: URL(fileURLWithPath: ".")))
          print("ok  \(file)  (\(loaded.spec.name)\(loaded.spec.study.map { ", study \($0.kind)" } ?? ""))")
        }
      } catch {
        problems += error.problems.count
        for problem in error.problems { CLI.warn(problem.description) }
      }
    }
    if problems > 0 {
      CLI.warn("\(problems) problem(s) in \(files.count) file(s)")
      throw ExitCode(2)
    }
  }
}
