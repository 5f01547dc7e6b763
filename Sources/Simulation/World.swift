import Agents
import Consensus
import Emission
import NetworkModel
import SimCore

/// Why a World could not be built.
public enum WorldError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The configuration has problems (all of them listed).
  case invalidConfiguration([ConfigProblem])
  /// Genesis needs more TAO than the initial issuance provides.
  case genesisExceedsIssuance(needed: UInt64, issued: UInt64)
  /// A subnet's genesis alpha (pool reserve plus staked alpha) would exceed ``World/genesisAlphaLimit``.
  case genesisAlphaTooLarge(subnet: Int)
  /// A genesis draw of miner utility was not a finite number ≥ 0.
  case nonFiniteUtility(subnet: Int, value: Double)

  public var description: String {
    switch self {
    case .invalidConfiguration(let problems): "invalid world configuration:\n  " + problems.map(\.description).joined(separator: "\n  ")
    case .genesisExceedsIssuance(let needed, let issued):
      "genesis holdings need \(FixedMath.tokens(needed)) TAO but the initial issuance is \(FixedMath.tokens(issued)) TAO"
    case .genesisAlphaTooLarge(let subnet):
      "subnet \(subnet)'s genesis alpha (pool reserve plus genesis stakes) exceeds \(FixedMath.tokens(World.genesisAlphaLimit)) alpha; lower the stakes or raise genesis.initial_price"
    case .nonFiniteUtility(let subnet, let value):
      "a miner utility drawn at genesis on subnet \(subnet) is \(value); the utility distribution's parameters are too extreme"
    }
  }
}

/// The simulated network: the only writer of state.
///
/// The World runs its own loop over a SimCore ``EventQueue`` (``run(until:observer:)``, generic
/// over the observer that receives its records): subnet epochs (one per tempo, staggered, spec
/// §2), agent activations, emission-share refreshes and record ticks are events. Its per-netuid
/// bookkeeping lives in one ``SubnetRuntime`` per slot.
/// Emission between events is accrued per subnet in closed form when something touches the subnet
/// (its epoch, a trade on its pool, a registration, a share refresh), so quiet blocks cost nothing.
///
/// ```swift
/// var world = try World(config: WorldConfig(), rootSeed: 42, replication: 0)
/// var observer = CollectingObserver()  // Metrics: records measured from the World's views
/// let summary = world.run(observer: &observer)
/// ```
public struct World {
  /// The configuration the World was built from.
  public let config: WorldConfig
  /// The run's root seed.
  public let rootSeed: UInt64
  /// The replication number.
  public let replication: UInt64
  /// The chain-visible state.
  public internal(set) var state: NetworkState
  /// The latent utility of every hotkey.
  public internal(set) var utility = UtilityView(utility: [], subnetVersion: [0])
  /// What the run has done so far.
  public internal(set) var counters = WorldCounters()

  var queue = EventQueue<WorldEvent>()
  var agents: [AgentSlot] = []
  let policy: any SubnetEmissionPolicy
  let taoSchedule: HalvingSchedule
  let alphaSchedule = HalvingSchedule.alpha
  let streams: StreamFactory

  // Emission pieces (shares constant between refreshes).
  var pieceStartBlock: Int64 = 0
  var pieceStartIssuance: UInt64 = 0
  var pieceAllocated: UInt64 = 0
  var rootSell = false
  /// The Hill gate's bar θ (`EmissionGateBar`, spec §17.1.2; 0 = none yet).
  var gateBar = 0.0
  /// The block of the last share evaluation (`nil` before the first).
  var lastShareEvaluation: Int64? = nil
  var lastFlowUpdate: Int64 = 0

  // Global issuance cursor.
  var issuanceBlock: Int64 = 0

  /// The World's bookkeeping per netuid (index 0, root, never live), parallel to `state.subnets`.
  var runtimes = [SubnetRuntime()]
  var epochBlock: Int64 = .min
  var epochsThisBlock = 0
  var homeSubnet: [Int32] = []
  /// Running totals behind the yield columns (bookkeeping, never read by the economics).
  var yieldTotals = YieldTotals()
  /// A stable slot per validator class label (``NeuronClass/description``), in order of first
  /// appearance, indexing ``SubnetRuntime/yieldLastClassValue``.
  var yieldClassSlots: [String: Int] = [:]

  /// The distribution's arrays kept between epochs (``distribute(_:drained:output:)``): each
  /// receiver's take and owner flag, and the plan with its step-4 parts.
  var distributionTake: [UInt16] = []
  var distributionOwned: [Bool] = []
  var distributionScratch = DistributionScratch()

  /// Set when the current event emitted a record (so the invariants are checked after it).
  var recordedSinceCheck = false

  /// Builds the genesis state for `config` with the given seed and replication.
  ///
  /// - Throws: ``WorldError`` when the configuration is invalid or genesis needs more TAO than
  ///   issued.
  public init(config: WorldConfig, rootSeed: UInt64, replication: UInt64 = 0) throws {
    let problems = config.problems()
    guard problems.isEmpty else { throw WorldError.invalidConfiguration(problems) }
    self.config = config
    self.rootSeed = rootSeed
    self.replication = replication
    self.streams = StreamFactory(rootSeed: rootSeed, replication: replication)
    self.policy = try EmissionPoliciesBridge.make(config.emissionPolicy, config.emissionPolicyParameters)
    self.taoSchedule = HalvingSchedule(tao: config.chain)
    self.state = NetworkState(chain: config.chain)
    try buildGenesis()
    scheduleStart()
  }

  /// The current block (the time of the last event handled).
  public var block: Int64 { state.block }

  /// The current TAO shares per netuid (index 0 unused).
  public var emissionShares: [Double] { runtimes.map(\.share) }

  /// The Hill gate's current bar θ (0 when off or not yet computed, spec §17.1).
  public var emissionGateBar: Double { gateBar }

  /// The subnets' TAO emission policy.
  public var emissionPolicy: any SubnetEmissionPolicy { policy }
}

/// One agent held by the World.
struct AgentSlot {
  var strategy: any AgentStrategy
  let rng: RandomStream
}
