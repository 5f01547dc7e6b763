import Metrics
import ScenarioIO
import Simulation

/// The production kernel: builds a ``World`` from the scenario's ``WorldConfig`` and streams its
/// network, subnet and neuron records into tidy columns. Every column, its documentation and its
/// value come from one declaration in ``MetricCatalog``.
///
/// Column names carry units where they are not obvious (`_tao`, `_alpha`); shares are in
/// [0, 1]; yield columns are network-wide and per validator class (`tao_apy_honest_validator_30d`,
/// `alpha_apr_attacker_<name>_run`).
public struct WorldKernel: RunKernel {
  public init() {}

  public var catalog: RecordSchema { schema(classes: MetricCatalog.documentedClasses) }

  public func schema(for scenario: ScenarioSpec) -> RecordSchema {
    schema(classes: MetricCatalog.classes(WorldBuilder.config(scenario)))
  }

  /// Fixed network columns and every per-class yield column the rule can produce.
  public func acceptsMetric(_ metric: String) -> Bool { MetricCatalog.isNetworkColumn(metric) }

  func schema(classes: [String]) -> RecordSchema {
    RecordSchema(
      network: MetricCatalog.network(classes: classes).map(MetricColumn.init),
      subnet: MetricCatalog.subnet.map(MetricColumn.init),
      neuron: MetricCatalog.neuron.map(MetricColumn.init),
      neuronText: MetricCatalog.neuronText.map(MetricColumn.init))
  }

  public func run(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int, sink: any RecordSink) throws {
    let config = WorldBuilder.config(scenario)
    var world = try genesis(scenario, rootSeed: rootSeed, replication: replication)
    var observer = SinkObserver(
      sink: sink, classes: MetricCatalog.classes(config), tempo: max(1, config.hyperparameters.tempo))
    let summary = world.run(observer: &observer)
    if let error = observer.state.error { throw error }
    try Self.check(summary, run: scenario.name, replication: replication)
    let counters = summary.counters
    sink.health(
      RunHealth(
        events: counters.events, epochs: counters.epochs, failedEpochs: counters.failedEpochs,
        refusedActions: counters.actionsRefused, invariantChecks: counters.invariantChecks,
        violations: counters.invariantViolations))
  }
}

extension WorldKernel {
  /// Builds the World's genesis (the World's own checks, then block-0 state) and discards it.
  public func preflight(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int) throws {
    _ = try genesis(scenario, rootSeed: rootSeed, replication: replication)
  }

  public func warnings(_ scenario: ScenarioSpec) -> [ScenarioProblem] {
    WorldBuilder.warnings(WorldBuilder.config(scenario), of: scenario)
  }

  func genesis(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int) throws -> World {
    try Self.world(WorldBuilder.config(scenario), rootSeed: rootSeed, replication: replication)
  }
}

/// Adapts the World's records to rows: each value is computed by its column's own declaration
/// (``Metric/value``), so a header and its values cannot drift apart. The first write error is
/// kept and rethrown after the run.
struct SinkObserver: RecordObserver {
  final class State {
    var error: (any Error)?
  }

  let sink: any RecordSink
  let tempo: Int64
  let state = State()
  let window: YieldWindow
  let network: [Metric<NetworkRow>]
  let subnet: [Metric<SubnetEpochRecord>]

  init(sink: any RecordSink, classes: [String], tempo: Int64) {
    self.sink = sink
    self.tempo = tempo
    self.window = YieldWindow(tempo: tempo)
    self.network = MetricCatalog.network(classes: classes)
    self.subnet = MetricCatalog.subnet
  }

  private func attempt(_ body: () throws -> Void) {
    guard state.error == nil else { return }
    do { try body() } catch { state.error = error }
  }

  mutating func record(_ r: NetworkEpochRecord) {
    let rates = window.classRates(r.yields)
    let row = NetworkRow(
      record: r, run: rates.run, window: rates.window, classRun: rates.classRun, classWindow: rates.classWindow)
    let values = network.map { $0.value(row) }
    attempt { try sink.network(RecordTime(epoch: r.block / tempo, block: r.block), values) }
  }

  mutating func record(_ r: SubnetEpochRecord) {
    let values = subnet.map { $0.value(r) }
    attempt { try sink.subnet(RecordTime(epoch: r.epochIndex, block: r.block), netuid: r.subnet, values) }
  }

  mutating func record(_ r: NeuronRecord) {
    let values = MetricCatalog.neuron.map { $0.value(r) }
    let text = MetricCatalog.neuronText.map { $0.text(r) }
    attempt {
      try sink.neuron(RecordTime(epoch: r.block / tempo, block: r.block), netuid: r.subnet, uid: r.uid, text: text, values)
    }
  }
}
