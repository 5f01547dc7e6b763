import Metrics
import Recording
import ScenarioIO
import SimStats

/// One column of a result table: its name (snake_case, with the unit in the name where it is
/// not obvious), unit and meaning.
public struct MetricColumn: Sendable, Equatable {
  public var name: String
  /// `share` (0…1), `count`, `TAO`, `alpha`, `TAO/alpha`, `ratio`, `1/year`, `blocks`, ….
  public var unit: String
  /// One-line meaning.
  public var summary: String
  /// The values the metric can take; intervals of its mean (and of paired differences) respect
  /// them (``Statistics/boundedMean(_:bounds:level:)``).
  public var bounds: ValueBounds
  /// The per-replication reductions `summary.csv` reports (every one unless declared otherwise).
  public var aggregates: [SeriesAggregate] = SeriesAggregate.allCases

  /// A column; `bounds` defaults to what the unit implies (``MetricUnit/defaultBounds(unit:)``),
  /// so only a metric whose unit says less (a Gini index, a correlation) names its bounds.
  public init(_ name: String, unit: String, _ summary: String, bounds: ValueBounds? = nil) {
    self.name = name
    self.unit = unit
    self.summary = summary
    self.bounds = bounds ?? MetricUnit.defaultBounds(unit: unit)
  }

  /// The documentation of a catalogue column (``MetricCatalog``), without its value.
  public init<Row>(_ metric: Metric<Row>) {
    self.init(metric.name, unit: metric.unit, metric.doc, bounds: metric.bounds)
    aggregates = metric.aggregates
  }

  /// The documentation of a catalogue text column.
  public init<Row>(_ metric: TextMetric<Row>) {
    self.init(metric.name, unit: "text", metric.doc)
  }

  /// Whether the invariants treat the column as a share that must lie in [0, 1].
  public var isShare: Bool { unit == "share" }
  /// Whether the invariants treat the column as a count that must be ≥ 0.
  public var isCount: Bool { unit == "count" }
  /// Whether integral values are written without a fraction (counts, flags, indices, blocks).
  public var isWhole: Bool { ["count", "flag", "index", "blocks"].contains(unit) }

  /// `value` in the column's fixed text form: whole-valued columns as integers when the value
  /// is integral, everything else by ``CSVFormat/number(_:)``; `nil` is an empty field.
  public func format(_ value: Double?) -> String {
    guard let value else { return "" }
    if isWhole, value == value.rounded(), abs(value) < 9.0e15 { return String(Int64(value)) }
    return CSVFormat.number(value)
  }
}

/// The columns a kernel reports at each level, after the identity and time columns.
public struct RecordSchema: Sendable, Equatable {
  /// `network.csv`: one row per network record.
  public var network: [MetricColumn]
  /// `subnets.csv`: one row per subnet epoch record.
  public var subnet: [MetricColumn]
  /// `neurons.csv`: one row per neuron snapshot (text-valued columns are listed in ``neuronText``).
  public var neuron: [MetricColumn]
  /// Neuron columns holding text (written before the numeric ones).
  public var neuronText: [MetricColumn]

  public init(network: [MetricColumn], subnet: [MetricColumn], neuron: [MetricColumn], neuronText: [MetricColumn] = []) {
    self.network = network
    self.subnet = subnet
    self.neuron = neuron
    self.neuronText = neuronText
  }
}

/// When a record was taken: the record's epoch number, its block and (derived) its day.
public struct RecordTime: Sendable, Equatable {
  /// For network rows, ⌊block / tempo⌋ with the scenario's base tempo; for subnet and neuron
  /// rows, the subnet's own epoch counter.
  public var epoch: Int64
  /// The block (12 s each).
  public var block: Int64

  public init(epoch: Int64, block: Int64) {
    self.epoch = epoch
    self.block = block
  }

  /// Days since the start: block / 7 200.
  public var day: Double { Double(block) / 7_200 }
}

/// Receives one replication's records as the simulation produces them.
///
/// Values are parallel to the kernel's ``RecordSchema`` columns; `nil` marks a value that is
/// undefined at that record (written as an empty field).
public protocol RecordSink: AnyObject {
  func network(_ time: RecordTime, _ values: [Double?]) throws
  func subnet(_ time: RecordTime, netuid: Int, _ values: [Double?]) throws
  func neuron(_ time: RecordTime, netuid: Int, uid: Int, text: [String], _ values: [Double?]) throws
  /// The replication's health counts, reported once at its end (kernels without a World may
  /// report none).
  func health(_ health: RunHealth)
}

extension RecordSink {
  public func health(_ health: RunHealth) {}
}

/// Turns a resolved scenario, a root seed and a replication index into record streams.
///
/// The only seam between the experiment layer and the model: `WorldKernel` runs the World;
/// tests plug in small kernels. A kernel must be deterministic in (scenario, seed,
/// replication) and must not share mutable state between calls (replications run in parallel).
public protocol RunKernel: Sendable {
  /// The columns this kernel reports for `scenario`.
  func schema(for scenario: ScenarioSpec) -> RecordSchema
  /// Every column the kernel can report (for `describe metrics`).
  var catalog: RecordSchema { get }
  /// Whether an `expect:` clause may name `metric`: a network column some run of this kernel can
  /// write (by default, one of ``catalog``'s).
  func acceptsMetric(_ metric: String) -> Bool
  /// Runs replication `replication` of `scenario` from `rootSeed`, streaming records to `sink`.
  func run(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int, sink: any RecordSink) throws
  /// Builds replication `replication`'s starting state without running it, throwing what
  /// ``run(_:rootSeed:replication:sink:)`` would throw before its first step (so validation
  /// refuses exactly what a run would refuse, before anything is written).
  func preflight(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int) throws
  /// What `scenario` allows but probably does not mean, each at its scenario entry (printed by
  /// `validate` and `run`; never a reason to refuse).
  func warnings(_ scenario: ScenarioSpec) -> [ScenarioProblem]
}

extension RunKernel {
  public func acceptsMetric(_ metric: String) -> Bool { catalog.network.contains { $0.name == metric } }

  /// Nothing to check by default.
  public func preflight(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int) throws {}

  /// No warnings by default.
  public func warnings(_ scenario: ScenarioSpec) -> [ScenarioProblem] { [] }
}
