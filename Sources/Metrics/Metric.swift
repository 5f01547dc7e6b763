import SimStats

/// The tables a run writes rows to.
public enum MetricTable: String, Sendable, CaseIterable {
  /// `network.csv`: one row per network record.
  case network
  /// `subnets.csv`: one row per subnet epoch record.
  case subnet
  /// `neurons.csv`: one row per neuron snapshot.
  case neuron
}

/// How one replication's series of a metric is reduced to one number; `summary.csv` combines each
/// reduction over replications (n, mean, sd, an interval that respects the bounds, min, max).
public enum SeriesAggregate: String, Sendable, CaseIterable {
  case final, mean, min, max
}

/// One recorded column, declared once: name, table, unit, meaning, bounds, how it aggregates over
/// replications, and how its value is computed from a row of its table. The CSV header, the row
/// values, `taosim describe metrics`, `summary.csv` and `expect:` all derive from these.
public struct Metric<Row>: Sendable {
  /// The column name (snake_case, with the unit in the name where it is not obvious).
  public let name: String
  public let table: MetricTable
  /// `share` (0…1), `count`, `TAO`, `alpha`, `TAO/alpha`, `ratio`, `1/year`, `blocks`, ….
  public let unit: String
  /// One-line meaning.
  public let doc: String
  /// The values the metric can take (intervals of its mean respect them).
  public let bounds: ValueBounds
  /// The per-replication reductions `summary.csv` reports.
  public let aggregates: [SeriesAggregate]
  /// Whether the value is what the last epochs paid (dividend and emission shares, incentive
  /// ranks, copier dividends, yields), undefined in the genesis row before any epoch.
  public let paidByEpochs: Bool
  /// The value in a row (`nil` = undefined, an empty field).
  public let value: @Sendable (Row) -> Double?

  /// A column; `bounds` defaults to what the unit implies (``MetricUnit/defaultBounds(unit:)``).
  public init(
    _ name: String, _ table: MetricTable, unit: String, _ doc: String, bounds: ValueBounds? = nil,
    aggregates: [SeriesAggregate] = SeriesAggregate.allCases, paidByEpochs: Bool = false,
    value: @escaping @Sendable (Row) -> Double?
  ) {
    self.name = name
    self.table = table
    self.unit = unit
    self.doc = doc
    self.bounds = bounds ?? MetricUnit.defaultBounds(unit: unit)
    self.aggregates = aggregates
    self.paidByEpochs = paidByEpochs
    self.value = value
  }

  /// The same column reading its value from a `Wider` row through `path`.
  public func reading<Wider>(_ path: KeyPath<Wider, Row> & Sendable) -> Metric<Wider> {
    let value = self.value
    return Metric<Wider>(name, table, unit: unit, doc, bounds: bounds, aggregates: aggregates, paidByEpochs: paidByEpochs) {
      value($0[keyPath: path])
    }
  }
}

extension Metric where Row == NetworkRow {
  /// The column with an empty field in the genesis row (block 0) when it is ``paidByEpochs``, so
  /// time means start at the first epoch instead of counting a false zero.
  func emptyAtGenesis() -> Metric {
    guard paidByEpochs else { return self }
    let value = self.value
    return Metric(name, table, unit: unit, doc, bounds: bounds, aggregates: aggregates, paidByEpochs: true) {
      $0.record.block > 0 ? value($0) : nil
    }
  }
}

/// A text-valued column (written before the numeric ones of its table).
public struct TextMetric<Row>: Sendable {
  public let name: String
  public let table: MetricTable
  public let doc: String
  public let text: @Sendable (Row) -> String

  public init(_ name: String, _ table: MetricTable, _ doc: String, text: @escaping @Sendable (Row) -> String) {
    self.name = name
    self.table = table
    self.doc = doc
    self.text = text
  }
}

/// What a metric's unit implies.
public enum MetricUnit {
  /// [0, 1] for `share` and `flag`; [0, ∞) for counts, TAO and alpha amounts, prices, blocks and
  /// days; unbounded otherwise.
  public static func defaultBounds(unit: String) -> ValueBounds {
    switch unit {
    case "share", "flag": .unitInterval
    // Counts, amounts (balances, reserves, issuance) and prices cannot be negative.
    case "count", "TAO", "alpha", "TAO/alpha", "blocks", "days": .nonNegative
    default: .unbounded
    }
  }
}
