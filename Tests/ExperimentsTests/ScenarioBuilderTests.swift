import Foundation
import NetworkModel
import ScenarioIO
import Simulation
import TestSupport
import Testing

@testable import Experiments

/// ScenarioIO reads a plain scenario value; ``WorldBuilder`` alone turns it into the World's
/// configuration, and problems found only then point at the scenario entry they come from.
@Suite("Scenario to World builder")
struct ScenarioBuilderTests {
  let runner = ExperimentRunner(kernel: WorldKernel())

  func problems(_ text: String) throws -> [ScenarioProblem] { try scenarioProblems(text, runner: runner) }

  func world(_ text: String) throws -> WorldConfig {
    let folder = try TemporaryFolder()
    return WorldBuilder.config(try runner.load(try folder.write("s.yaml", text)).spec)
  }

  @Test("a scenario that sets nothing builds the World's documented defaults")
  func defaultsAgree() throws {
    let built = try world("seed: 1\n")
    let defaults = WorldConfig(era: .latest)
    #expect(built.subnetCount == defaults.subnetCount)
    #expect(built.uidsPerSubnet == defaults.uidsPerSubnet)
    #expect(built.validatorsPerSubnet == defaults.validatorsPerSubnet)
    #expect(built.rootValidators == defaults.rootValidators)
    #expect(built.arithmetic == defaults.arithmetic)
    #expect(built.chain == defaults.chain)
    #expect(built.hyperparameters == defaults.hyperparameters)
    #expect(built.emissionPolicy == defaults.emissionPolicy)
    #expect(built.emissionPolicyParameters == defaults.emissionPolicyParameters)
    #expect(built.emissionGate == defaults.emissionGate)
    #expect(built.shareRefreshBlocks == defaults.shareRefreshBlocks)
    #expect(built.genesis == defaults.genesis)
    #expect(built.miners == defaults.miners)
    #expect(built.validators == defaults.validators)
    #expect(built.nominators == defaults.nominators)
    #expect(built.recording == defaults.recording)
    #expect(built.agents.isEmpty)
    #expect(built.horizonBlocks == 30 * 7_200)
  }

  @Test("an attack placed on a netuid beyond the network is reported at its attacks entry, not at the file's start")
  func attackBeyondNetworkPointsAtItsEntry() throws {
    let found = try problems(
      "seed: 1\nnetwork: {subnets: 4, uids_per_subnet: 128, validators_per_subnet: 16, root_validators: 2}\n"
        + "attacks:\n  - kind: copier\n    subnets: [2]\n  - kind: whales\n    subnets: [9]\n")
    #expect(found.count == 1)
    let problem = try #require(found.first)
    #expect(problem.path == "attacks[1].subnets")
    #expect(problem.location.line == 6 && problem.location.column == 5)
    #expect(problem.message.contains("subnet 9, outside 1...4"))
  }

  @Test("agents that no longer fit in a subnet's UIDs are reported at the attack that overflows it")
  func overflowingAttackPointsAtItsEntry() throws {
    let found = try problems(
      "seed: 1\nnetwork: {subnets: 2, uids_per_subnet: 40, validators_per_subnet: 16, root_validators: 2}\n"
        + "attacks:\n  - kind: copier\n    count: 4\n  - kind: cabal\n    validators: 10\n    miners: 20\n")
    let problem = try #require(found.first)
    #expect(problem.path == "attacks[1]")
    #expect(problem.location.line == 6)
    #expect(problem.message.contains("exceed 40 UIDs"))
  }

  @Test("a cross-key rule on an honest participant is reported at its key")
  func keyProblemPointsAtTheKey() throws {
    let found = try problems(
      "seed: 1\nsubnet: {weights_rate_limit_blocks: 500}\nvalidators:\n  weight_interval_blocks: 100\n")
    let problem = try #require(found.first)
    #expect(problem.path == "validators.weight_interval_blocks")
    #expect(problem.location.line == 4)
  }

  @Test("a problem whose values come through extends: is reported in the file named, at its key path")
  func inheritedValuesAreReportedInTheNamedFile() throws {
    let folder = try TemporaryFolder()
    _ = try folder.write(
      "base.yaml", "seed: 1\nnetwork:\n  validators_per_subnet: 64\nattacks:\n  - kind: copier\n    subnets: [7]\n")
    let child = try folder.write("child.yaml", "extends: base.yaml\nnetwork:\n  subnets: 4\n  uids_per_subnet: 64\n")
    let problems: [ScenarioProblem]
    do {
      _ = try runner.load(child)
      problems = []
    } catch {
      problems = error.problems
    }
    #expect(!problems.isEmpty)
    #expect(problems.allSatisfy { $0.location.file == child }, "\(problems)")
    #expect(problems.contains { $0.path == "attacks[0].subnets" && $0.message.contains("subnet 7, outside 1...4") })
    #expect(problems.contains { $0.path == "network.validators_per_subnet" || $0.path == "attacks[0]" })
  }

  @Test("the World's refusal reaches the caller typed, each problem with its subject")
  func worldRefusalIsTyped() throws {
    var config = WorldConfig()
    config.subnetCount = 2
    config.agents = [.copier(parameters: .init(), subnets: [3], count: 1, stake: 1)]
    do {
      _ = try WorldKernel.world(config, rootSeed: 1, replication: 0)
      Issue.record("an agent beyond the network was accepted")
    } catch ExperimentError.world(.invalidConfiguration(let problems)) {
      #expect(problems.map(\.subject) == [.agent(0, key: "subnets")])
    }
  }

  @Test("subnets: all places the attack on every subnet of the network")
  func subnetsAllPlacesEverywhere() throws {
    let built = try world(
      "seed: 1\nnetwork: {subnets: 5, uids_per_subnet: 64, validators_per_subnet: 8, root_validators: 2}\n"
        + "attacks:\n  - kind: copier\n    subnets: all\n    count: 2\n")
    let agent = try #require(built.agents.first)
    #expect(agent.placements.map(\.subnet) == [1, 2, 3, 4, 5])
    #expect(agent.placements.allSatisfy { $0.count == 2 })
    #expect(built.problems().isEmpty)
  }
}
