import NetworkModel
import SimCore

/// A participant's decision rule: observe, then return actions and when to act next.
///
/// Strategies are deciders: they never mutate the network (the World applies what they return).
/// They may keep private memory between activations (`mutating`), e.g. a cached weight row. Every
/// random draw comes from `rng` (the agent's own keyed stream) or from streams the strategy
/// derived itself from a ``StreamFactory`` with its own keys, so adding an agent never changes any
/// other agent's draws.
public protocol AgentStrategy {
  /// A stable name for the behaviour (e.g. `"honest-validators"`), written to results.
  var kind: String { get }

  /// The first block at which the agent acts, or `nil` for never.
  func firstActivation(start: Int64) -> Int64?

  /// Decides what to do at `observation.block`.
  mutating func act(observing observation: Observation, rng: RandomStream) -> [AgentAction]

  /// The next block at which to act after acting at `block`, or `nil` to retire.
  func nextActivation(after block: Int64) -> Int64?
}

/// Derives keyed random streams for one run: (root seed, purpose, entity, replication).
public struct StreamFactory: Sendable, Equatable {
  /// The run's root seed.
  public var rootSeed: UInt64
  /// The replication number.
  public var replication: UInt64
  /// The owner every purpose is prefixed with (`owner/purpose`); empty for the run's own streams.
  public private(set) var owner: String = ""

  public init(rootSeed: UInt64, replication: UInt64) {
    self.rootSeed = rootSeed
    self.replication = replication
  }

  /// The same factory with its streams owned by `owner`: purpose `p` becomes `owner/p`, so two
  /// agents that use the same purpose (two copiers, say) draw from different streams, and the keys
  /// depend on the owner's stable name only, never on its position among the agents.
  public func owned(by owner: String) -> StreamFactory {
    var factory = self
    factory.owner = owner
    return factory
  }

  /// The stream for `purpose` and `entity` (of ``owner``, if any).
  public func stream(_ purpose: String, entity: UInt64 = 0) -> RandomStream {
    let key = owner.isEmpty ? purpose : owner + "/" + purpose
    return RandomStream(StreamKey(rootSeed: rootSeed, purpose: key, entity: entity, replication: replication))
  }
}

/// A periodic schedule: `phase`, `phase + interval`, … (blocks).
public struct Cadence: Sendable, Equatable, Hashable {
  /// Blocks between activations (≥ 1).
  public var interval: Int64
  /// The first activation block.
  public var phase: Int64

  public init(interval: Int64, phase: Int64) {
    precondition(interval >= 1, "cadence interval must be ≥ 1 block")
    self.interval = interval
    self.phase = phase
  }

  /// The first activation at or after `start`.
  public func first(atOrAfter start: Int64) -> Int64 {
    if start <= phase { return phase }
    let k = (start - phase + interval - 1) / interval
    return phase + k * interval
  }

  /// The activation after `block`.
  public func next(after block: Int64) -> Int64 { block + interval }
}
