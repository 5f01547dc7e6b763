import Foundation
import Recording
import TestSupport
import Testing

@testable import Experiments

/// The bytes of a tiny run, frozen: any change to the file layout, number formatting, quoting,
/// summary statistics or manifest shows up here. The model is the synthetic kernel, so these
/// files change only when the results format does (the World's economics are pinned by the
/// reference runs in Results/reference/).
///
/// To refresh after an intended format change: `TAOSIM_UPDATE_GOLDEN=1 swift test --filter Golden`,
/// then review the diff and bump ``ResultsFormat/version`` if a layout changed.
@Suite("Golden tiny run")
struct GoldenTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  @Test("a tiny run writes exactly the golden bytes")
  func tinyRunMatchesGolden() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("golden.yaml", tinyScenario)
    let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2)
    let outcome = runner.run(try runner.load(path), outputRoot: folder.url)
    #expect(outcome.status == .completed)
    let produced = try Self.withPlaceholderRevision(filesBelow(outcome.run.folder))
    if ProcessInfo.processInfo.environment["TAOSIM_UPDATE_GOLDEN"] == "1" {
      try? FileManager.default.removeItem(at: Self.golden)
      try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
      for (name, data) in produced { try data.write(to: Self.golden.appendingPathComponent(name)) }
    }
    let expected = try filesBelow(Self.golden)
    #expect(!expected.isEmpty, "no golden files; run with TAOSIM_UPDATE_GOLDEN=1 once")
    #expect(differences(expected, produced) == [])
  }

  /// The placeholder for the build's source revision in the golden manifest.
  static let placeholderRevision = "(source revision)"

  /// `files` with the manifest's `source_revision` (which changes with every commit) replaced by
  /// ``placeholderRevision`` and COMPLETE's size and digest of manifest.json made to match, so
  /// the golden bytes pin everything else, including that the field is there.
  static func withPlaceholderRevision(_ files: [String: Data]) throws -> [String: Data] {
    var files = files
    let manifest = try #require(files["manifest.json"].map { String(decoding: $0, as: UTF8.self) })
    let field = "\"source_revision\": \"\(ResultsFormat.sourceRevision)\""
    #expect(manifest.contains(field))
    let normalised = Data(manifest.replacingOccurrences(of: field, with: "\"source_revision\": \"\(placeholderRevision)\"").utf8)
    files["manifest.json"] = normalised
    let marker = try #require(files["COMPLETE"].map { String(decoding: $0, as: UTF8.self) })
    guard case .object(var object) = try JSONValue.parse(marker), case .object(var entries)? = object["files"] else {
      Issue.record("COMPLETE is not a marker object")
      return files
    }
    var digest = FNV1a64()
    digest.update(normalised)
    entries["manifest.json"] = .object(["bytes": .integer(Int64(normalised.count)), "fnv1a64": .string(digest.hex)])
    object["files"] = .object(entries)
    files["COMPLETE"] = Data(JSONValue.object(object).encoded().utf8)
    return files
  }
}
