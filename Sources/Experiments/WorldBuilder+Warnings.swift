import ScenarioIO
import Simulation

extension WorldBuilder {
  /// The warnings of `config` (built from `spec`, ``WorldConfig/warnings()``), each at the
  /// scenario entry it comes from, as ``problems(_:of:)`` locates problems.
  public static func warnings(_ config: WorldConfig, of spec: ScenarioSpec) -> [ScenarioProblem] {
    config.warnings().map { locate($0, in: spec.model) }
  }
}

extension ExperimentRunner {
  /// What the scenario allows but probably does not mean (the run goes ahead): the kernel's
  /// warnings, each at the scenario entry it comes from. Studies build their own worlds: none.
  public func warnings(_ scenario: LoadedScenario) -> [ScenarioProblem] {
    guard scenario.spec.study == nil else { return [] }
    return kernel.warnings(scenario.spec)
  }
}
