import Recording

/// A fully read and validated scenario: what to simulate (the model), for how long, with which
/// seed and replications, what to record, what to expect, and optionally a sweep or a study.
///
/// Built only by ``ScenarioLoader``, which reports every problem at once. ``resolved`` is the
/// canonical form with every default filled in: it goes into the manifest, and its hash names
/// the run.
public struct ScenarioSpec: @unchecked Sendable {
  /// Scenario format version (currently 1).
  public var formatVersion: Int
  /// Short name; names the results folder. Defaults to the file's stem; not inherited.
  public var name: String
  /// Free text.
  public var description: String
  /// Root seed; replication r draws from substream r of this seed.
  public var seed: UInt64
  /// Independent replications (substreams 0..<n).
  public var replications: Int
  /// Simulated time in days (1 day = 7 200 blocks).
  public var horizonDays: Double
  /// The model: network, emission policy, participants and attacks.
  public var model: ModelSpec
  /// What to record.
  public var record: RecordSpec
  /// Expectations checked by `taosim check`.
  public var expect: [ExpectClause]
  /// The sweep, if any.
  public var sweep: SweepSpec?
  /// The study, if any.
  public var study: StudyBlock?
  /// The canonical resolved scenario (every key, defaults filled in).
  public var resolved: JSONValue

  /// The horizon in blocks: round(days × 7 200), at least 1.
  public var horizonBlocks: Int64 { max(1, Int64((horizonDays * 7_200).rounded())) }

  /// The current format version.
  public static let currentFormatVersion = 1

  /// Reads the top-level mapping.
  static func read(_ reader: ObjectReader, defaultName: String, extensions: ScenarioExtensions) -> ScenarioSpec {
    let formatVersion = reader.integer(
      "format_version", default: 1, in: 1...currentFormatVersion, doc: "scenario format version; 1 is current")
    let name = reader.string(
      "name", default: defaultName,
      doc: "run name and results folder; defaults to the file name without .yaml; not inherited through extends",
      check: Self.nameProblem)
    if !reader.context.documenting, !reader.has("name"), let problem = Self.nameProblem(name) {
      reader.context.report(
        reader.value.location, KeyPath([.key("name")]),
        "the file name gives no valid run name (\(problem)); rename the file or set name:")
    }
    let description = reader.string("description", default: "", doc: "what the scenario is for")
    reader.context.document(
      KeyDoc(
        path: "extends", type: "text", unit: "", range: "", defaultValue: "(none)", kinds: "",
        doc: "path of a base scenario (relative to this file) that this file's keys deep-merge onto"))
    let seed = reader.integer(
      "seed", default: nil, in: 0...Int.max, doc: "root seed of every random stream; replication r uses substream r")
    let replications = reader.integer(
      "replications", default: 1, in: 1...100_000, doc: "independent replications (substreams 0..n-1)")
    let horizonDays = reader.number(
      "horizon_days", default: 30, in: .aboveZero(upTo: 36_500), unit: "days",
      doc: "simulated time; 1 day = 7200 blocks of 12 s")
    let model = ModelSpec.read(reader)
    let record = reader.object("record", doc: "which result files to write and how often") {
      RecordSpec.read($0, tempo: Int64(model.tempoBlocks))
    }
    let modelReadCleanly = reader.context.problems.isEmpty
    let expect = readExpect(reader, extensions: extensions)
    let sweep = reader.optionalObject("sweep", doc: "vary keys across runs (taosim sweep)", SweepSpec.read)
    let study = readStudy(reader, extensions: extensions)
    let spec = ScenarioSpec(
      formatVersion: formatVersion, name: name, description: description, seed: UInt64(seed),
      replications: replications, horizonDays: horizonDays, model: model, record: record, expect: expect,
      sweep: sweep, study: study, resolved: .object(reader.resolved))
    if !reader.context.documenting, modelReadCleanly {
      // Cross-key rules found when the model is built (e.g. validators + agents must fit in the
      // UIDs), each at the scenario entry it comes from.
      for problem in extensions.check(spec) { reader.context.report(problem) }
    }
    return spec
  }

  /// Why `name` cannot name a results folder, or `nil`.
  /// Every results-path name passes ``PathName/problem(_:)``; a written `name:` is held to the
  /// stricter style below as well.
  public static func nameProblem(_ name: String) -> String? {
    if let problem = PathName.problem(name) { return "'\(name)' is not a valid name: \(problem)" }
    let allowed = name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
    }
    guard !name.isEmpty, name.count <= 64, allowed, name.first != ".", name.first != "-" else {
      return "'\(name)' is not a valid name: use 1-64 lowercase letters, digits, '-', '_' or '.', not starting with '.' or '-'"
    }
    return nil
  }

  private static func readExpect(_ reader: ObjectReader, extensions: ScenarioExtensions) -> [ExpectClause] {
    let clauses: [ExpectClause?] = reader.list(
      "expect", doc: "clauses checked by taosim check, e.g. 'final.top10_validator_share <= 0.5' (see below)"
    ) { item in
      let (text, json) = item.string(default: nil, doc: "AGGREGATE.METRIC[.STATISTIC] OP NUMBER")
      guard json != nil else { return (nil, nil) }
      switch ExpectClause.parse(text) {
      case .failure(let error):
        item.report(error.message)
        return (nil, nil)
      case .success(let clause):
        if !extensions.metricNames.isEmpty, !reader.has("study"), !extensions.acceptsMetric(clause.metric) {
          item.report(
            "unknown metric '\(clause.metric)'\(ValueReader.suggestion(clause.metric, extensions.metricNames)); see taosim describe metrics")
          return (nil, nil)
        }
        return (clause, .string(clause.text))
      }
    }
    return clauses.compactMap { $0 }
  }

  private static func readStudy(_ reader: ObjectReader, extensions: ScenarioExtensions) -> StudyBlock? {
    let variants = extensions.studies.map { kind in
      TaggedVariant<(String, any Sendable)>(kind.kind, doc: kind.summary) { object in (kind.kind, kind.read(object)) }
    }
    let field = reader.field("study")
    if reader.context.documenting {
      _ = field.tagged(doc: "run a study instead of a plain simulation (kind-tagged)", default: nil, variants: variants)
      return nil
    }
    guard let node = field.node, !node.isNull else { return nil }
    let (result, json) = field.tagged(doc: "a study", default: nil, variants: variants)
    reader.store("study", json)
    guard let (kind, parameters) = result, let json else { return nil }
    return StudyBlock(kind: kind, parameters: parameters, resolved: json, origin: field.origin)
  }
}
