import Foundation
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
    let produced = try filesBelow(outcome.run.folder)
    if ProcessInfo.processInfo.environment["TAOSIM_UPDATE_GOLDEN"] == "1" {
      try? FileManager.default.removeItem(at: Self.golden)
      try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
      for (name, data) in produced { try data.write(to: Self.golden.appendingPathComponent(name)) }
    }
    let expected = try filesBelow(Self.golden)
    #expect(!expected.isEmpty, "no golden files; run with TAOSIM_UPDATE_GOLDEN=1 once")
    #expect(differences(expected, produced) == [])
  }
}
