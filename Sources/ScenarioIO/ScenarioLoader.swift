import Foundation
import Recording

/// One `--set key.path=VALUE` override, parsed.
public struct Override: Sendable {
  /// The argument as given.
  public var text: String
  public var path: KeyPath
  /// VALUE read as YAML (so `0.2`, `true`, `[1, 2]` and `{kind: equal}` all work).
  public var value: ConfigNode
  /// `<--set N>:1:1`.
  public var location: SourceLocation
}

/// A scenario ready to run: the typed spec plus everything needed to reproduce and vary it.
public struct LoadedScenario: Sendable {
  /// The typed, validated scenario.
  public var spec: ScenarioSpec
  /// The merged document after `extends:` and `--set` (sweep points are derived from it).
  public var tree: ConfigNode
  /// The scenario file as given.
  public var file: String
  /// The files merged, leaf first (the `extends:` chain as written).
  public var sources: [String]
  /// The SHA-256 (hex) of each of ``sources``' bytes as read, in the same order.
  public var sourceDigests: [String] = []
  /// The `--set` arguments applied, in order.
  public var overrides: [String]
}

/// Reads scenario files: YAML, `extends:` chains, `--set` overrides, typing and validation.
///
/// Every entry point reports all problems at once as a ``ScenarioError``; nothing is written.
public enum ScenarioLoader {
  /// Longest `extends:` chain.
  public static let maximumExtendsDepth = 16

  /// Loads `path`, applies `overrides` in order, and types the result.
  public static func load(path: String, overrides: [String] = [], extensions: ScenarioExtensions = .init())
    throws(ScenarioError) -> LoadedScenario
  {
    var problems: [ScenarioProblem] = []
    var parsed: [Override] = []
    for (index, text) in overrides.enumerated() {
      switch parseOverride(text, index: index + 1) {
      case .success(let override): parsed.append(override)
      case .failure(let error): problems.append(contentsOf: error.problems)
      }
    }
    let (loadedTree, sources): (ConfigNode, [String])
    var chain: [String] = []
    var canonical: [String] = []
    var digests: [String] = []
    do {
      (loadedTree, sources) = try loadTree(path: path, chain: &chain, canonical: &canonical, digests: &digests)
    } catch {
      throw ScenarioError(problems: error.problems + problems)
    }
    var tree = loadedTree
    for override in parsed {
      do {
        tree = try tree.setting(override.value, at: override.path, keyLocation: override.location)
      } catch {
        problems.append(
          ScenarioProblem(location: override.location, path: error.path.description, message: error.message))
      }
    }
    let (spec, typingProblems) = decode(tree: tree, defaultName: stem(of: path), extensions: extensions)
    problems += typingProblems
    guard problems.isEmpty else { throw ScenarioError(problems: problems) }
    return LoadedScenario(spec: spec, tree: tree, file: path, sources: sources, sourceDigests: digests, overrides: overrides)
  }

  /// Types a merged tree; returns the spec (meaningful only without problems) and the problems.
  public static func decode(tree: ConfigNode, defaultName: String, extensions: ScenarioExtensions = .init())
    -> (ScenarioSpec, [ScenarioProblem])
  {
    let context = SpecContext(documentStart: tree.location)
    let root = ValueReader(
      node: tree, path: KeyPath(), docPath: "", parentLocation: tree.location, context: context)
    let reader = ObjectReader(root)
    let spec = ScenarioSpec.read(reader, defaultName: defaultName, extensions: extensions)
    reader.finish()
    return (spec, context.problems)
  }

  /// Every key of the format with its type, unit, range, default and meaning.
  public static func documentation(extensions: ScenarioExtensions = .init()) -> [KeyDoc] {
    let start = SourceLocation(file: "(schema)", line: 1, column: 1)
    let context = SpecContext(documentStart: start, documenting: true)
    let reader = ObjectReader(ValueReader(node: nil, path: KeyPath(), docPath: "", parentLocation: start, context: context))
    _ = ScenarioSpec.read(reader, defaultName: "(file name without .yaml)", extensions: extensions)
    return context.keyDocs
  }

  /// The scenario at sweep point `index`: the `sweep:` block removed and the point's values set.
  ///
  /// - Throws: ``ScenarioError`` if the point's values make the scenario invalid (the
  ///   problems point at the values in the sweep block).
  public static func point(_ index: Int, of loaded: LoadedScenario, extensions: ScenarioExtensions = .init())
    throws(ScenarioError) -> LoadedScenario
  {
    guard let sweep = loaded.spec.sweep else { return loaded }
    let values = zip(sweep.parameters, sweep.valueIndices(ofPoint: index)).map { $0.0.values[$0.1] }
    return try point(index, values: values, of: loaded, extensions: extensions)
  }

