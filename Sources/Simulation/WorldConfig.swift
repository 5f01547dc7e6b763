import Agents
import Consensus
import Emission
import EpochTypes
import NetworkModel

/// The complete, resolved configuration of one simulated world. Every field has a documented
/// default; `WorldConfig()` is a small but complete network (16 subnets × 256 UIDs, 30 days).
///
/// Amounts are in base units (rao; 1 TAO = 10⁹ rao), times in blocks (12 s; 7 200 per day).
public struct WorldConfig: Sendable {
  // MARK: Network

  /// Non-root subnets at genesis (netuids 1…count). Default 16; at most `chain.subnetLimit`.
  public var subnetCount: Int = 16
  /// UIDs registered per subnet at genesis (owner + validators + attackers + miners). Default 256;
  /// at most each subnet's `maxAllowedUids`.
  public var uidsPerSubnet: Int = 256
  /// Network-wide parameters (τ, owner cut, take, issuance, EMA, subnet limit…, spec §12).
  public var chain = ChainParameters()
  /// Hyperparameters of every subnet (spec §12 "new subnet" values).
  public var hyperparameters = SubnetHyperparameters()
  /// Per-subnet overrides, applied in order on top of ``hyperparameters``.
  public var subnetOverrides: [SubnetHyperparameterOverrides] = []

  // MARK: Emission

  /// The subnet emission policy's identifier (see `EmissionPolicies.all`). Default `price-ema`.
  public var emissionPolicy: String = "price-ema"
  /// The policy's parameters (missing ones take the policy's defaults).
  public var emissionPolicyParameters: [String: Double] = [:]
  /// The Hill emission gate applied after the policy's shares (spec §17.1). Default: rank mode,
  /// N = 32, h = 3 (the 2026-08 era); ``EmissionGate/off`` before 2026-07-27.
  public var emissionGate = EmissionGate()
  /// Blocks between recomputations of the subnets' TAO shares (the policy is evaluated, and the
  /// TAO-flow EMA and root sell flag updated, at this cadence; shares are constant in between).
  /// Default 360 (one tempo). 1 reproduces the chain's per-block evaluation at per-block cost.
  public var shareRefreshBlocks: Int64 = 360

  // MARK: Genesis

  /// The initial state of the economy.
  public var genesis = GenesisParameters()

  // MARK: Participants

  /// Honest validators registered per subnet at genesis, root validators included. Default 64.
  public var validatorsPerSubnet: Int = 64
  /// Root validators: hotkeys with root TAO stake registered as validators on every subnet.
  /// Default 8; at most ``validatorsPerSubnet``.
  public var rootValidators: Int = 8
  /// Honest miners' utility model and churn.
  public var miners = HonestMinerParameters()
  /// Honest validators' weight-setting model.
  public var validators = HonestValidatorParameters()
  /// Nominators.
  public var nominators = NominatorParameters()
  /// TAO holders who move stake across subnets by yield and utility (default: none).
  public var stakers = YieldStakerParameters()
  /// Miners' compute costs and who sells what it earns (default: off).
  public var economics = EconomicsParameters()
  /// Further agents (attacks, custom behaviours), placed at genesis.
  public var agents: [AgentSpec] = []
  /// How subnets differ in the value their miners produce (default: they do not).
  public var subnetUtility = SubnetUtilityParameters()

  // MARK: Run

  /// The epoch's arithmetic. Default `double`.
  public var arithmetic: Arithmetic = .double
  /// The last block simulated. Default 216 000 (30 days).
  public var horizonBlocks: Int64 = 216_000
  /// What to record.
  public var recording = RecordingParameters()

  public init() {}

  /// The defaults with the rules of `era` (spec §17.0); `WorldConfig()` is the latest era's.
  public init(era: RuleEra) {
    self.init()
    era.apply(to: &self)
  }

  /// The hyperparameters of netuid `index` after overrides.
  public func hyperparameters(forSubnet index: Int) -> SubnetHyperparameters {
    var h = hyperparameters
    if let rows = genesis.snapshot?.subnets, rows.indices.contains(index - 1) {
      let row = rows[index - 1]
      h.tempo = row.tempo
      h.immunityPeriod = row.immunityPeriod
    }
    for o in subnetOverrides where o.subnets.contains(index) { h = o.applied(to: h) }
    return h
  }
}

