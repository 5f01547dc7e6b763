import Foundation
import TestSupport
import Testing

@testable import ScenarioIO

/// Every class of bad input gives located problems, never a crash or a hang.
@Suite("Malformed scenario input")
struct MalformedInputTests {
  func problems(_ text: String, name: String = "s.yaml", overrides: [String] = []) throws -> [String] {
    try scenarioProblems(text, name: name, overrides: overrides)
  }

  @Test("a valid minimal scenario loads with every default filled in")
  func minimalScenarioLoads() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", "seed: 7\n")
    let loaded = try ScenarioLoader.load(path: path)
    #expect(loaded.spec.name == "tiny")
    #expect(loaded.spec.seed == 7)
    #expect(loaded.spec.replications == 1)
    #expect(loaded.spec.resolved["horizon_days"] == .number(30))
    #expect(loaded.spec.resolved["record"]?["subnet_every_epochs"] == .integer(20))  // one a day at tempo 360
  }

  @Test("YAML syntax errors carry libyaml's line and column")
  func syntaxError() throws {
    let found = try problems("seed: 1\nnetwork: [1, 2\n")
    #expect(found.count == 1)
    #expect(found[0].hasPrefix("s.yaml:"))
    #expect(found[0].contains("invalid YAML"))
  }

  @Test("every problem in a file is reported at once, in file order")
  func allProblemsAtOnce() throws {
    let text = """
      seed: 1
      replications: many
      horizon_days: -3
      colour: blue
      network:
        subnets: 1000
      subnet:
        tempo_blocks: 2.5
      """
    let found = try problems(text)
    #expect(
      found == [
        "s.yaml:2:15: replications: expected a whole number, got 'many'",
        "s.yaml:3:15: horizon_days: -3 is outside the allowed range (0, 36500]",
        "s.yaml:4:1: colour: unknown key 'colour'; known keys: format_version, name, description, seed, replications, horizon_days, network, chain, subnet_registration, subnet, subnet_overrides, emission, genesis, subnet_utility, miners, validators, nominators, stakers, economics, attacks, record, expect, sweep, study",
        "s.yaml:6:12: network.subnets: 1000 subnets exceed chain.subnet_limit (128)",
        "s.yaml:8:17: subnet.tempo_blocks: expected a whole number, got '2.5'",
      ])
  }

  @Test("a missing required key points at the mapping that lacks it")
  func missingSeed() throws {
    #expect(try problems("replications: 2\n") == ["s.yaml:1:1: seed: required key is missing"])
  }

  @Test("misspelt keys get a suggestion", arguments: ["replicatoins", "horizon_day"])
  func suggestion(key: String) throws {
    let found = try problems("seed: 1\n\(key): 2\n")
    #expect(found.count == 1)
    #expect(found[0].contains("did you mean"))
  }

  @Test("NaN, infinities and huge numbers are refused", arguments: [".nan", ".inf", "-.inf", "1e400"])
  func nonFiniteNumbers(value: String) throws {
    let found = try problems("seed: 1\nhorizon_days: \(value)\n")
    #expect(found.count == 1)
    #expect(found[0].hasPrefix("s.yaml:2:15: horizon_days: "))
  }

  @Test("integers too large for the type are refused, not wrapped")
  func hugeInteger() throws {
    let found = try problems("seed: 99999999999999999999999\n")
    #expect(found == ["s.yaml:1:7: seed: '99999999999999999999999' is too large; the largest allowed value is 9223372036854775807"])
  }

  @Test("negative values where counts are expected are refused")
  func negativeCount() throws {
    #expect(try problems("seed: -1\n") == ["s.yaml:1:7: seed: -1 is outside the allowed range [0, 9223372036854775807]"])
  }

  @Test("wrong types name what was expected and what was found")
  func wrongTypes() throws {
    let found = try problems("seed: \"1\"\nrecord: [1]\nnetwork:\n  subnets: {a: 1}\n")
    #expect(
      found == [
        "s.yaml:1:7: seed: expected a whole number, got the quoted string '1'",
        "s.yaml:2:9: record: expected a mapping, got a list",
        "s.yaml:4:12: network.subnets: expected a whole number, got a mapping",
      ])
  }

  @Test("an alias bomb is refused quickly")
  func aliasBomb() throws {
    var text = "seed: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...12 {
      let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(refs)]\n"
    }
    let found = try problems(text)
    #expect(found.count == 1)
    #expect(found[0].contains("alias bomb"))
  }

  @Test("an alias used as a mapping key is refused before it can be hashed")
  func aliasKeyBomb() throws {
    var text = "a0: &a0 [x, x]\n"
    for level in 1...60 { text += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
    text += "*a60 : 1\n"
    let found = try problems(text)
    #expect(found == ["s.yaml:62:1: (document): an alias cannot be used as a mapping key"])
  }

  @Test("deep nesting is refused")
  func deepNesting() throws {
    let text = "seed: 1\nx: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
    let found = try problems(text)
    #expect(found.count == 1)
    #expect(found[0].contains("nests deeper"))
  }

  @Test("empty and whitespace-only files are refused", arguments: ["", "\n\n   \n", "# only a comment\n"])
  func emptyFiles(text: String) throws {
    let found = try problems(text)
    #expect(found.count == 1)
    #expect(found[0].hasPrefix("s.yaml:1:1: (document): "))
  }

  @Test("binary and non-UTF-8 files are refused")
  func binaryFiles() throws {
    let folder = try TemporaryFolder()
    for bytes: [UInt8] in [[0x73, 0x65, 0x00, 0x01], [0x73, 0x3A, 0x20, 0xFF, 0xFE]] {
      let path = try folder.write("b.yaml", bytes: bytes)
      #expect(throws: ScenarioError.self) { _ = try ScenarioLoader.load(path: path) }
    }
  }

  @Test("missing files and directories are refused with a clear message")
  func missingAndDirectories() throws {
    let folder = try TemporaryFolder()
    for (path, message) in [
      (folder.url.appendingPathComponent("nope.yaml").path, "no such file"),
      (folder.url.path, "is a directory, not a scenario file"),
    ] {
      do {
        _ = try ScenarioLoader.load(path: path)
        Issue.record("\(path) loaded")
      } catch {
        #expect(error.problems.map(\.message) == [message])
      }
    }
  }

  @Test("a document that is not a mapping is refused")
  func notAMapping() throws {
    #expect(try problems("- 1\n- 2\n") == ["s.yaml:1:1: (document): expected a mapping of keys, got a list"])
  }

  @Test("duplicate keys are refused")
  func duplicateKeys() throws {
    let found = try problems("seed: 1\nseed: 2\n")
    #expect(found.count == 1)
    #expect(found[0].contains("duplicate key 'seed'"))
  }

  @Test("unknown sweep modes and unknown study kinds are errors")
  func unknownKinds() throws {
    let found = try problems(
      "seed: 1\nsweep:\n  mode: spiral\n  parameters:\n    - {path: seed, values: [1]}\nstudy:\n  kind: retention\n")
    #expect(
      found == [
        "s.yaml:3:9: sweep.mode: unknown value 'spiral'; expected one of: grid, zip, lhs, sobol, morris",
        "s.yaml:7:9: study.kind: unknown kind 'retention'; known kinds: ",
      ])
  }

  @Test("extends cycles and missing base files are reported at the extends key")
  func extendsProblems() throws {
    let folder = try TemporaryFolder()
    let a = try folder.write("a.yaml", "extends: b.yaml\nseed: 1\n")
    try folder.write("b.yaml", "extends: a.yaml\n")
    let c = try folder.write("c.yaml", "extends: missing.yaml\nseed: 1\n")
    for (path, fragment) in [(a, "cycle: "), (c, "no such scenario file")] {
      do {
        _ = try ScenarioLoader.load(path: path)
        Issue.record("\(path) loaded")
      } catch {
        #expect(error.problems.count == 1)
        #expect(error.problems[0].path == "extends")
        #expect(error.problems[0].message.contains(fragment))
      }
    }
  }

  @Test("--set values are validated like the file and located in the argument")
  func badOverrides() throws {
    let found = try problems(
      "seed: 1\n", overrides: ["horizon_days=abc", "nokey", "network.subnets.x=1", "network.colour=red"])
    #expect(
      found == [
        "<--set 1>:1:14: horizon_days: expected a number, got 'abc'",
        "<--set 2>:1:1: (override): 'nokey' is not KEY.PATH=VALUE",
        "<--set 3>:1:1: network.subnets: expected a whole number, got a mapping",
        "<--set 4>:1:1: network.colour: unknown key 'colour'; known keys: subnets, uids_per_subnet, validators_per_subnet, root_validators, arithmetic",
      ])
  }
}