  /// The scenario at sweep point `index` with one value per swept parameter, in parameter
  /// order (a design's sampled values, located at their parameter's item).
  public static func point(
    _ index: Int, values: [ConfigNode], of loaded: LoadedScenario, extensions: ScenarioExtensions = .init()
  ) throws(ScenarioError) -> LoadedScenario {
    guard let sweep = loaded.spec.sweep else { return loaded }
    var tree = loaded.tree.removing("sweep")
    var problems: [ScenarioProblem] = []
    for (parameter, value) in zip(sweep.parameters, values) {
      do {
        tree = try tree.setting(value, at: parameter.path, keyLocation: value.location)
      } catch {
        problems.append(ScenarioProblem(location: value.location, path: error.path.description, message: error.message))
      }
    }
    guard problems.isEmpty else { throw ScenarioError(problems: problems) }
    let (spec, typingProblems) = decode(tree: tree, defaultName: loaded.spec.name, extensions: extensions)
    guard typingProblems.isEmpty else {
      throw ScenarioError(
        problems: typingProblems.map {
          var problem = $0
          problem.message += " (sweep point \(index))"
          return problem
        })
    }
    return LoadedScenario(
      spec: spec, tree: tree, file: loaded.file, sources: loaded.sources,
      sourceDigests: loaded.sourceDigests, overrides: loaded.overrides)
  }

  // MARK: - Overrides

  /// Parses `key.path=VALUE`.
  public static func parseOverride(_ text: String, index: Int) -> Result<Override, ScenarioError> {
    let file = "<--set \(index)>"
    let start = SourceLocation(file: file, line: 1, column: 1)
    func fail(_ path: String, _ message: String) -> Result<Override, ScenarioError> {
      .failure(ScenarioError(problems: [ScenarioProblem(location: start, path: path, message: message)]))
    }
    guard let equals = text.firstIndex(of: "=") else {
      return fail("(override)", "'\(text)' is not KEY.PATH=VALUE")
    }
    let pathText = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
    guard KeyPath.stepCount(pathText) <= KeyPath.maximumComponents else {
      return fail(
        "(override)", "the key path has \(KeyPath.stepCount(pathText)) levels; scenario keys nest at most \(KeyPath.maximumComponents) deep")
    }
    guard let path = KeyPath(parsing: pathText) else {
      return fail("(override)", "'\(pathText)' is not a key path like network.subnets or attacks[0].kind")
    }
    if case .key(let root) = path.components[0], root == "extends" {
      return fail(pathText, "extends cannot be overridden; point to another file instead")
    }
    let valueText = String(text[text.index(after: equals)...])
    let offset = pathText.unicodeScalars.count + 1
    let value: ConfigNode
    if valueText.allSatisfy(\.isWhitespace) {
      value = ConfigNode(.scalar("", plain: true), at: SourceLocation(file: file, line: 1, column: offset + 1))
    } else {
      do {
        value = try YAMLLoader.parse(bytes: Array(valueText.utf8), file: file).shifted(columns: offset)
      } catch let error as ScenarioError {
        return .failure(
          ScenarioError(
            problems: error.problems.map {
              ScenarioProblem(location: $0.location, path: pathText, message: $0.message)
            }))
      } catch {
        return fail(pathText, "cannot read the value: \(error)")
      }
    }
    return .success(Override(text: text, path: path, value: value, location: start))
  }

  // MARK: - Files and extends

  /// Reads `path` and merges its `extends:` chain (leaf keys win).
  ///
  /// - Returns: The merged tree (without `extends`) and the files read, leaf first.
  public static func loadTree(path: String) throws(ScenarioError) -> (ConfigNode, [String]) {
    var chain: [String] = []
    var canonical: [String] = []
    var digests: [String] = []
    return try loadTree(path: path, chain: &chain, canonical: &canonical, digests: &digests)
  }

  /// Loads `path` and its `extends:` parents; `digests` receives each file's SHA-256, leaf first.
  private static func loadTree(path: String, chain: inout [String], canonical: inout [String], digests: inout [String])
    throws(ScenarioError) -> (ConfigNode, [String])
  {
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    if chain.isEmpty, let problem = linkProblem(path, resolved: resolved) {
      throw ScenarioError(
        problems: [ScenarioProblem(location: .init(file: path, line: 1, column: 1), path: "(document)", message: problem)])
    }
    chain.append(path)
    canonical.append(resolved)
    let tree: ConfigNode
    do {
      let file = try YAMLLoader.loadFile(path: path)
      tree = file.tree
      digests.append(file.sha256)
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw ScenarioError(
        problems: [ScenarioProblem(location: .init(file: path, line: 1, column: 1), path: "(document)", message: "\(error)")])
    }
    guard tree.entries != nil else {
      throw ScenarioError(
        problems: [
          ScenarioProblem(location: tree.location, path: "(document)", message: "expected a mapping of keys, got \(tree.kindDescription)")
        ])
    }
    guard let extendsNode = tree["extends"] else { return (tree, chain) }
    func fail(_ message: String) -> ScenarioError {
      ScenarioError(problems: [ScenarioProblem(location: extendsNode.location, path: "extends", message: message)])
    }
    guard case .scalar(let parentText, _) = extendsNode.content, !extendsNode.isNull, !parentText.isEmpty else {
      throw fail("expected the path of a base scenario, got \(extendsNode.kindDescription)")
    }
    let folder = (path as NSString).deletingLastPathComponent
    let parentPath = parentText.hasPrefix("/") || folder.isEmpty ? parentText : folder + "/" + parentText
    let parentResolved = URL(fileURLWithPath: parentPath).standardizedFileURL.resolvingSymlinksInPath().path
    if canonical.contains(parentResolved) {
      throw fail("cycle: \((chain + [parentPath]).joined(separator: " → "))")
    }
    guard chain.count < maximumExtendsDepth else {
      throw fail("extends chain is longer than \(maximumExtendsDepth) files")
    }
    if let problem = baseFileProblem(parentPath, resolved: parentResolved) { throw fail(problem) }
    let (parent, files) = try loadTree(path: parentPath, chain: &chain, canonical: &canonical, digests: &digests)
    let merged = parent.removing("name").merged(with: tree.removing("extends"))
    return (ConfigNode(merged.content, at: tree.location), files)
  }

