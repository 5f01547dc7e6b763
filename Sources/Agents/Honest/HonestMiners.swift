import NetworkModel
import SimCore

/// Parameters of the honest miner population (one cohort per subnet).
public struct HonestMinerParameters: Sendable, Equatable, Hashable {
  /// Latent utility of each miner at genesis and of each arrival.
  public var distribution: UtilityDistribution = .lognormal(mu: 0, sigma: 1)
  /// How utility changes at each update.
  public var evolution: UtilityEvolution = .randomWalk(sigma: 0.05)
  /// Blocks between updates (default 7 200 = one day).
  public var updateIntervalBlocks: Int64 = 7_200
  /// Probability per update that a miner exits (its utility drops to 0 and a new miner arrives
  /// and registers, replacing the lowest-emission UID).
  public var exitProbability: Double = 0.002
  /// Mean number of additional arrivals per subnet per update (Poisson).
  public var extraArrivalsPerUpdate: Double = 0
  /// The most an arrival pays to register, in rao (default 100 TAO = the chain's MaxBurn).
  public var maxBurn: UInt64 = 100_000_000_000

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out = distribution.problems().map { "miners.utility: \($0)" }
    switch evolution {
    case .stable: break
    case .randomWalk(let s): if !(s.isFinite && s >= 0) { out.append("miners.evolution.sigma must be ≥ 0, got \(s)") }
    case .regimeShifts(let p):
      if !(p.isFinite && p >= 0 && p <= 1) { out.append("miners.evolution.probability must be in [0, 1], got \(p)") }
    }
    if updateIntervalBlocks < 1 { out.append("miners.update_interval_blocks must be ≥ 1, got \(updateIntervalBlocks)") }
    if !(exitProbability.isFinite && exitProbability >= 0 && exitProbability <= 1) {
      out.append("miners.exit_probability must be in [0, 1], got \(exitProbability)")
    }
    if !(extraArrivalsPerUpdate.isFinite && extraArrivalsPerUpdate >= 0) {
      out.append("miners.extra_arrivals_per_update must be ≥ 0, got \(extraArrivalsPerUpdate)")
    }
    return out
  }
}

/// The honest miners of one subnet: utility evolution, exits and arrivals.
///
/// Members are the UIDs whose hotkey is tagged ``NeuronClass/honestMiner`` and still produce
/// utility. Draws are keyed by (purpose, subnet) and consumed for every UID *slot* of the subnet
/// on every update, whether or not an honest miner holds the slot, so attackers taking slots never
/// shift honest draws.
public struct HonestMiners: AgentStrategy {
  public let kind = "honest-miners"
  /// The subnet.
  public let subnet: SubnetID
  /// Parameters.
  public let parameters: HonestMinerParameters
  let cadence: Cadence
  let evolve: RandomStream
  let churn: RandomStream
  let arrivals: RandomStream
  /// The subnet's utility profile (``SubnetUtilityParameters``); its scale moves by the drift.
  var profile: SubnetUtilityProfile

  /// Creates the cohort; its streams are keyed by `subnet`.
  public init(
    subnet: SubnetID, parameters: HonestMinerParameters, streams: StreamFactory, start: Int64,
    profile: SubnetUtilityProfile = .neutral
  ) {
    self.subnet = subnet
    self.parameters = parameters
    self.profile = profile
    let entity = UInt64(subnet.rawValue)
    evolve = streams.stream("miners.evolve", entity: entity)
    churn = streams.stream("miners.churn", entity: entity)
    arrivals = streams.stream("miners.arrival", entity: entity)
    cadence = Cadence(interval: parameters.updateIntervalBlocks, phase: start + parameters.updateIntervalBlocks)
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    guard let s = o.network.subnets[subnet.index] else { return [] }
    var actions: [AgentAction] = []
    let drift = profile.drift == 0 ? 1 : RealMath.exp(profile.drift)
    profile.scale *= drift
    let slots = s.hyper.maxAllowedUids
    for slot in 0..<slots {
      // Fixed consumption per slot, occupied or not.
      let z: Double
      let shift: Bool
      var redraw = 0.0
      switch parameters.evolution {
      case .stable:
        z = 0
        shift = false
      case .randomWalk:
        z = evolve.gaussian(sigma: 1)
        shift = false
      case .regimeShifts(let p):
        z = 0
        shift = evolve.uniform() < p
        redraw = profile.utility(parameters.distribution.draw(evolve))
      }
      let exits = parameters.exitProbability > 0 && churn.uniform() < parameters.exitProbability
      guard slot < s.n else { continue }
      let hotkey = s.hotkeys[slot]
      guard o.network.hotkeys[hotkey.index].role == .honestMiner else { continue }
      let u = drift == 1 ? o.utility[hotkey] : o.utility[hotkey] * drift
      guard u > 0 else { continue }
      if exits {
        actions.append(.setUtility(hotkey: hotkey, utility: 0))
        actions.append(arrival())
        continue
      }
      switch parameters.evolution {
      case .stable: if drift != 1 { actions.append(.setUtility(hotkey: hotkey, utility: u)) }
      case .randomWalk(let sigma):
        actions.append(.setUtility(hotkey: hotkey, utility: u * RealMath.exp(sigma * z - sigma * sigma / 2)))
      case .regimeShifts:
        if shift {
          actions.append(.setUtility(hotkey: hotkey, utility: redraw))
        } else if drift != 1 {
          actions.append(.setUtility(hotkey: hotkey, utility: u))
        }
      }
    }
    if parameters.extraArrivalsPerUpdate > 0 {
      for _ in 0..<arrivals.poisson(mean: parameters.extraArrivalsPerUpdate) { actions.append(arrival()) }
    }
    return actions
  }

  func arrival() -> AgentAction {
    .registerNeuron(
      subnet: subnet, coldkey: nil, role: .honestMiner, utility: profile.utility(parameters.distribution.draw(arrivals)),
      maxBurn: parameters.maxBurn)
  }
}
