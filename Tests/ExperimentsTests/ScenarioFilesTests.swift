import Foundation
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

/// The shipped scenarios and their documentation stay valid and true.
@Suite("Shipped scenarios")
struct ScenarioFilesTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let scenarios = repository.appendingPathComponent("Scenarios")

  /// Every `.yaml` file below `Scenarios/`, relative to it, sorted.
  static func files() -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: scenarios.path)
    var files: [String] = []
    while let name = enumerator?.nextObject() as? String {
      if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { files.append(name) }
    }
    return files.sorted()
  }

  @Test("every file in Scenarios/ decodes, validates and is accepted by the World")
  func everyScenarioValidates() throws {
    let runner = ExperimentRunner(kernel: WorldKernel())
    let files = Self.files()
    #expect(files.count >= 10)
    for file in files {
      let path = Self.scenarios.appendingPathComponent(file).path
      do {
        let loaded = try runner.load(path)
        #expect(WorldBuilder.config(loaded.spec).problems() == [], "\(file)")
        if loaded.spec.sweep != nil {
          let plan = try SweepPlan(base: loaded, seed: nil, replications: nil, outputRoot: URL(fileURLWithPath: "/tmp"))
          #expect(!plan.runs.isEmpty, "\(file)")
        }
      } catch {
        Issue.record("\(file):\n\(error)")
      }
    }
  }

  @Test("the policy scenarios cover every emission policy and differ from the baseline only in it")
  func policyScenarios() throws {
    let runner = ExperimentRunner(kernel: WorldKernel())
    let baseline = try runner.load(Self.scenarios.appendingPathComponent("baseline.yaml").path)
    for policy in ["price-ema", "tao-flow", "root-weights", "equal", "utility"] {
      let loaded = try runner.load(Self.scenarios.appendingPathComponent("policies/\(policy).yaml").path)
      #expect(loaded.spec.model.emissionPolicy == policy)
      #expect(loaded.spec.seed == baseline.spec.seed)
      #expect(loaded.spec.model.subnets == baseline.spec.model.subnets)
    }
  }

  @Test("Scenarios/README.md embeds the key reference generated from the code")
  func readmeKeyTableIsCurrent() throws {
    let readme = try String(contentsOf: Self.scenarios.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- keys:begin -->\n"))
    let end = try #require(readme.range(of: "<!-- keys:end -->"))
    let embedded = String(readme[begin.upperBound..<end.lowerBound])
    let generated = Describe.keys(extensions: ExperimentRunner(kernel: WorldKernel()).extensions, markdown: true)
    #expect(embedded == generated, "regenerate with: taosim describe keys --markdown")
  }
}
