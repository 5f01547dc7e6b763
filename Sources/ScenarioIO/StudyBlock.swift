import Recording

/// A scenario's `study:` block: a kind-tagged study (retention, copier…) and its typed
/// parameters, decoded by the study's own reader (registered through ``ScenarioExtensions``).
public struct StudyBlock: @unchecked Sendable {
  /// The study kind (`retention`, `copier`, …).
  public var kind: String
  /// The parameters as the study's reader returned them (the study casts them back).
  public var parameters: any Sendable
  /// The resolved block (kind plus every parameter with defaults filled in).
  public var resolved: JSONValue
  /// Where the block was written.
  public var origin: SpecOrigin
}

/// How a study kind reads its `study:` block; supplied by the layer that implements studies.
public struct StudyKindReader: Sendable {
  public var kind: String
  public var summary: String
  public var read: @Sendable (ObjectReader) -> any Sendable

  public init(kind: String, summary: String, read: @escaping @Sendable (ObjectReader) -> any Sendable) {
    self.kind = kind
    self.summary = summary
    self.read = read
  }
}

/// What the layers above ScenarioIO add to the format: study kinds, the metric names that
/// `expect:` clauses may name, and the checks made when the model is built.
public struct ScenarioExtensions: Sendable {
  public var studies: [StudyKindReader]
  /// Known metric names (offered as suggestions); empty = do not check names at load time.
  public var metricNames: [String]
  /// Whether a clause may name a metric (default: one of ``metricNames``); a catalogue with
  /// rule-made columns (`<yield>_<class>_<window>`) accepts more names than it lists.
  public var acceptsMetric: @Sendable (String) -> Bool
  /// Problems found when the scenario's model (and study) is built, each at its ``SpecOrigin``;
  /// called once a scenario's model and record blocks read without problems. Default none.
  public var check: @Sendable (ScenarioSpec) -> [ScenarioProblem]

  public init(
    studies: [StudyKindReader] = [], metricNames: [String] = [], acceptsMetric: (@Sendable (String) -> Bool)? = nil,
    check: @escaping @Sendable (ScenarioSpec) -> [ScenarioProblem] = { _ in [] }
  ) {
    self.studies = studies
    self.metricNames = metricNames
    self.acceptsMetric = acceptsMetric ?? { metricNames.contains($0) }
    self.check = check
  }
}
