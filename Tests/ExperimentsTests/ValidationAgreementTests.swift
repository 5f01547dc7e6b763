import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// `validate` refuses what `run` would refuse, and nothing is planned that would run something
/// other than what its manifest says.
@Suite("Validation agrees with runs")
struct ValidationAgreementTests {
  let runner = ExperimentRunner(kernel: WorldKernel())

  func load(_ text: String, name: String = "s.yaml") throws -> (LoadedScenario, TemporaryFolder) {
    let folder = try TemporaryFolder()
    let path = try folder.write(name, text)
    return (try runner.load(path), folder)
  }

  func loadProblems(_ text: String) throws -> [ScenarioProblem] { try scenarioProblems(text, runner: runner) }

  @Test("sweeping seed runs each point with the seed its manifest records")
  func sweptSeedIsUsed() throws {
    let (loaded, folder) = try load(
      "seed: 5\nhorizon_days: 0.1\nsweep:\n  mode: grid\n  parameters:\n    - {path: seed, values: [1, 2, 3]}\n")
    let plan = try SweepPlan(base: loaded, seed: nil, replications: nil, outputRoot: folder.url)
    #expect(plan.runs.map(\.seed) == [1, 2, 3])
    #expect(plan.runs.map(\.scenario.spec.seed) == [1, 2, 3])
  }

  @Test("sweeping replications runs each point with its own number of replications")
  func sweptReplicationsAreUsed() throws {
    let (loaded, folder) = try load(
      "seed: 5\nhorizon_days: 0.1\nsweep:\n  mode: zip\n  parameters:\n    - {path: replications, values: [1, 4]}\n")
    let plan = try SweepPlan(base: loaded, seed: nil, replications: nil, outputRoot: folder.url)
    #expect(plan.runs.map(\.replications) == [1, 4])
  }

  @Test("a swept seed or replications that something else would replace is refused", arguments: [
    ("seed", "seeds: independent\n", nil as UInt64?, nil as Int?),
    ("seed", "", 9, nil), ("replications", "", nil, 3), ("replications", "replicates: 2\n", nil, nil),
  ])
  func sweptIdentityConflicts(key: String, extra: String, seed: UInt64?, replications: Int?) throws {
    let (loaded, folder) = try load(
      "seed: 5\nsweep:\n  mode: grid\n  \(extra.isEmpty ? "" : extra + "  ")parameters:\n    - {path: \(key), values: [1, 2]}\n")
    do {
      _ = try SweepPlan(base: loaded, seed: seed, replications: replications, outputRoot: folder.url)
      Issue.record("planned a sweep whose \(key) would be replaced")
    } catch {
      #expect(error.problems.count == 1)
      #expect(error.problems[0].path == "sweep.parameters")
      #expect(error.problems[0].message.contains("the sweep varies \(key)"))
    }
  }

  @Test("a single run of a scenario with a sweep: block is refused, pointing at the block")
  func runRefusesSweeps() throws {
    let (loaded, _) = try load("seed: 5\nsweep:\n  mode: grid\n  parameters:\n    - {path: seed, values: [1]}\n")
    let refusal = try #require(ExperimentRunner.sweepRefusal(loaded))
    #expect(refusal.problems.map(\.path) == ["sweep"])
    #expect(refusal.problems[0].location.line == 3)
    #expect(throws: ScenarioError.self) { try runner.check(loaded) }
  }

  @Test("a cluster submission of a scenario without a sweep: block is refused; one with a block is not")
  func slurmRequiresSweeps() throws {
    let (plain, _) = try load("seed: 5\n")
    let refusal = try #require(ExperimentRunner.sweepRequirement(plain))
    #expect(refusal.problems.map(\.path) == ["sweep"])
    #expect(refusal.problems[0].message.contains("has no sweep: block"))
    let (swept, _) = try load("seed: 5\nsweep:\n  mode: grid\n  parameters:\n    - {path: seed, values: [1]}\n")
    #expect(ExperimentRunner.sweepRequirement(swept) == nil)
  }

  @Test("a genesis that needs more TAO than issued is refused before anything is written")
  func genesisBeyondIssuance() throws {
    let (loaded, folder) = try load("seed: 1\ngenesis:\n  initial_issuance_tao: 1000\n")
    do {
      try runner.check(loaded)
      Issue.record("the scenario passed the check")
    } catch {
      #expect(error.problems.map(\.path) == ["genesis"])
      #expect(error.problems[0].message.contains("needs") || error.problems[0].message.contains("need"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["s.yaml"])
  }

  @Test("genesis stakes beyond what 64-bit amounts hold are refused, not trapped")
  func genesisAlphaOverflow() throws {
    let (loaded, _) = try load("seed: 1\ngenesis:\n  validator_stake_mu: 50\n")
    #expect(throws: ScenarioError.self) { try runner.check(loaded) }
  }

  @Test("study lists that would leave nothing to run are refused when the scenario is read", arguments: [
    ("concentration", "policies: []", "study.policies"), ("copier", "churn: []", "study.churn"),
    ("copier", "reveal_intervals_tempos: []", "study.reveal_intervals_tempos"),
  ])
  func emptyStudyLists(kind: String, line: String, path: String) throws {
    let found = try loadProblems("seed: 1\nstudy:\n  kind: \(kind)\n  \(line)\n")
    #expect(found.map(\.path) == [path])
    #expect(found[0].location.line == 4)
  }
}

@Suite("Sweeps: a typo in a swept path")
struct SweepTypoTests {
  /// The problems of planning a sweep over `parameter` (a flow mapping), or `[]` if it plans.
  func planProblems(_ parameter: String) throws -> [ScenarioProblem] {
    let folder = try TemporaryFolder()
    let path = try folder.write("s.yaml", "seed: 5\nsweep:\n  mode: grid\n  parameters:\n    - \(parameter)\n")
    let runner = ExperimentRunner(kernel: WorldKernel())
    do {
      _ = try SweepPlan(base: try runner.load(path), seed: nil, replications: nil, outputRoot: folder.url)
      return []
    } catch {
      return error.problems
    }
  }

  @Test("a swept path no scenario accepts is reported once, not once per point")
  func typoReportedOnce() throws {
    let problems = try planProblems("{path: network.subnetz, values: [1, 2, 3, 4]}")
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.message.contains("subnetz") == true, "\(problems)")
    #expect(problems.first?.message.hasSuffix("(every sweep point)") == true, "\(problems)")
    #expect(problems.first?.location.line == 5)
  }

  @Test("a bad value at some points is still reported at each of them")
  func badValuesStayPerPoint() throws {
    let problems = try planProblems("{path: network.subnets, values: [2, 0, 0]}")
    #expect(problems.count == 2, "\(problems)")
    #expect(problems.map(\.location.column) == [43, 46], "\(problems)")
  }
}

/// The problems `runner` finds loading `text` as `s.yaml` in a fresh folder (empty when it loads).
func scenarioProblems(_ text: String, runner: ExperimentRunner) throws -> [ScenarioProblem] {
  let folder = try TemporaryFolder()
  let path = try folder.write("s.yaml", text)
  do {
    _ = try runner.load(path)
    return []
  } catch {
    return error.problems
  }
}
