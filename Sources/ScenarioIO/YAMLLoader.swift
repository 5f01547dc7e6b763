import Foundation
import Recording
import Yams

/// Reads a scenario file into a located ``ConfigNode`` tree, refusing anything that could crash
/// or stall the program.
///
/// Checked before and while parsing, each reported as a ``ScenarioProblem``: missing files,
/// anything but a regular file (directories, FIFOs, devices: never opened for a blocking read), files over 1 MiB, empty files, binary or non-UTF-8 content, YAML syntax errors
/// (with libyaml's line and column), duplicate keys, several documents, complex keys (which is
/// where an alias bomb could be hashed), and documents that expand to more than 100 000 nodes
/// or nest deeper than 64 levels (alias bombs, "billion laughs"). Explicit YAML tags are
/// honoured (`!!str 7` is text, `!!null` is null) or refused, never ignored.
public enum YAMLLoader {
  /// Largest accepted file, in bytes.
  public static let maximumFileBytes = 1 << 20
  /// Largest accepted tree after alias expansion, in nodes.
  public static let maximumNodes = 100_000
  /// Deepest accepted nesting.
  public static let maximumDepth = 64

  /// Reads and parses the file at `path` (as given, used in messages).
  ///
  /// - Throws: ``ScenarioError`` describing why the file cannot be used.
  public static func load(path: String) throws -> ConfigNode { try loadFile(path: path).tree }

  /// Reads and parses the file at `path` like ``load(path:)``, also returning the SHA-256 (hex)
  /// of the bytes read (what the manifest records for each scenario source file).
  public static func loadFile(path: String) throws -> (tree: ConfigNode, sha256: String) {
    let start = SourceLocation(file: path, line: 1, column: 1)
    func fail(_ message: String) -> ScenarioError {
      ScenarioError(problems: [ScenarioProblem(location: start, path: "(document)", message: message)])
    }
    let tooLarge = "is larger than \(maximumFileBytes / 1024) KiB; scenario files are small text files"
    let data: [UInt8]
    do {
      data = try RegularFile.read(path: path, limit: maximumFileBytes)
    } catch .tooLarge {
      throw fail(tooLarge)
    } catch {
      throw fail(error.message(noun: "a scenario file", limit: maximumFileBytes))
    }
    guard data.count <= maximumFileBytes else { throw fail(tooLarge) }
    return (try parse(bytes: data, file: path), SHA256.hex(bytes: data))
  }

