import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// What a World run writes by default: the genesis row first, one subnet row per subnet per
/// day, numbers that read back exactly, and a manifest naming the build and every source file's
/// digest.
@Suite("Recorded output of a World run")
struct RecordedOutputTests {
  /// 2 subnets of 16 UIDs for 3 days, recording left at its defaults; extends `base.yaml`.
  static let leaf = """
    extends: base.yaml
    seed: 5
    replications: 2
    horizon_days: 3
    """
  static let base = """
    network:
      subnets: 2
      uids_per_subnet: 16
      validators_per_subnet: 4
      root_validators: 2
    nominators:
      count: 4
    subnet:
      tempo_blocks: 360
      max_validators: 5
    """

  static func run(_ folder: TemporaryFolder, leaf: String = leaf) throws -> (PlannedRun, URL) {
    try folder.write("base.yaml", base)
    let path = try folder.write("scenario.yaml", leaf)
    let runner = ExperimentRunner(kernel: WorldKernel(), workers: 2)
    let outcome = runner.run(try runner.load(path), outputRoot: folder.url.appendingPathComponent("out"))
    #expect(outcome.status == .completed)
    return (outcome.run, outcome.run.folder)
  }

  static func rows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let table = try lines.map { try #require(CSVFormat.fields(of: $0)) }
    return (table[0], Array(table.dropFirst()))
  }

  @Test("network.csv starts each replication with the genesis row at block 0, day 0, before anything is paid")
  func genesisRow() throws {
    let folder = try TemporaryFolder()
    let (_, out) = try Self.run(folder)
    let (header, rows) = try Self.rows(out.appendingPathComponent("network.csv"))
    let replication = try #require(header.firstIndex(of: "replication"))
    let block = try #require(header.firstIndex(of: "block"))
    let day = try #require(header.firstIndex(of: "day"))
    let issuance = try #require(header.firstIndex(of: "issuance_tao"))
    #expect(rows.count == 2 * 4)  // days 0, 1, 2, 3 in each of 2 replications
    for r in ["0", "1"] {
      let mine = rows.filter { $0[replication] == r }
      #expect(mine.map { $0[block] } == ["0", "7200", "14400", "21600"])
      #expect(mine.first?[day] == "0.0")
      #expect(mine.first?[issuance] == "10900000.0")  // the genesis issuance, before any block's emission
    }
    // Stake is there from the start; what epochs pay is undefined before the first one.
    let genesis = try #require(rows.first)
    for column in ["top10_validator_share", "gini_stake", "attacker_stake_share"] {
      #expect(!genesis[try #require(header.firstIndex(of: column))].isEmpty, "\(column)")
    }
    for column in ["top10_dividend_share", "honest_emission_share", "attacker_emission_share"] {
      #expect(genesis[try #require(header.firstIndex(of: column))].isEmpty, "\(column)")
      #expect(!rows[1][try #require(header.firstIndex(of: column))].isEmpty, "\(column)")
    }
  }

  @Test("subnets.csv holds one row per subnet per simulated day unless record.subnet_every_epochs says otherwise")
  func dailySubnetRows() throws {
    let folder = try TemporaryFolder()
    let (_, out) = try Self.run(folder)
    let (header, rows) = try Self.rows(out.appendingPathComponent("subnets.csv"))
    let netuid = try #require(header.firstIndex(of: "netuid"))
    let epoch = try #require(header.firstIndex(of: "epoch"))
    #expect(rows.count == 2 * 2 * 3)  // replications × subnets × days
    #expect(Set(rows.map { $0[epoch] }) == ["20", "40", "60"])
    #expect(Set(rows.map { $0[netuid] }) == ["1", "2"])
    let manifest = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8))
    #expect(manifest["scenario"]?["record"]?["subnet_every_epochs"] == .integer(20))
  }

  @Test("the daily default follows the tempo: max(1, 7200 / tempo_blocks) epochs", arguments: [(100, 72), (360, 20), (7_200, 1), (10_000, 1)])
  func dailyDefaultFollowsTempo(tempo: Int, epochs: Int) throws {
    #expect(RecordSpec.dailyEpochs(tempo: Int64(tempo)) == epochs)
    let folder = try TemporaryFolder()
    try folder.write("base.yaml", Self.base)
    let path = try folder.write("scenario.yaml", Self.leaf + "\nsubnet:\n  tempo_blocks: \(tempo)\n")
    let loaded = try ExperimentRunner(kernel: WorldKernel()).load(path)
    #expect(loaded.spec.record.subnetEveryEpochs == epochs)
    #expect(WorldBuilder.config(loaded.spec).recording.subnetEveryEpochs == epochs)
  }

  @Test("every number written to the CSV files reads back to the same text")
  func numbersRoundTrip() throws {
    let folder = try TemporaryFolder()
    let (_, out) = try Self.run(folder, leaf: Self.leaf + "\nrecord:\n  neuron_every_epochs: 30\n")
    var checked = 0
    for name in ["network.csv", "subnets.csv", "neurons.csv", "summary.csv"] {
      let (header, rows) = try Self.rows(out.appendingPathComponent(name))
      for row in rows {
        #expect(row.count == header.count, "\(name)")
        for (column, field) in zip(header, row) where !field.isEmpty {
          if let integer = Int64(field) {
            #expect(String(integer) == field, "\(name) \(column): '\(field)'")
          } else if let value = Double(field) {
            #expect(CSVFormat.number(value) == field, "\(name) \(column): '\(field)'")
            checked += 1
          }
        }
      }
    }
    #expect(checked > 500)
  }

  @Test("the manifest records the source revision and the SHA-256 of every scenario file, extends parents too")
  func manifestSources() throws {
    let folder = try TemporaryFolder()
    let (run, out) = try Self.run(folder)
    let manifest = try JSONValue.parse(String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8))
    let revision = try #require(manifest["source_revision"]?.stringValue)
    #expect(revision == ResultsFormat.sourceRevision)
    #expect(!revision.isEmpty)
    let digest = { (name: String) in SHA256.hex(bytes: Array(try Data(contentsOf: folder.url.appendingPathComponent(name)))) }
    #expect(
      manifest["source_digests"]
        == .array([
          .object(["file": .string("scenario.yaml"), "sha256": .string(try digest("scenario.yaml"))]),
          .object(["file": .string("base.yaml"), "sha256": .string(try digest("base.yaml"))]),
        ]))
    // The run id names the experiment, not the build or the files' bytes: a comment changes the
    // digest but not the run.
    let edited = try TemporaryFolder()
    let (again, againOut) = try Self.run(edited, leaf: "# a comment\n" + Self.leaf)
    #expect(again.runID == run.runID)
    let other = try JSONValue.parse(String(contentsOf: againOut.appendingPathComponent("manifest.json"), encoding: .utf8))
    #expect(other["source_digests"] != manifest["source_digests"])
    for name in ["network.csv", "subnets.csv", "summary.csv"] {
      #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: againOut.appendingPathComponent(name)))
    }
  }
}
