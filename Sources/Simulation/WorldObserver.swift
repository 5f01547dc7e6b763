import NetworkModel

/// Receives read-only views of the World as a run makes them, so memory stays flat in the number
/// of epochs. The World decides when (the record cadence) and hands the state as it stands; it
/// computes no metric (the `Metrics` module does, from these views). Every method has a default
/// that ignores the view.
public protocol WorldObserver {
  /// The network at a record tick (the genesis record at block 0, then every `recording.networkEveryBlocks` blocks), with every
  /// subnet's emission accrued to the block. Recording is a pure read: the cadence never changes
  /// the run's economics.
  mutating func observe(network view: WorldView)
  /// Subnet `netuid` right after its epoch (every `recording.subnetEveryEpochs` epochs).
  mutating func observe(subnet netuid: Int, in view: WorldView)
  /// Subnet `netuid`'s neurons right after its epoch (every `recording.neuronEveryEpochs` epochs).
  mutating func observe(neuronsOf netuid: Int, in view: WorldView)
}

extension WorldObserver {
  public mutating func observe(network view: WorldView) {}
  public mutating func observe(subnet netuid: Int, in view: WorldView) {}
  public mutating func observe(neuronsOf netuid: Int, in view: WorldView) {}
}

/// An observer that ignores everything.
public struct NullObserver: WorldObserver {
  public init() {}
}