  /// Why `path` (resolved: `resolved`) cannot be a base scenario, or `nil`.
  ///
  /// A base must be a `.yaml`/`.yml` regular file, under its own name and after following
  /// symbolic links, so `extends:` never opens a device, a FIFO or a file that is not a
  /// scenario (and so no message can quote another file's lines).
  static func baseFileProblem(_ path: String, resolved: String) -> String? {
    func isScenarioName(_ name: String) -> Bool {
      let last = (name as NSString).lastPathComponent
      return [".yaml", ".yml"].contains { last.hasSuffix($0) && last.count > $0.count }
    }
    guard isScenarioName(path), isScenarioName(resolved) else {
      return "'\(path)' is not a scenario file; extends names a .yaml or .yml file"
    }
    guard let kind = RegularFile.kind(atPath: path) else { return "no such scenario file '\(path)'" }
    guard kind == "a regular file" else { return "'\(path)' is \(kind), not a scenario file" }
    return nil
  }

  /// Why the scenario file `path` cannot be read, when it is a symbolic link to a file that
  /// is not named as a scenario (so that no message quotes, say, a system file), or `nil`.
  static func linkProblem(_ path: String, resolved: String) -> String? {
    let target = (resolved as NSString).lastPathComponent
    guard resolved != URL(fileURLWithPath: path).standardizedFileURL.path,
      ![".yaml", ".yml"].contains(where: { target.hasSuffix($0) && target.count > $0.count })
    else { return nil }
    return "is a link to '\(target)', which is not a .yaml or .yml scenario file"
  }

  /// The file name without folder and extension.
  public static func stem(of path: String) -> String {
    let last = (path as NSString).lastPathComponent
    for suffix in [".yaml", ".yml", ".json"] where last.hasSuffix(suffix) {
      return String(last.dropLast(suffix.count))
    }
    return last
  }
}

extension ConfigNode {
  /// The tree with every line-1 column moved right by `columns` (values parsed out of `--set`).
  func shifted(columns: Int) -> ConfigNode {
    var copy = self
    if copy.location.line == 1 { copy.location.column += columns }
    switch content {
    case .scalar: break
    case .sequence(let items): copy.content = .sequence(items.map { $0.shifted(columns: columns) })
    case .mapping(let entries):
      copy.content = .mapping(
        entries.map {
          var entry = $0
          if entry.keyLocation.line == 1 { entry.keyLocation.column += columns }
          entry.value = entry.value.shifted(columns: columns)
          return entry
        })
    }
    return copy
  }
}

extension ScenarioLoader {
  /// `loaded` with further `key.path=value` settings applied (as `--set` would), re-validated.
  ///
  /// Used by studies to derive variants; the settings are appended to the recorded overrides.
  public static func variant(of loaded: LoadedScenario, settings: [String], extensions: ScenarioExtensions = .init())
    throws(ScenarioError) -> LoadedScenario
  {
    var tree = loaded.tree
    var problems: [ScenarioProblem] = []
    for (index, text) in settings.enumerated() {
      switch parseOverride(text, index: loaded.overrides.count + index + 1) {
      case .failure(let error): problems += error.problems
      case .success(let override):
        do {
          tree = try tree.setting(override.value, at: override.path, keyLocation: override.location)
        } catch {
          problems.append(ScenarioProblem(location: override.location, path: error.path.description, message: error.message))
        }
      }
    }
    let (spec, typing) = decode(tree: tree, defaultName: loaded.spec.name, extensions: extensions)
    problems += typing
    guard problems.isEmpty else { throw ScenarioError(problems: problems) }
    return LoadedScenario(
      spec: spec, tree: tree, file: loaded.file, sources: loaded.sources,
      sourceDigests: loaded.sourceDigests, overrides: loaded.overrides + settings)
  }
}