  /// Parses YAML `bytes` whose origin is named `file` in messages.
  public static func parse(bytes: [UInt8], file: String) throws -> ConfigNode {
    var bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 byte-order mark
    let start = SourceLocation(file: file, line: 1, column: 1)
    func fail(_ message: String, at location: SourceLocation? = nil) -> ScenarioError {
      ScenarioError(problems: [ScenarioProblem(location: location ?? start, path: "(document)", message: message)])
    }
    if let zero = bytes.firstIndex(of: 0) {
      throw fail("is not a text file (a zero byte at offset \(zero))", at: location(ofOffset: zero, in: bytes, file: file))
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw fail("is not UTF-8 text")
    }
    guard text.contains(where: { !$0.isWhitespace }) else { throw fail("is empty") }
    if let problem = complexKeyProblem(in: text, file: file) { throw ScenarioError(problems: [problem]) }

    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .default, .default, .utf8)
    } catch let error as YamlError {
      throw ScenarioError(problems: [problem(from: error, text: text, file: file)])
    } catch {
      throw fail("cannot be parsed: \(error)")
    }
    guard let root else { throw fail("holds no YAML document (only comments?)") }
    var budget = maximumNodes
    var problems: [ScenarioProblem] = []
    let tree = convert(root, file: file, path: KeyPath(), budget: &budget, problems: &problems)
    if budget < 0 {
      throw fail(
        "expands to more than \(maximumNodes) values (an alias bomb?); scenario files are small")
    }
    guard problems.isEmpty, let tree else { throw ScenarioError(problems: problems) }
    return tree
  }

  // MARK: - Conversion

  private static func located(_ mark: Mark?, _ file: String) -> SourceLocation {
    SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  private static func convert(
    _ node: Node, file: String, path: KeyPath, budget: inout Int, problems: inout [ScenarioProblem]
  ) -> ConfigNode? {
    let depth = path.components.count
    let here = path.description
    budget -= 1
    guard budget >= 0 else { return nil }
    let location = located(node.mark, file)
    guard depth <= maximumDepth else {
      if problems.isEmpty {
        problems.append(
          ScenarioProblem(location: location, path: "(document)", message: "nests deeper than \(maximumDepth) levels"))
      }
      return nil
    }
    switch node {
    case .scalar(let scalar):
      let plain = scalar.style == .plain || scalar.style == .any
      switch tagProblem(scalar.tag.description, text: scalar.string, plain: plain) {
      case .some(.failure(let refusal)):
        problems.append(ScenarioProblem(location: location, path: here, message: refusal.message))
        return ConfigNode(.scalar(scalar.string, plain: false), at: location)
      case .some(.success(let asString)):
        return ConfigNode(.scalar(asString ? scalar.string : "", plain: !asString), at: location)
      case .none:
        return ConfigNode(.scalar(scalar.string, plain: plain), at: location)
      }
    case .alias:
      return ConfigNode(.scalar("", plain: true), at: location)  // Yams resolves aliases; not reached
    case .sequence(let sequence):
      if !["", "!", "tag:yaml.org,2002:seq"].contains(sequence.tag.description) {
        problems.append(ScenarioProblem(location: location, path: here, message: "a list cannot carry a YAML tag here"))
      }
      var items: [ConfigNode] = []
      for (index, item) in sequence.enumerated() {
        guard
          let converted = convert(
            item, file: file, path: path.appending(index: index), budget: &budget, problems: &problems)
        else { return nil }
        items.append(converted)
      }
      return ConfigNode(.sequence(items), at: location)
    case .mapping(let mapping):
      if !["", "!", "tag:yaml.org,2002:map"].contains(mapping.tag.description) {
        problems.append(ScenarioProblem(location: location, path: here, message: "a mapping cannot carry a YAML tag here"))
      }
      var entries: [ConfigNode.Entry] = []
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          problems.append(
            ScenarioProblem(
              location: located(key.mark, file), path: "(document)", message: "mapping keys must be plain names"))
          continue
        }
        guard
          let converted = convert(
            value, file: file, path: path.appending(keyScalar.string), budget: &budget, problems: &problems)
        else { return nil }
        entries.append(.init(key: keyScalar.string, keyLocation: located(key.mark, file), value: converted))
      }
      return ConfigNode(.mapping(entries), at: location)
    }
  }

  // MARK: - Tags

  /// What an explicit YAML tag on a scalar means here: `nil` = no tag (or one that agrees with
  /// how the text reads); `.success(true)` = a string (`!!str 7` is the text "7", never the
  /// number); `.success(false)` = null (`!!null`); `.failure` = a tag the format does not use,
  /// or one the text contradicts (`!!int abc`).
  static func tagProblem(_ tag: String, text: String, plain: Bool) -> Result<Bool, TagRefusal>? {
    let core = "tag:yaml.org,2002:"
    switch tag {
    case "": return nil
    case "!", core + "str": return plain ? .success(true) : nil
    case core + "null": return .success(false)
    case core + "int":
      let digits = text.replacingOccurrences(of: "_", with: "")
      return Int(digits) != nil ? nil : .failure(TagRefusal(message: "the !!int tag needs a whole number"))
    case core + "float":
      return ValueReader.parseNumber(text) != nil ? nil : .failure(TagRefusal(message: "the !!float tag needs a number"))
    case core + "bool":
      return ["true", "false", "True", "False", "TRUE", "FALSE"].contains(text)
        ? nil : .failure(TagRefusal(message: "the !!bool tag needs true or false"))
    default:
      let shown = tag.hasPrefix(core) ? "!!" + tag.dropFirst(core.count) : Substring(tag)
      return .failure(TagRefusal(message: "the YAML tag '\(shown.prefix(40))' is not used in scenario files; remove it"))
    }
  }

  /// A tag that cannot be honoured.
  struct TagRefusal: Error {
    var message: String
  }

  // MARK: - Errors

  private static func problem(from error: YamlError, text: String, file: String) -> ScenarioProblem {
    func make(_ mark: Mark?, _ message: String) -> ScenarioProblem {
      ScenarioProblem(location: located(mark, file), path: "(document)", message: message)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
      return make(mark, "invalid YAML: \(problem)\(detail)")
    case .reader(let problem, let offset, _, _):
      let place = offset.map { Self.location(ofOffset: $0, in: Array(text.utf8), file: file) }
      return ScenarioProblem(
        location: place ?? SourceLocation(file: file, line: 1, column: 1), path: "(document)",
        message: "invalid YAML input: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return make(context.mark, "duplicate key \(names) in one mapping")
    default:
      return make(nil, "invalid YAML: \(error)")
    }
  }

  /// The line and column of byte `offset`.
  static func location(ofOffset offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
    return SourceLocation(file: file, line: line, column: column)
  }
}
