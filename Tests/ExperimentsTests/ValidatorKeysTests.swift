import Agents
import Foundation
import ScenarioIO
import Simulation
import TestSupport
import Testing

@testable import Experiments

/// The keys that make honest validators differ: read, range-checked at their key, and copied into
/// the World's configuration; left out, they leave the World as it was.
@Suite("Scenario keys of validators who differ")
struct ValidatorKeysTests {
  let runner = ExperimentRunner(kernel: WorldKernel())

  func world(_ text: String) throws -> WorldConfig {
    let folder = try TemporaryFolder()
    return WorldBuilder.config(try runner.load(try folder.write("s.yaml", text)).spec)
  }

  @Test("left out, every heterogeneity key has its all-alike default")
  func defaultsAreAllAlike() throws {
    #expect(try world("seed: 1\n").validators == HonestValidatorParameters())
  }

  @Test("written, each key reaches the World's validator parameters")
  func keysReachTheWorld() throws {
    let v = try world(
      "seed: 1\nvalidators:\n  weight_sigma_spread: 0.5\n  weight_interval_blocks_range: [100, 1000]\n"
        + "  lag_share: 0.25\n  lag_blocks: 3600\n  top_k: 16\n  misconfigured_share: 0.1\n"
        + "  misconfigured_weights: fixed-set\n").validators
    #expect(v.weightSigmaSpread == 0.5)
    #expect(v.weightIntervalRange == 100...1_000)
    #expect(v.lagShare == 0.25 && v.lagBlocks == 3_600)
    #expect(v.topK == 16)
    #expect(v.misconfiguredShare == 0.1 && v.misconfiguredWeights == .fixedSet)
  }

  @Test("out-of-range values are reported at their line and key path", arguments: [
    ("lag_share: 1.5", "validators.lag_share"),
    ("misconfigured_share: -0.1", "validators.misconfigured_share"),
    ("top_k: -1", "validators.top_k"),
    ("weight_sigma_spread: 11", "validators.weight_sigma_spread"),
    ("weight_interval_blocks_range: [1000, 100]", "validators.weight_interval_blocks_range"),
    ("weight_interval_blocks_range: [100]", "validators.weight_interval_blocks_range"),
    ("weight_interval_blocks_range: [50, 500]", "validators.weight_interval_blocks_range"),
  ])
  func outOfRangeValuesAreReported(line: String, path: String) throws {
    let found = try scenarioProblems("seed: 1\nvalidators:\n  \(line)\n", runner: runner)
    let problem = try #require(found.first)
    #expect(problem.path == path, "\(found)")
    #expect(problem.location.line == 3)
  }
}
