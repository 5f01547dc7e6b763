import Recording

/// Shared state of one typing pass over a scenario tree: the problems found so far and, in
/// documentation mode, the description of every key the spec types read.
///
/// In documentation mode the readers see no document at all; every accessor records a
/// ``KeyDoc`` and returns its default, and tagged values visit every kind, so the schema of
/// the whole format is produced by the same code that reads it (`taosim describe keys`,
/// `Scenarios/README.md`).
public final class SpecContext {
  /// Problems in discovery order (``ScenarioError`` sorts them).
  public private(set) var problems: [ScenarioProblem] = []
  /// True when collecting documentation instead of reading a document.
  public let documenting: Bool
  /// Documented keys, in reading order (documentation mode only).
  public private(set) var keyDocs: [KeyDoc] = []
  private var documented = Set<String>()
  /// Where problems about a missing top-level key point.
  public let documentStart: SourceLocation

  public init(documentStart: SourceLocation, documenting: Bool = false) {
    self.documentStart = documentStart
    self.documenting = documenting
  }

  /// Records a problem.
  public func report(_ location: SourceLocation, _ path: KeyPath, _ message: String) {
    guard !documenting else { return }
    problems.append(ScenarioProblem(location: location, path: path.description, message: message))
  }

  /// Records a problem located elsewhere (by a check of the layers above, at a ``SpecOrigin``).
  public func report(_ problem: ScenarioProblem) {
    guard !documenting else { return }
    problems.append(problem)
  }

  /// Records a key's documentation once.
  func document(_ doc: KeyDoc) {
    guard documenting, documented.insert(doc.path + "|" + doc.kinds).inserted else { return }
    keyDocs.append(doc)
  }
}

/// The documentation of one scenario key, as `taosim describe keys` prints it.
public struct KeyDoc: Sendable, Equatable {
  /// Key path pattern (`network.subnets`, `attacks[].kind`).
  public var path: String
  /// Value type in words (`integer`, `number`, `true/false`, `text`, `one of: a, b`, `mapping`, `list`).
  public var type: String
  /// Unit, or empty.
  public var unit: String
  /// Allowed range, or empty.
  public var range: String
  /// Default value as YAML text, `required`, or `(none)` for optional blocks.
  public var defaultValue: String
  /// For tagged values, the kinds; for a kind's own parameters, `kind: x`.
  public var kinds: String
  /// One-line meaning, with the spec section where the model defines it.
  public var doc: String
}

/// A numeric interval with open or closed ends, used for validation and documentation.
public struct NumberRange: Sendable {
  public var lower: Double
  public var upper: Double
  public var lowerOpen: Bool
  public var upperOpen: Bool

  /// `[lower, upper]`.
  public static func closed(_ lower: Double, _ upper: Double) -> NumberRange {
    NumberRange(lower: lower, upper: upper, lowerOpen: false, upperOpen: false)
  }
  /// `(lower, upper]`.
  public static func aboveZero(upTo upper: Double) -> NumberRange {
    NumberRange(lower: 0, upper: upper, lowerOpen: true, upperOpen: false)
  }

  public func contains(_ value: Double) -> Bool {
    (lowerOpen ? value > lower : value >= lower) && (upperOpen ? value < upper : value <= upper)
  }

  public var description: String {
    "\(lowerOpen ? "(" : "[")\(Self.text(lower)), \(Self.text(upper))\(upperOpen ? ")" : "]")"
  }

  /// Short decimal text of a bound or default (integers without a fraction).
  public static func text(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return CSVFormat.number(value)
  }
}
