/// Names one independent random stream: the run's root seed, what the draws are for, for which
/// entity, and in which replication.
///
/// Keys are stable names and numbers, never allocation order, so adding an agent or a subnet
/// cannot shift the numbers any other component draws (ns-3's seed/stream/substream scheme).
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
  /// The run's root seed.
  public var rootSeed: UInt64
  /// What the draws are for, e.g. `"miner.utility"` or `"agent.copier"`.
  public var purpose: String
  /// The entity the stream belongs to (a subnet, a UID slot, an agent index…).
  public var entity: UInt64
  /// The replication number (a substream of the same world).
  public var replication: UInt64

  public init(rootSeed: UInt64, purpose: String, entity: UInt64 = 0, replication: UInt64 = 0) {
    self.rootSeed = rootSeed
    self.purpose = purpose
    self.entity = entity
    self.replication = replication
  }

  /// The 64-bit digest that seeds the generator: a SplitMix64 chain over the four parts.
  public var digest: UInt64 {
    StableHash.combine(rootSeed, StableHash.fnv1a(purpose), entity, replication)
  }

  public var description: String { "\(purpose)[\(entity)] seed \(rootSeed) rep \(replication)" }
}
