import Emission
import Foundation
import NetworkModel
import Simulation
import TestSupport
import Testing

@testable import Experiments
@testable import ScenarioIO

/// `chain.era` selects the rules of an era (spec §17.0); single keys still override them.
@Suite("Rule eras")
struct RuleEraTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func load(_ yaml: String, overrides: [String] = []) throws -> WorldConfig {
    let folder = try TemporaryFolder()
    let path = try folder.write("era.yaml", (yaml.hasPrefix("seed:") ? "" : "seed: 1\n") + yaml)
    return WorldBuilder.config(try ScenarioLoader.load(path: path, overrides: overrides).spec)
  }

  @Test("the default world is the latest era's")
  func defaultsAreTheLatestEra() throws {
    let plain = WorldConfig()
    let latest = WorldConfig(era: .latest)
    #expect(RuleEra.latest == .aug2026)
    #expect(plain.emissionPolicy == latest.emissionPolicy)
    #expect(plain.emissionGate == latest.emissionGate)
    #expect(plain.chain == latest.chain)
    let loaded = try load("seed: 1\n")
    #expect(loaded.emissionGate == EmissionGate(mode: .rank, rank: 32, quantile: 0.61, exponent: 3))
    #expect(loaded.emissionPolicyParameters == ["miner_burn_weighting": 1])
    #expect(loaded.chain.taoWeight == ChainParameters.mainnetTaoWeight)
    #expect(loaded.chain.minLockCost == 1_000_000_000)
  }

  @Test("each era switches its share rule, gate, cap, flow rule, τ and minimum lock")
  func eachEraSetsItsRules() throws {
    let feb = try load("chain:\n  era: 2025-02\n")
    #expect(feb.emissionPolicy == "price-ema")
    #expect(feb.emissionPolicyParameters == ["miner_burn_weighting": 0])
    #expect(feb.emissionGate.mode == .off)
    #expect(feb.chain.injectionCap == .blockEmission)
    #expect(!feb.chain.registrationBurnIsFlow)
    let nov = try load("chain:\n  era: 2025-11\n")
    #expect(nov.emissionPolicy == "tao-flow")
    #expect(nov.emissionGate.mode == .off)
    #expect(nov.chain.injectionCap == .blockEmission)
    #expect(nov.chain.registrationBurnIsFlow)
    let jun = try load("chain:\n  era: 2026-06\n")
    #expect(jun.emissionPolicy == "price-ema" && jun.emissionPolicyParameters == ["miner_burn_weighting": 1])
    #expect(jun.emissionGate.mode == .off)
    #expect(jun.chain.injectionCap == .rootProportion)
    for era in RuleEra.allCases {
      let c = try load("chain:\n  era: \(era.rawValue)\n")
      #expect(c.chain.taoWeight == ChainParameters.mainnetTaoWeight)
      #expect(c.chain.minLockCost == ChainParameters.mainnetMinLockCost)
      #expect(c.emissionPolicy == WorldConfig(era: era).emissionPolicy)
    }
  }

  @Test("single keys override the era's rules and the rest of the era stays")
  func keysOverrideTheEra() throws {
    let c = try load(
      "chain:\n  era: 2025-02\n  tao_weight: 0.1\nemission:\n  gate: {mode: quantile}\n",
      overrides: ["chain.injection_cap=root-proportion"])
    #expect(c.emissionGate.mode == .quantile && c.emissionGate.quantile == 0.61)
    #expect(c.chain.injectionCap == .rootProportion)
    #expect(abs(c.chain.tau - 0.1) < 1e-12)
    #expect(c.emissionPolicyParameters == ["miner_burn_weighting": 0])
    #expect(c.chain.minLockCost == ChainParameters.mainnetMinLockCost)
    let burn = try load("chain:\n  era: 2025-02\nemission:\n  policy: {kind: price-ema, miner_burn_weighting: 1}\n")
    #expect(burn.emissionPolicyParameters == ["miner_burn_weighting": 1])
  }

  @Test("an unknown era is an error at its key")
  func unknownEraIsRejected() throws {
    #expect(throws: (any Error).self) { try load("chain:\n  era: 2024-01\n") }
  }

  @Test("the era table has one value per era and docs/network-economics.md quotes it")
  func theTableIsQuotedByTheDocs() throws {
    for row in RuleEra.table { #expect(row.values.count == RuleEra.allCases.count, "\(row.rule)") }
    let doc = try String(
      contentsOf: Self.repository.appendingPathComponent("docs/network-economics.md"), encoding: .utf8)
    #expect(doc.contains(RuleEra.markdownTable), "paste `taosim describe eras` into docs/network-economics.md")
    #expect(Describe.eras().contains(RuleEra.markdownTable))
  }
}
