import Simulation

/// An observer of measured records: it receives the World's views as ``NetworkEpochRecord``,
/// ``SubnetEpochRecord`` and ``NeuronRecord`` values computed here, outside the World. Every
/// method has a default that ignores the record.
public protocol RecordObserver: WorldObserver {
  /// A network-wide record (every `recording.networkEveryBlocks` blocks).
  mutating func record(_ record: NetworkEpochRecord)
  /// A per-subnet record after the subnet's epoch (every `recording.subnetEveryEpochs` epochs).
  mutating func record(_ record: SubnetEpochRecord)
  /// One neuron's state after its subnet's epoch (every `recording.neuronEveryEpochs` epochs).
  mutating func record(_ record: NeuronRecord)
}

extension RecordObserver {
  public mutating func record(_ record: NetworkEpochRecord) {}
  public mutating func record(_ record: SubnetEpochRecord) {}
  public mutating func record(_ record: NeuronRecord) {}

  public mutating func observe(network view: WorldView) { record(view.networkRecord()) }
  public mutating func observe(subnet netuid: Int, in view: WorldView) { record(view.subnetRecord(netuid)) }
  public mutating func observe(neuronsOf netuid: Int, in view: WorldView) {
    for neuron in view.neuronRecords(netuid) { record(neuron) }
  }
}

/// An observer that keeps every record in memory (tests, small runs, studies).
public struct CollectingObserver: RecordObserver {
  public var network: [NetworkEpochRecord] = []
  public var subnets: [SubnetEpochRecord] = []
  public var neurons: [NeuronRecord] = []
  public init() {}
  public mutating func record(_ record: NetworkEpochRecord) { network.append(record) }
  public mutating func record(_ record: SubnetEpochRecord) { subnets.append(record) }
  public mutating func record(_ record: NeuronRecord) { neurons.append(record) }
}
