import Consensus
import EpochTypes
import NetworkModel

/// What the World's event queue carries.
enum WorldEvent: Sendable {
  /// A subnet's epoch slot (spec §2); `generation` guards against a dissolved subnet's slot reuse.
  case epoch(SubnetID, generation: UInt32)
  /// An agent's activation.
  case agent(Int)
  /// Re-evaluate the emission policy (start of a new share piece).
  case shareRefresh
  /// Emit a network-wide record: a pure read that never accrues a subnet (``World/accrualProjection()``).
  case networkRecord
}

/// Counters describing what a run did (for cost measurements and diagnostics).
public struct WorldCounters: Sendable, Equatable {
  /// Events handled.
  public var events: Int = 0
  /// Epochs run.
  public var epochs: Int = 0
  /// Epoch slots deferred by `MaxEpochsPerBlock`.
  public var deferredEpochs: Int = 0
  /// Closed-form emission accruals (one per subnet per touch).
  public var accruals: Int = 0
  /// Σ blocks covered by accruals (= subnet-blocks of emission simulated).
  public var accruedSubnetBlocks: Int64 = 0
  /// Agent activations.
  public var activations: Int = 0
  /// Actions applied.
  public var actionsApplied: Int = 0
  /// Actions refused by the chain's rules.
  public var actionsRefused: Int = 0
  /// Neuron registrations during the run.
  public var registrations: Int = 0
  /// Subnet registrations during the run.
  public var subnetRegistrations: Int = 0
  /// Subnets dissolved.
  public var subnetDissolutions: Int = 0
  /// Weight commits revealed.
  public var reveals: Int = 0
  /// Subnet owners changed by conviction (spec §17.8).
  public var ownerChanges: Int = 0
  /// Epochs that failed (state inconsistent); nothing was drained. The run stops at the first
  /// (``epochFailure``), so this is 0 or 1.
  public var failedEpochs: Int = 0
  /// The first failed epoch, if any: the run stopped there.
  public var epochFailure: EpochFailure?
  /// Conservation checks made after every event that recorded a row, and once at the end of a
  /// run: the same points, so the same count, in debug and release builds.
  public var invariantChecks: Int = 0
  /// Extra checks debug builds make after every other event (never written to results, so
  /// debug and release results stay byte-identical).
  public var extraInvariantChecks: Int = 0
  /// Checks that found a violation (the run stops at the first).
  public var invariantViolations: Int = 0
  /// The first violation: its block and messages.
  public var firstViolation: String?
  public init() {}
}
