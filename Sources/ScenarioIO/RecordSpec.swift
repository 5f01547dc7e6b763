/// A scenario's `record:` block: which result files to write and how often.
public struct RecordSpec: Sendable, Equatable {
  /// A `network.csv` row every this many blocks (7 200 = daily), the first at block 0 (the
  /// genesis row, before any epoch).
  public var networkEveryBlocks: Int
  /// A `subnets.csv` row after every this many of a subnet's epochs; 0 = no `subnets.csv`.
  /// Defaults to one row per subnet per simulated day (``dailyEpochs(tempo:)``).
  public var subnetEveryEpochs: Int
  /// `neurons.csv` rows (every UID) after every this many of a subnet's epochs; 0 = no file.
  public var neuronEveryEpochs: Int

  public init(networkEveryBlocks: Int = 7_200, subnetEveryEpochs: Int = 20, neuronEveryEpochs: Int = 0) {
    self.networkEveryBlocks = networkEveryBlocks
    self.subnetEveryEpochs = subnetEveryEpochs
    self.neuronEveryEpochs = neuronEveryEpochs
  }

  /// The subnet epochs in one simulated day at `tempo` blocks per epoch: max(1, ⌊7 200 / tempo⌋)
  /// (20 at the default tempo of 360), the default of `record.subnet_every_epochs`.
  public static func dailyEpochs(tempo: Int64) -> Int { Int(max(1, 7_200 / max(1, tempo))) }

  /// Reads `record:`; `tempo` is the scenario's base tempo (`network.hyperparameters.tempo_blocks`),
  /// which sets the daily default of `subnet_every_epochs` (a subnet whose tempo is overridden
  /// keeps that epoch count, so its rows are daily only when its tempo equals the base one).
  static func read(_ reader: ObjectReader, tempo: Int64) -> RecordSpec {
    RecordSpec(
      networkEveryBlocks: reader.integer(
        "network_every_blocks", default: 7_200, in: 1...52_560_000, unit: "blocks",
        doc: "a network.csv row every this many blocks (7200 = one day), the first at block 0 (genesis)"),
      subnetEveryEpochs: reader.integer(
        "subnet_every_epochs", default: dailyEpochs(tempo: tempo), in: 0...1_000_000, unit: "epochs",
        doc: "a subnets.csv row after every this many of each subnet's epochs (default: one a day); 0 = no subnets.csv",
        defaultText: "max(1, 7200 / tempo_blocks)"),
      neuronEveryEpochs: reader.integer(
        "neuron_every_epochs", default: 0, in: 0...1_000_000, unit: "epochs",
        doc: "neurons.csv rows (one per UID) after every this many of a subnet's epochs; 0 = no neurons.csv"))
  }
}
