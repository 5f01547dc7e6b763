import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// `--compress`: the record tables are written as `.csv.gz` whose content is exactly the plain
/// run's bytes, under the same run id, and every reader in the tool takes them.
@Suite("Compressed results")
struct CompressedResultsTests {
  static func run(compress: Bool, workers: Int = 2, into folder: TemporaryFolder, _ subfolder: String) throws -> PlannedRun {
    let path = try folder.write("tiny.yaml", tinyScenario)
    var runner = ExperimentRunner(kernel: SyntheticKernel(), workers: workers)
    runner.compress = compress
    let outcome = runner.run(try runner.load(path), outputRoot: folder.url.appendingPathComponent(subfolder))
    #expect(outcome.status == .completed)
    return outcome.run
  }

  @Test("a compressed run holds the plain run's tables, gzip-compressed, under the same run id")
  func sameContent() throws {
    let folder = try TemporaryFolder()
    let plain = try Self.run(compress: false, into: folder, "plain")
    let packed = try Self.run(compress: true, into: folder, "packed")
    #expect(packed.runID == plain.runID)
    let names = try FileManager.default.contentsOfDirectory(atPath: packed.folder.path).sorted()
    #expect(names == ["COMPLETE", "manifest.json", "network.csv.gz", "neurons.csv.gz", "subnets.csv.gz", "summary.csv"])
    for table in ["network", "subnets", "neurons"] {
      let text = try Data(contentsOf: plain.folder.appendingPathComponent(table + ".csv"))
      let gz = [UInt8](try Data(contentsOf: packed.folder.appendingPathComponent(table + ".csv.gz")))
      #expect(try Gzip.decompress(gz) == [UInt8](text), "\(table)")
      #expect(gz.count < text.count, "\(table)")
    }
    #expect(try Data(contentsOf: packed.folder.appendingPathComponent("summary.csv"))
      == Data(contentsOf: plain.folder.appendingPathComponent("summary.csv")))
    let marker = try #require(CompletionMarker.read(from: packed.folder))
    #expect(marker.files.keys.sorted() == ["manifest.json", "network.csv.gz", "neurons.csv.gz", "subnets.csv.gz", "summary.csv"])
    #expect(marker.digestsMatch(in: packed.folder))
    let manifest = try JSONValue.parse(String(contentsOf: packed.folder.appendingPathComponent("manifest.json"), encoding: .utf8))
    #expect(manifest["tables"]?["network.csv.gz"] != nil)
  }

  @Test("compressed bytes are the same with 1 or 2 workers and from run to run")
  func deterministic() throws {
    let folder = try TemporaryFolder()
    let a = try Self.run(compress: true, workers: 1, into: folder, "a")
    let b = try Self.run(compress: true, workers: 2, into: folder, "b")
    #expect(differences(try filesBelow(a.folder), try filesBelow(b.folder)) == [])
  }

  @Test("check and the comparison's read-back take .csv.gz tables as they take .csv")
  func readersTakeGzip() throws {
    let folder = try TemporaryFolder()
    let plain = try Self.run(compress: false, into: folder, "plain")
    let packed = try Self.run(compress: true, into: folder, "packed")
    let report = try Check.evaluate(folder: packed.folder)
    #expect(report.failures == 0, "\(report.findings.filter { !$0.passed })")
    #expect(report.findings.map(\.name) == (try Check.evaluate(folder: plain.folder)).findings.map(\.name))
    let metrics = ["top10_validator_share", "issuance_tao"]
    let fromGzip = try ReplicationValues.read(folder: packed.folder, metrics: metrics, replications: 3)
    let fromText = try ReplicationValues.read(folder: plain.folder, metrics: metrics, replications: 3)
    #expect(fromGzip.map { $0.map(\.final) } == fromText.map { $0.map(\.final) })
    #expect(fromGzip.map { $0.map(\.mean) } == fromText.map { $0.map(\.mean) })
  }

  @Test("check reports a damaged .csv.gz table instead of reading it short")
  func damagedGzip() throws {
    let folder = try TemporaryFolder()
    let packed = try Self.run(compress: true, into: folder, "packed")
    let url = packed.folder.appendingPathComponent("network.csv.gz")
    let bytes = [UInt8](try Data(contentsOf: url))
    try Data(bytes.dropLast(12)).write(to: url)
    let reader = try CSVLineReader(url: url)
    #expect(throws: ExperimentError.self) {
      while try reader.next() != nil {}
    }
  }
}
