/// A scenario's `record:` block: which result files to write and how often.
public struct RecordSpec: Sendable, Equatable {
  /// Write a row every this many epochs (the last epoch is always written).
  public var everyEpochs: Int
  /// Write `subnets.csv`.
  public var subnets: Bool
  /// Write `neurons.csv` every this many epochs; 0 = do not write it.
  public var neuronsEveryEpochs: Int

  public init(everyEpochs: Int = 1, subnets: Bool = true, neuronsEveryEpochs: Int = 0) {
    self.everyEpochs = everyEpochs
    self.subnets = subnets
    self.neuronsEveryEpochs = neuronsEveryEpochs
  }

  static func read(_ reader: ObjectReader) -> RecordSpec {
    RecordSpec(
      everyEpochs: reader.integer(
        "every_epochs", default: 1, in: 1...1_000_000, unit: "epochs",
        doc: "network.csv and subnets.csv get a row every this many epochs (and at the last epoch)"),
      subnets: reader.boolean("subnets", default: true, doc: "write subnets.csv (one row per subnet per recorded epoch)"),
      neuronsEveryEpochs: reader.integer(
        "neurons_every_epochs", default: 0, in: 0...1_000_000, unit: "epochs",
        doc: "write neurons.csv (one row per UID) every this many epochs; 0 = off"))
  }
}
