import Foundation
import Testing
import TestSupport

@testable import ScenarioIO

/// `genesis.snapshot`, `genesis.subnets` and `subnet_utility` in scenario files.
@Suite("Snapshot genesis and subnet utility keys")
struct SnapshotGenesisTests {
  static let header = "netuid,price_tao,moving_price,tau_in,alpha_in,alpha_out,total_alpha,immunity_period,tempo\n"
  static let good = header + "0,1,,1,1,1,6000000,0,100\n1,0.01,0.6,100,10000,5000,15000,5000,360\n"
    + "2,0.02,0.2,200,10000,5000,15000,7200,99\n3,0.03,0.5,300,10000,5000,15000,100,360\n"

  /// Loads `scenario` next to a snapshot file `snapshot.csv` holding `csv`.
  static func load(_ scenario: String, csv: String = good) throws -> (problems: [String], world: WorldSpecView?) {
    let folder = try TemporaryFolder()
    try folder.write("data/snapshot.csv", csv)
    let path = try folder.write("s.yaml", scenario + "seed: 1\n")
    do {
      let loaded = try ScenarioLoader.load(path: path)
      return ([], WorldSpecView(loaded.spec.model))
    } catch {
      return (error.problems.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }, nil)
    }
  }

  /// The parts of the model a test looks at.
  struct WorldSpecView {
    var subnets: Int
    var netuids: [Int]
    var tempos: [Int64]
    var rootStake: UInt64
    var movingPriceSum: Double
    init(_ m: ModelSpec) {
      subnets = m.subnets
      netuids = m.genesis.snapshot?.subnets.map(\.netuid) ?? []
      // The scenario value keeps each chosen row's tempo; the World's builder applies it per subnet.
      tempos = m.genesis.snapshot?.subnets.map(\.tempo) ?? []
      rootStake = m.genesis.snapshot?.rootStake ?? 0
      movingPriceSum = (m.genesis.snapshot?.subnets ?? []).reduce(0) { $0 + $1.movingPrice }
    }
  }

  @Test("A snapshot named relative to the scenario sets the subnets, their tempos and the root stake")
  func snapshotSetsTheNetwork() throws {
    let (problems, world) = try Self.load("genesis: {snapshot: data/snapshot.csv}\n")
    #expect(problems == [])
    #expect(world?.subnets == 3 && world?.netuids == [1, 2, 3])
    #expect(world?.tempos == [360, 99, 360])
    #expect(world?.rootStake == 6_000_000_000_000_000)
  }

  @Test("genesis.subnets takes a rescaled sample of N or the listed netuids")
  func subnetChoice() throws {
    let sample = try Self.load("genesis: {snapshot: data/snapshot.csv, subnets: 2}\n")
    #expect(sample.problems == [] && sample.world?.subnets == 2)
    #expect(abs((sample.world?.movingPriceSum ?? 0) - 1.3) < 1e-12)
    let listed = try Self.load("genesis: {snapshot: data/snapshot.csv, subnets: [3, 1], rescale_sample: false}\n")
    #expect(listed.problems == [] && listed.world?.netuids == [3, 1])
    #expect(abs((listed.world?.movingPriceSum ?? 0) - 1.1) < 1e-12)
  }

  @Test("A bad snapshot is reported at its own file, line and column with the column's name")
  func badSnapshot() throws {
    let csv = Self.header + "0,1,,1,1,1,6000000,0,100\n1,0.01,0.6,-5,10000,5000,15000,5000,360\n"
    let (problems, _) = try Self.load("genesis:\n  snapshot: data/snapshot.csv\n", csv: csv)
    #expect(problems == ["data/snapshot.csv:3:12: genesis.snapshot: snapshot column 'tau_in': not a finite number ≥ 0"])
  }

  @Test("A file not named .csv, a missing snapshot, an unknown netuid and a conflicting network.subnets are located in the scenario")
  func scenarioProblems() throws {
    let notCSV = try Self.load("genesis:\n  snapshot: /etc/passwd\n")
    #expect(notCSV.problems == ["s.yaml:2:13: genesis.snapshot: '/etc/passwd' is not a snapshot file; genesis.snapshot names a .csv file (after following links)"])
    let missing = try Self.load("genesis:\n  snapshot: data/none.csv\n")
    #expect(missing.problems.count == 1 && missing.problems[0].hasPrefix("s.yaml:2:13: genesis.snapshot: "))
    let unknown = try Self.load("genesis:\n  snapshot: data/snapshot.csv\n  subnets: [1, 9]\n")
    #expect(unknown.problems == ["s.yaml:3:16: genesis.subnets[1]: netuid 9 is not in the snapshot"])
    let conflict = try Self.load("network: {subnets: 5}\ngenesis: {snapshot: data/snapshot.csv, pool_tao: 5}\n")
    #expect(conflict.problems.count == 2)
    #expect(conflict.problems.contains { $0.hasPrefix("s.yaml:1:20: network.subnets: 5 subnets, but genesis.snapshot chooses 3") })
    #expect(conflict.problems.contains { $0.contains("genesis.pool_tao: has no effect with genesis.snapshot") })
  }

  @Test("subnet_utility keys are validated with their key paths")
  func subnetUtilityKeys() throws {
    let (problems, _) = try Self.load("subnet_utility:\n  capture_share: 1.5\n  scale: {kind: zipf}\n")
    #expect(problems.count == 2)
    #expect(problems.contains { $0.hasPrefix("s.yaml:2:18: subnet_utility.capture_share: ") })
    #expect(problems.contains { $0.hasPrefix("s.yaml:3:17: subnet_utility.scale.kind: ") })
  }
}
