import Foundation
import Recording
import TestSupport
import Testing

@testable import ScenarioIO

@Suite("Scenario loading: extends, --set, sweeps, expect")
struct LoaderTests {
  @Test("extends deep-merges the child's keys onto the base; name is not inherited")
  func extendsMerges() throws {
    let folder = try TemporaryFolder()
    try folder.write("base.yaml", "name: base\nseed: 3\nreplications: 2\nnetwork:\n  subnets: 4\nsubnet:\n  tempo_blocks: 100\n")
    let child = try folder.write("sub/child.yaml", "extends: ../base.yaml\nnetwork:\n  subnets: 8\n")
    let loaded = try ScenarioLoader.load(path: child)
    #expect(loaded.spec.name == "child")
    #expect(loaded.spec.seed == 3 && loaded.spec.replications == 2)
    #expect(loaded.spec.model.subnets == 8)
    #expect(loaded.spec.model.tempoBlocks == 100)
    #expect(loaded.sources.count == 2)
  }

  @Test("--set overrides any value and lands in the resolved scenario")
  func overrides() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("s.yaml", "seed: 3\n")
    let loaded = try ScenarioLoader.load(path: path, overrides: ["network.subnets=5", "seed=9", "expect=[final.x < 1]"])
    #expect(loaded.spec.model.subnets == 5)
    #expect(loaded.spec.seed == 9)
    #expect(loaded.spec.resolved["network"]?["subnets"] == .integer(5))
    #expect(loaded.spec.expect.map(\.text) == ["final.x < 1"])
  }

  @Test("changing a kind drops the old kind's keys instead of merging them")
  func kindChangeReplaces() {
    let location = SourceLocation(file: "t", line: 1, column: 1)
    func scalar(_ text: String) -> ConfigNode { ConfigNode(.scalar(text, plain: true), at: location) }
    func mapping(_ pairs: [(String, ConfigNode)]) -> ConfigNode {
      ConfigNode(.mapping(pairs.map { .init(key: $0.0, keyLocation: location, value: $0.1) }), at: location)
    }
    let base = mapping([("policy", mapping([("kind", scalar("tao-flow")), ("half_life_days", scalar("30"))]))])
    let merged = base.merged(with: mapping([("policy", mapping([("kind", scalar("equal"))]))]))
    #expect(merged["policy"]?.entries?.map(\.key) == ["kind"])
    let same = base.merged(with: mapping([("policy", mapping([("kind", scalar("tao-flow")), ("exponent", scalar("2"))]))]))
    #expect(same["policy"]?.entries?.map(\.key) == ["kind", "half_life_days", "exponent"])
  }

  @Test("grid sweeps vary the first parameter slowest; zip pairs values")
  func sweepExpansion() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "s.yaml",
      """
      seed: 1
      sweep:
        mode: grid
        parameters:
          - {path: network.subnets, values: [2, 4]}
          - {path: horizon_days, values: [1, 2, 3]}
      """)
    let loaded = try ScenarioLoader.load(path: path)
    let sweep = try #require(loaded.spec.sweep)
    #expect(sweep.pointCount == 6)
    #expect(sweep.valueIndices(ofPoint: 4) == [1, 1])
    let point = try ScenarioLoader.point(4, of: loaded)
    #expect(point.spec.model.subnets == 4 && point.spec.horizonDays == 2)
    #expect(point.spec.sweep == nil)
  }

  @Test("an invalid sweep value is reported at the value, with its point")
  func invalidSweepValue() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "s.yaml", "seed: 1\nsweep:\n  mode: zip\n  parameters:\n    - {path: network.subnets, values: [2, 400]}\n")
    let loaded = try ScenarioLoader.load(path: path)
    #expect(try ScenarioLoader.point(0, of: loaded).spec.model.subnets == 2)
    do {
      _ = try ScenarioLoader.point(1, of: loaded)
    } catch {
      #expect(error.problems.map(\.description) == [
        "\(path):5:43: network.subnets: 400 subnets exceed chain.subnet_limit (128) (sweep point 1)"
      ])
    }
  }

  @Test("expect clauses parse into aggregate, metric, statistic, comparison and threshold")
  func expectClauses() throws {
    let clause = try ExpectClause.parse("final.top10_validator_share.ci_high <= 0.5").get()
    #expect(clause.aggregate == .final && clause.metric == "top10_validator_share")
    #expect(clause.statistic == .ciHigh && clause.comparison == .lessOrEqual && clause.threshold == 0.5)
    #expect(clause.comparison.holds(0.5, 0.5))
    for bad in ["final.x", "later.x < 1", "final.x < abc", "final.x.median < 1", "x < 1"] {
      #expect(throws: ExpectParseError.self) { try ExpectClause.parse(bad).get() }
    }
  }

  @Test("the schema documents every key with a default or 'required'")
  func documentation() {
    let docs = ScenarioLoader.documentation()
    let paths = docs.map(\.path)
    for key in ["seed", "replications", "horizon_days", "network.subnets", "record.network_every_blocks", "sweep.mode",
      "sweep.parameters[].path", "expect"]
    {
      #expect(paths.contains(key), "\(key) is undocumented")
    }
    #expect(docs.allSatisfy { !$0.doc.isEmpty })
  }
}
