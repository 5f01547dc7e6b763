/// The identity and time columns every result row starts with, and their documentation.
enum Columns {
  static let docs: [String: MetricColumn] = [
    "scenario": MetricColumn("scenario", unit: "text", "the scenario's name"),
    "run_id": MetricColumn("run_id", unit: "text", "the run id (content hash of scenario, seed, replications)"),
    "replication": MetricColumn("replication", unit: "index", "replication number; draws from substream r of the seed"),
    "replications": MetricColumn("replications", unit: "count", "replications in the run"),
    "seed": MetricColumn("seed", unit: "integer", "the run's root seed"),
    "epoch": MetricColumn(
      "epoch", unit: "epochs", "network and neuron rows: block / base tempo (rounded down); subnet rows: the subnet's epoch counter"),
    "block": MetricColumn("block", unit: "blocks", "simulated block (12 s each)"),
    "day": MetricColumn("day", unit: "days", "block / 7200"),
    "netuid": MetricColumn("netuid", unit: "index", "subnet id (1…)"),
    "uid": MetricColumn("uid", unit: "index", "neuron slot within the subnet"),
  ]

  /// Documentation of `names` (identity or time columns).
  static func identityDocs(_ names: [String]) -> [MetricColumn] {
    names.map { docs[$0] ?? MetricColumn($0, unit: "", "") }
  }
}
