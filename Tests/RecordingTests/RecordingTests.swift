import Foundation
import Testing

@testable import Recording

@Suite("CSV, JSON and hashing primitives")
struct RecordingTests {
  @Test("numbers have one locale-free shortest round-trip form")
  func numbers() {
    #expect(CSVFormat.number(0.1) == "0.1")
    #expect(CSVFormat.number(100) == "100.0")
    #expect(CSVFormat.number(-0.0) == "0.0")
    #expect(CSVFormat.number(1e-5) == "1e-05")
    #expect(CSVFormat.number(2.5e20) == "2.5e+20")
    #expect(CSVFormat.number(Double.nan) == "")
    #expect(CSVFormat.number(Double?.none) == "")
    for value in [0.1, 1.0 / 3, 123_456.789, Double.leastNonzeroMagnitude, 1.7976931348623157e308] {
      #expect(Double(CSVFormat.number(value)) == value)
    }
  }

  @Test("fields are quoted exactly when RFC 4180 requires it and read back unchanged")
  func quoting() {
    #expect(CSVFormat.escape("plain") == "plain")
    #expect(CSVFormat.escape("a,b") == "\"a,b\"")
    #expect(CSVFormat.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVFormat.escape("two\nlines") == "\"two\nlines\"")
    let fields = ["x", "a,b", "q\"q", ""]
    #expect(CSVFormat.fields(of: Substring(CSVFormat.line(fields))) == fields)
  }

  @Test("SHA-256 matches the FIPS 180-2 examples")
  func sha256() {
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.hex(String(repeating: "a", count: 1_000)).count == 64)
  }

  @Test("JSON encodes with sorted keys and parses back to the same value")
  func json() throws {
    let value = JSONValue.object([
      "b": .array([.integer(1), .number(0.5), .null, .bool(true)]), "a": .string("x\"\n"), "c": .object([:]),
    ])
    let text = value.encoded()
    #expect(text == "{\n  \"a\": \"x\\\"\\n\",\n  \"b\": [\n    1,\n    0.5,\n    null,\n    true\n  ],\n  \"c\": {}\n}\n")
    #expect(try JSONValue.parse(text) == value)
    #expect(throws: RecordingError.self) { try JSONValue.parse("{\"a\": }") }
    #expect(throws: RecordingError.self) { try JSONValue.parse(String(repeating: "[", count: 1_000)) }
  }

  @Test("JSON integers stay exact up to UInt64.max, and a repeated key keeps its first value")
  func jsonExactIntegers() throws {
    let parsed = try JSONValue.parse(#"{"u": 18446744073709551614, "i": -9223372036854775808, "d": 1e3, "k": 1, "k": 2}"#)
    #expect(parsed["u"] == .unsigned(18_446_744_073_709_551_614))
    #expect(parsed["u"]?.unsignedValue == 18_446_744_073_709_551_614 && parsed["u"]?.integerValue == nil)
    #expect(parsed["i"] == .integer(.min) && parsed["i"]?.unsignedValue == nil)
    #expect(parsed["d"]?.unsignedValue == 1_000 && parsed["d"]?.integerValue == 1_000)
    #expect(parsed["k"] == .integer(1))
    #expect(JSONValue.unsigned(.max).encoded(pretty: false) == "18446744073709551615")
    #expect(try JSONValue.parse("18446744073709551616") == .number(18_446_744_073_709_551_616))
  }

  @Test("an atomic file appears only on commit, and a discarded one leaves nothing")
  func atomicWrites() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "taosim-recording-\(ProcessInfo.processInfo.globallyUniqueString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("out.csv")
    let csv = try CSVFile(destination: target, columns: ["a", "b"])
    try csv.append(["1", "x,y"])
    #expect(!FileManager.default.fileExists(atPath: target.path))
    let (bytes, _) = try csv.commit()
    #expect(try String(contentsOf: target, encoding: .utf8) == "a,b\n1,\"x,y\"\n")
    #expect(bytes == 12)
    let dropped = try AtomicFile(destination: folder.appendingPathComponent("dropped.txt"))
    try dropped.write("partial")
    dropped.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
  }
}

@Suite("Path names and the output root")
struct PathNameTests {
  @Test("ordinary names pass", arguments: ["tiny", "seed-7_reps-2_4329232300f6", "point-0003", "network.csv", "Été 2026", "a..b"])
  func ordinaryNames(name: String) {
    #expect(PathName.problem(name) == nil)
  }

  @Test(
    "names that could leave a folder, hide, or confuse a terminal are refused",
    arguments: ["", ".", "..", "...", ".hidden", "a/b", "..\\x", "nul\u{0}byte", "line\nbreak", "del\u{7F}", String(repeating: "x", count: 129)])
  func hostileNames(name: String) {
    #expect(PathName.problem(name) != nil)
  }

  @Test("a relative path passes only when every component does and it is not absolute")
  func relativePaths() {
    #expect(PathName.relativeProblem("grid/sweep-abc/point-0001") == nil)
    #expect(PathName.relativeProblem("grid/../../x") != nil)
    #expect(PathName.relativeProblem("/etc/x") != nil)
    #expect(PathName.relativeProblem("grid//x") != nil)
  }

  @Test("a path under the root that a symbolic link sends elsewhere is refused")
  func symbolicLinks() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-root-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let root = base.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: base)
    #expect(try OutputRoot(root).confined("a/b").path == root.appendingPathComponent("a/b").path)
    #expect(throws: RecordingError.self) { try OutputRoot(root).confined("link/escape") }
  }

  @Test("a folder lock refuses a second holder until released, and leaves no file behind")
  func folderLock() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-lock-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let folder = base.appendingPathComponent("run")
    let first = try FolderLock(folder)
    #expect(throws: RecordingError.locked(path: folder.path)) { try FolderLock(folder) }
    first.release()
    let second = try FolderLock(folder)
    second.release()
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == [])
  }
}
