/// Where a value came from: a file (or a `--set` argument), a line and a column, both from 1.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The file path as the user gave it, or `<--set N>` for the N-th override.
  public var file: String
  /// Line number, from 1.
  public var line: Int
  /// Column number in Unicode scalars, from 1.
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `FILE:LINE:COLUMN`.
  public var description: String { "\(file):\(line):\(column)" }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}

/// One thing wrong with a scenario, printed as `FILE:LINE:COLUMN: key.path: what is wrong`.
public struct ScenarioProblem: Sendable, Hashable, CustomStringConvertible {
  /// Where the offending value (or the mapping that lacks a key) is.
  public var location: SourceLocation
  /// The dotted key path (`network.subnets`, `attacks[1].kind`); `(document)` for the whole file.
  public var path: String
  /// What is wrong, in words.
  public var message: String

  public init(location: SourceLocation, path: String, message: String) {
    self.location = location
    self.path = path
    self.message = message
  }

  public var description: String { "\(location): \(path): \(message)" }
}

/// Every problem found in a scenario and its overrides; thrown by the loader.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
  /// The problems, sorted by file, line and column.
  public var problems: [ScenarioProblem]

  public init(problems: [ScenarioProblem]) {
    var seen = Set<ScenarioProblem>()
    self.problems = problems.sorted { ($0.location, $0.path, $0.message) < ($1.location, $1.path, $1.message) }
      .filter { seen.insert($0).inserted }
  }

  /// One problem per line.
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
