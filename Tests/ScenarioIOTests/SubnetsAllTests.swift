import Foundation
import Recording
import TestSupport
import Testing

@testable import ScenarioIO

/// `attacks[].subnets: all` names every subnet of the network.
@Suite("subnets: all")
struct SubnetsAllTests {
  func load(_ text: String, overrides: [String] = []) throws -> ScenarioSpec {
    let folder = try TemporaryFolder()
    return try ScenarioLoader.load(path: try folder.write("s.yaml", text), overrides: overrides).spec
  }

  @Test("subnets: all expands to netuids 1…network.subnets, also after --set network.subnets")
  func allExpands() throws {
    let text = "seed: 1\nnetwork: {subnets: 3}\nattacks:\n  - {kind: sybil, subnets: all}\n  - {kind: cabal, subnets: all}\n"
    let spec = try load(text)
    guard case .sybil(_, _, let subnets, _) = spec.model.attacks[0].kind else { Issue.record("not a sybil"); return }
    #expect(subnets == [1, 2, 3])
    guard case .cabal(_, _, let coalition) = spec.model.attacks[1].kind else { Issue.record("not a cabal"); return }
    #expect(coalition.subnets == [1, 2, 3])
    let resized = try load(text, overrides: ["network.subnets=6"])
    guard case .sybil(_, _, let six, _) = resized.model.attacks[0].kind else { Issue.record("not a sybil"); return }
    #expect(six == [1, 2, 3, 4, 5, 6])
    // The resolved scenario (manifest, run id) records the netuids it stands for.
    guard case .object(let root) = spec.resolved, case .array(let attacks)? = root["attacks"],
      case .object(let first) = attacks[0]
    else { Issue.record("no resolved attacks"); return }
    #expect(first["subnets"] == .array([.integer(1), .integer(2), .integer(3)]))
  }

  @Test("any other word in place of the list is an error at the key")
  func otherWordsAreRefused() throws {
    let problems = try scenarioProblems("seed: 1\nattacks:\n  - {kind: copier, subnets: every}\n")
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("s.yaml:3:29: attacks[0].subnets: expected a list") == true)
  }
}
