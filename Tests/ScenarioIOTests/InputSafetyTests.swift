import Foundation
import TestSupport
import Testing

@testable import ScenarioIO

/// Inputs that used to crash, read outside the scenario tree or silently mean something else:
/// each is a located problem or works as written.
@Suite("Input safety")
struct InputSafetyTests {
  func problems(_ text: String, name: String = "s.yaml", overrides: [String] = []) throws -> [String] {
    try scenarioProblems(text, name: name, overrides: overrides)
  }

  // MARK: - Reading outside the scenario tree

  @Test("extends refuses files that are not .yaml or .yml and never quotes them", arguments: ["/etc/passwd", "/etc/hostname", "notes.txt"])
  func extendsRefusesOtherFiles(target: String) throws {
    let folder = try TemporaryFolder()
    try folder.write("notes.txt", "root: secret-line\n")
    let path = try folder.write("s.yaml", "seed: 1\nextends: \(target)\n")
    do {
      _ = try ScenarioLoader.load(path: path)
      Issue.record("loaded a scenario extending \(target)")
    } catch {
      #expect(error.problems.count == 1)
      #expect(error.problems[0].path == "extends")
      #expect(error.problems[0].message.contains("is not a scenario file"))
      #expect(!error.description.contains("secret-line") && !error.description.contains("root:"))
    }
  }

  @Test("extends refuses a symbolic link named .yaml that points at another kind of file")
  func extendsRefusesDisguisedLinks() throws {
    let folder = try TemporaryFolder()
    try folder.write("secret.txt", "password: hunter2\n")
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appendingPathComponent("base.yaml").path, withDestinationPath: "secret.txt")
    let path = try folder.write("s.yaml", "seed: 1\nextends: base.yaml\n")
    do {
      _ = try ScenarioLoader.load(path: path)
      Issue.record("loaded through a disguised link")
    } catch {
      #expect(error.problems.map(\.path) == ["extends"])
      #expect(!error.description.contains("hunter2"))
    }
  }

  @Test("a scenario given as a link to a file that is not a scenario is refused without quoting it")
  func scenarioLinkToOtherFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("secret.txt", "password: hunter2\n")
    let link = folder.url.appendingPathComponent("s.yaml").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "secret.txt")
    do {
      _ = try ScenarioLoader.load(path: link)
      Issue.record("loaded a link to a text file")
    } catch {
      #expect(error.problems.map(\.message) == ["is a link to 'secret.txt', which is not a .yaml or .yml scenario file"])
    }
  }

  @Test("a FIFO, as the scenario or as its base, is refused at once instead of blocking the read")
  func fifosAreRefused() throws {
    let folder = try TemporaryFolder()
    let fifo = folder.url.appendingPathComponent("pipe.yaml").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let child = try folder.write("s.yaml", "seed: 1\nextends: pipe.yaml\n")
    for path in [fifo, child] {
      do {
        _ = try ScenarioLoader.load(path: path)
        Issue.record("loaded \(path)")
      } catch {
        #expect(error.problems.count == 1)
        #expect(error.problems[0].message.contains("FIFO"))
      }
    }
  }

  @Test("a character device is refused without being read")
  func devicesAreRefused() throws {
    #expect(throws: ScenarioError.self) { _ = try ScenarioLoader.load(path: "/dev/zero") }
    #expect(try problems("seed: 1\nextends: /dev/null\n").count == 1)
  }

  // MARK: - Crashes

  @Test("a --set key path thousands of levels deep is a problem, not a stack overflow")
  func deepOverridePath() throws {
    let path = Array(repeating: "a", count: 5_000).joined(separator: ".")
    let found = try problems("seed: 1\n", overrides: ["\(path)=1"])
    #expect(found == ["<--set 1>:1:1: (override): the key path has 5000 levels; scenario keys nest at most 64 deep"])
  }

  @Test("a sweep key path deeper than the format allows is a located problem")
  func deepSweepPath() throws {
    let path = Array(repeating: "a", count: 200).joined(separator: ".")
    let found = try problems("seed: 1\nsweep:\n  mode: grid\n  parameters:\n    - {path: \(path), values: [1]}\n")
    #expect(found.count == 1)
    #expect(found[0].contains("sweep.parameters[0].path: the key path has 200 levels"))
  }

  @Test("whale inflows whose staking round exceeds the TAO supply are refused at the key", arguments: [
    ("delegator_inflow_tao: 300000000", "delegator_inflow_tao"), ("whale_inflow_tao: 1e9\n    count: 20", "whale_inflow_tao"),
  ])
  func whaleInflowOverflow(keys: String, key: String) throws {
    let found = try problems("seed: 1\nnetwork:\n  uids_per_subnet: 64\nattacks:\n  - kind: whales\n    \(keys)\n")
    #expect(found.count == 1)
    #expect(found[0].hasPrefix("s.yaml:6:"))
    #expect(found[0].contains("attacks[0].\(key): one staking round would bring in more than the 21000000 TAO supply"))
  }

  // MARK: - Silent wrong results

  @Test("an empty section in a file that extends another keeps the inherited values")
  func emptySectionKeepsInherited() throws {
    let folder = try TemporaryFolder()
    try folder.write("base.yaml", "seed: 1\nnetwork:\n  subnets: 3\n  uids_per_subnet: 100\n")
    let child = try folder.write("child.yaml", "extends: base.yaml\nnetwork:\n  # subnets: 5\nminers:\n")
    let loaded = try ScenarioLoader.load(path: child)
    #expect(loaded.spec.model.subnets == 3)
    #expect(loaded.spec.model.uidsPerSubnet == 100)
    let unset = try ScenarioLoader.load(path: child, overrides: ["network="])
    #expect(unset.spec.model.subnets == 3)
  }

  @Test("a Pareto shape whose draws could overflow to infinity is refused at the key", arguments: ["0.001", "0.05"])
  func paretoShape(shape: String) throws {
    let found = try problems("seed: 1\nminers:\n  utility: {kind: pareto, shape: \(shape)}\n")
    #expect(found == ["s.yaml:3:34: miners.utility.shape: \(shape) is outside the allowed range [0.1, 1000]"])
  }

  @Test("YAML tags are honoured: !!str is text, !!null is nothing, unknown tags are refused")
  func tags() throws {
    #expect(try problems("seed: !!str 7\n") == ["s.yaml:1:7: seed: expected a whole number, got the quoted string '7'"])
    #expect(try problems("seed: !!int 7\n") == [])
    #expect(try problems("seed: 1\nhorizon_days: !!float 2\n") == [])
    #expect(try problems("seed: !!null 7\n") == ["s.yaml:1:7: seed: expected a whole number, got nothing (null)"])
    #expect(try problems("seed: !!int abc\n") == ["s.yaml:1:7: seed: the !!int tag needs a whole number"])
    #expect(try problems("seed: !custom 7\n") == ["s.yaml:1:7: seed: the YAML tag '!custom' is not used in scenario files; remove it"])
    #expect(try problems("seed: 1\nnetwork: !!set {a: 1}\n").first?.contains("network: a mapping cannot carry a YAML tag") == true)
  }

  @Test("a file name that gives no valid run name is refused unless the file names itself", arguments: ["...yaml", "Upper.yaml", "-x.yaml"])
  func fileNamesThatAreNoRunNames(name: String) throws {
    let found = try problems("seed: 1\n", name: name)
    #expect(found.count == 1)
    #expect(found[0].contains("name: the file name gives no valid run name"))
    #expect(try problems("seed: 1\nname: fine\n", name: name) == [])
  }
}
