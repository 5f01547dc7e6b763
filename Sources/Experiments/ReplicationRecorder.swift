import Foundation
import Recording
import ScenarioIO

/// What one replication leaves behind once its records are on disk: the part files and the
/// per-series reductions for `summary.csv`.
struct ReplicationResult: Sendable {
  var replication: Int
  /// Network metrics, parallel to the schema's network columns.
  var network: [SeriesSummary]
  /// Subnet metrics by netuid (ascending), parallel to the schema's subnet columns.
  var subnets: [(netuid: Int, series: [SeriesSummary])]
  /// What the kernel reported about the replication's World, if anything.
  var health: RunHealth?
}

/// The ``RecordSink`` of one replication: streams rows into header-less part files in the run's
/// staging folder and keeps running reductions; memory stays flat in the number of records.
final class ReplicationRecorder: RecordSink {
  static let identityColumns = ["scenario", "run_id", "replication", "seed"]
  static let timeColumns = ["epoch", "block", "day"]

  let replication: Int
  let schema: RecordSchema
  private let prefix: String
  private let networkFile: CSVFile
  private let subnetFile: CSVFile?
  private let neuronFile: CSVFile?
  private var networkSeries: [SeriesSummary]
  private var subnetSeries: [Int: [SeriesSummary]] = [:]
  private var reportedHealth: RunHealth?

  init(run: PlannedRun, replication: Int, schema: RecordSchema, staging: URL) throws {
    self.replication = replication
    self.schema = schema
    prefix = CSVFormat.line([run.name, run.runID, String(replication), String(run.seed)])
    let record = run.scenario.spec.record
    networkFile = try CSVFile(
      destination: Self.part("network", replication, in: staging), columns: Self.networkColumns(schema), header: false)
    subnetFile =
      record.subnetEveryEpochs > 0
      ? try CSVFile(
        destination: Self.part("subnets", replication, in: staging), columns: Self.subnetColumns(schema), header: false)
      : nil
    neuronFile =
      record.neuronEveryEpochs > 0
      ? try CSVFile(
        destination: Self.part("neurons", replication, in: staging), columns: Self.neuronColumns(schema), header: false)
      : nil
    networkSeries = Array(repeating: SeriesSummary(), count: schema.network.count)
  }

  static func part(_ table: String, _ replication: Int, in staging: URL) -> URL {
    staging.appendingPathComponent("\(table).\(replication).part")
  }

  static func networkColumns(_ schema: RecordSchema) -> [String] {
    identityColumns + timeColumns + schema.network.map(\.name)
  }
  static func subnetColumns(_ schema: RecordSchema) -> [String] {
    identityColumns + timeColumns + ["netuid"] + schema.subnet.map(\.name)
  }
  static func neuronColumns(_ schema: RecordSchema) -> [String] {
    identityColumns + timeColumns + ["netuid", "uid"] + schema.neuronText.map(\.name) + schema.neuron.map(\.name)
  }

  private func row(_ time: RecordTime, _ keys: [String], _ columns: [MetricColumn], _ values: [Double?]) -> [String] {
    var fields = [String(time.epoch), String(time.block), CSVFormat.number(time.day)] + keys
    fields.reserveCapacity(fields.count + values.count)
    for (column, value) in zip(columns, values) { fields.append(column.format(value)) }
    return fields
  }

  func network(_ time: RecordTime, _ values: [Double?]) throws {
    precondition(values.count == schema.network.count, "network record has \(values.count) values")
    try networkFile.append(prefixed: prefix, row(time, [], schema.network, values))
    for index in values.indices { networkSeries[index].add(values[index]) }
  }

  func subnet(_ time: RecordTime, netuid: Int, _ values: [Double?]) throws {
    precondition(values.count == schema.subnet.count, "subnet record has \(values.count) values")
    guard let subnetFile else { return }
    try subnetFile.append(prefixed: prefix, row(time, [String(netuid)], schema.subnet, values))
    var series = subnetSeries[netuid] ?? Array(repeating: SeriesSummary(), count: schema.subnet.count)
    for index in values.indices { series[index].add(values[index]) }
    subnetSeries[netuid] = series
  }

  func neuron(_ time: RecordTime, netuid: Int, uid: Int, text: [String], _ values: [Double?]) throws {
    precondition(values.count == schema.neuron.count && text.count == schema.neuronText.count, "neuron record shape")
    guard let neuronFile else { return }
    try neuronFile.append(prefixed: prefix, row(time, [String(netuid), String(uid)] + text, schema.neuron, values))
  }

  func health(_ health: RunHealth) { reportedHealth = health }

  /// Commits the part files and returns the reductions.
  func finish() throws -> ReplicationResult {
    try networkFile.commit()
    try subnetFile?.commit()
    try neuronFile?.commit()
    let subnets = subnetSeries.keys.sorted().map { (netuid: $0, series: subnetSeries[$0]!) }
    return ReplicationResult(replication: replication, network: networkSeries, subnets: subnets, health: reportedHealth)
  }

  /// Drops the unfinished part files.
  func discard() {
    networkFile.discard()
    subnetFile?.discard()
    neuronFile?.discard()
  }
}
