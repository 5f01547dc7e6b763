import Foundation
import NetworkModel
import TestSupport
import Testing

@testable import ScenarioIO

/// `subnet_registration.enable_emission_after_days` (spec §17.2).
@Suite("The emission-enable delay of new subnets")
struct RegistrationKeyTests {
  func chain(_ yaml: String) throws -> ChainParameters {
    let folder = try TemporaryFolder()
    let path = try folder.write("s.yaml", yaml)
    return try ScenarioLoader.load(path: path).spec.model.chain
  }

  @Test func theDefaultIsTheErasNeverSinceJuneTwentyTwentySixAndAtOnceBefore() throws {
    #expect(try chain("seed: 1\n").enableEmissionAfterBlocks == nil)
    #expect(try chain("seed: 1\nchain: {era: 2025-11}\n").enableEmissionAfterBlocks == 0)
  }

  @Test func aNumberOfDaysBecomesBlocksAndNeverIsAccepted() throws {
    #expect(try chain("seed: 1\nsubnet_registration: {enable_emission_after_days: 2.5}\n").enableEmissionAfterBlocks == 18_000)
    #expect(try chain("seed: 1\nchain: {era: 2025-02}\nsubnet_registration: {enable_emission_after_days: never}\n").enableEmissionAfterBlocks == nil)
  }

  @Test func anythingElseIsAnErrorAtTheKey() throws {
    #expect(
      try scenarioProblems("seed: 1\nsubnet_registration: {enable_emission_after_days: soon}\n")
        == ["s.yaml:2:51: subnet_registration.enable_emission_after_days: expected a number of days in [0, 36500] or never, got 'soon'"])
    #expect(try scenarioProblems("seed: 1\nsubnet_registration: {enable_emission_after_days: -1}\n").count == 1)
  }
}
