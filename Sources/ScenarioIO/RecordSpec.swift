/// A scenario's `record:` block: which result files to write and how often.
public struct RecordSpec: Sendable, Equatable {
  /// A `network.csv` row every this many blocks (7 200 = daily).
  public var networkEveryBlocks: Int
  /// A `subnets.csv` row after every this many of a subnet's epochs; 0 = no `subnets.csv`.
  public var subnetEveryEpochs: Int
  /// `neurons.csv` rows (every UID) after every this many of a subnet's epochs; 0 = no file.
  public var neuronEveryEpochs: Int

  public init(networkEveryBlocks: Int = 7_200, subnetEveryEpochs: Int = 1, neuronEveryEpochs: Int = 0) {
    self.networkEveryBlocks = networkEveryBlocks
    self.subnetEveryEpochs = subnetEveryEpochs
    self.neuronEveryEpochs = neuronEveryEpochs
  }

  static func read(_ reader: ObjectReader) -> RecordSpec {
    RecordSpec(
      networkEveryBlocks: reader.integer(
        "network_every_blocks", default: 7_200, in: 1...52_560_000, unit: "blocks",
        doc: "a network.csv row every this many blocks (7200 = one day)"),
      subnetEveryEpochs: reader.integer(
        "subnet_every_epochs", default: 1, in: 0...1_000_000, unit: "epochs",
        doc: "a subnets.csv row after every this many of each subnet's epochs; 0 = no subnets.csv"),
      neuronEveryEpochs: reader.integer(
        "neuron_every_epochs", default: 0, in: 0...1_000_000, unit: "epochs",
        doc: "neurons.csv rows (one per UID) after every this many of a subnet's epochs; 0 = no neurons.csv"))
  }
}