/// What the World reports to its observer, and how often.
public struct RecordingParameters: Sendable, Equatable, Hashable {
  /// Blocks between network-wide records; 0 = none. Default 7 200 (daily).
  public var networkEveryBlocks: Int64 = 7_200
  /// A subnet record every this many of the subnet's epochs; 0 = none. Default 20: one a
  /// simulated day at the default tempo of 360 blocks, as a scenario's `record.subnet_every_epochs`.
  public var subnetEveryEpochs: Int = 20
  /// Neuron snapshots every this many of a subnet's epochs; 0 = none. Default 0.
  public var neuronEveryEpochs: Int = 0

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if networkEveryBlocks < 0 { out.append("record.network_every_blocks must be ≥ 0") }
    if subnetEveryEpochs < 0 { out.append("record.subnet_every_epochs must be ≥ 0") }
    if neuronEveryEpochs < 0 { out.append("record.neuron_every_epochs must be ≥ 0") }
    return out
  }
}

/// Where an agent's neurons sit at genesis.
public struct AgentPlacement: Sendable, Equatable, Hashable {
  /// The netuid (1-based).
  public var subnet: Int
  /// How many hotkeys to register there.
  public var count: Int
  /// Alpha stake per hotkey at genesis (base units; minted as outstanding alpha).
  public var alphaStake: UInt64
  /// Latent utility per hotkey (for miners; 0 for validators).
  public var utility: Double

  public init(subnet: Int, count: Int, alphaStake: UInt64 = 0, utility: Double = 0) {
    self.subnet = subnet
    self.count = count
    self.alphaStake = alphaStake
    self.utility = utility
  }
}

/// What an agent is given when the World creates it.
public struct AgentSetup: Sendable {
  /// The agent's coldkey (funded with ``AgentSpec/balance``).
  public var coldkey: ColdkeyID
  /// The hotkeys placed for it, in placement order, with their subnets.
  public var hotkeys: [(subnet: SubnetID, hotkey: HotkeyID)]
  /// Keyed streams for the agent's own use, owned by its ``name`` (``StreamFactory/owned(by:)``).
  public var streams: StreamFactory
  /// The agent's stable name among ``WorldConfig/agents`` (``AgentSpec/stableNames(_:)``).
  public var name: String
  /// The first block of the run.
  public var start: Int64
}

/// A further agent: its class, genesis placement and how to build its strategy.
public struct AgentSpec: Sendable {
  /// A short name (used in stream keys and results; see ``stableNames(_:)`` when names repeat).
  public var name: String
  /// The class tag of its hotkeys (e.g. `.attacker("copier")`).
  public var role: NeuronClass
  /// Free TAO its coldkey starts with (rao, taken from the outside world).
  public var balance: UInt64
  /// Neurons registered for it at genesis.
  public var placements: [AgentPlacement]
  /// Builds the strategy.
  public var make: @Sendable (AgentSetup) -> any AgentStrategy

  public init(
    name: String, role: NeuronClass, balance: UInt64 = 0, placements: [AgentPlacement] = [],
    make: @escaping @Sendable (AgentSetup) -> any AgentStrategy
  ) {
    self.name = name
    self.role = role
    self.balance = balance
    self.placements = placements
    self.make = make
  }
}

extension AgentSpec {
  /// The names that key the agents' random streams: each agent's ``name``, with `#2`, `#3`, …
  /// appended to the second, third, … agent of the same name (in list order).
  ///
  /// An agent's streams therefore depend on its own name and on the agents of the *same* name before
  /// it, never on its index: adding, removing or reordering agents of other names changes none of
  /// its draws (Scenarios/README.md, "Random streams").
  public static func stableNames(_ agents: [AgentSpec]) -> [String] {
    var seen: [String: Int] = [:]
    return agents.map { spec in
      let k = seen[spec.name, default: 0] + 1
      seen[spec.name] = k
      return k == 1 ? spec.name : spec.name + "#\(k)"
    }
  }
}
