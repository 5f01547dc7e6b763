import NetworkModel
import SimCore

/// TAO holders who keep their stake on the subnet they expect to pay best, and move it when the
/// expected gain over a horizon beats the cost of unstaking and restaking through both pools.
///
/// At each activation every subnet's expected annual return is
/// r_s = yield_weight · ȳ_s + utility_weight · clamp(ln(U_s ÷ Ū), −3, 3), where ȳ_s is the
/// exponential memory (``YieldStakerParameters/yieldMemoryDays``) of the subnet's last-epoch
/// validator emission per unit of alpha stake, annualised, after the largest validator's take, and
/// U_s the Σ latent utility of its hotkeys (what a holder perceives the subnet to be worth). A share
/// ``YieldStakerParameters/reconsiderFraction`` of the stakers reconsider (inertia): each adds its
/// own N(0, noise²) to every subnet's r, picks the best, and moves all its stake there if
/// ``StakeMove/pays(hurdle:)``. Stake goes to the target's largest permit holder; free TAO
/// (the part of a move's proceeds not restaked at once) is staked at the next activation.
///
/// Staker k draws from its own stream (`staker`, entity k): one uniform per activation, and one
/// Gaussian per netuid slot when it reconsiders, so adding stakers or other agents leaves every
/// other draw unchanged.
public struct YieldStakers: AgentStrategy {
  public let kind = "yield-stakers"
  /// Parameters.
  public let parameters: YieldStakerParameters
  /// The stakers' coldkeys.
  public let coldkeys: [ColdkeyID]
  /// Each staker's subnet.
  public private(set) var position: [SubnetID]
  /// Each netuid's remembered yield (annual), `nil` before it is first seen.
  public private(set) var trailingYield: [Double?] = []
  let streams: [RandomStream]
  let cadence: Cadence

  /// Creates the population; staker k starts on `positions[k]`.
  public init(
    coldkeys: [ColdkeyID], positions: [SubnetID], parameters: YieldStakerParameters, streams: StreamFactory, phase: Int64
  ) {
    precondition(coldkeys.count == positions.count, "one starting subnet per staker")
    self.parameters = parameters
    self.coldkeys = coldkeys
    position = positions
    self.streams = coldkeys.indices.map { streams.stream("staker", entity: UInt64($0)) }
    cadence = Cadence(interval: parameters.intervalBlocks, phase: phase)
  }

  public func firstActivation(start: Int64) -> Int64? { coldkeys.isEmpty ? nil : cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    let rates = expectedReturns(o)
    let targets = o.network.subnets.map { $0.flatMap(Self.largestValidator) }
    var actions: [AgentAction] = []
    for k in coldkeys.indices {
      let coldkey = coldkeys[k]
      let reconsider = streams[k].uniform() < parameters.reconsiderFraction
      var free = o.network.coldkeys[coldkey.index].balance
      if reconsider, let move = decide(k, o, rates) {
        actions += move.actions
        position[k] = move.to
        free = 0  // this activation's free TAO waits for the next one (the move already restakes)
      }
      let here = position[k].index
      if free > 0, here < targets.count, let hotkey = targets[here] {
        actions.append(.addStake(coldkey: coldkey, hotkey: hotkey, subnet: position[k], tao: free))
      }
    }
    return actions
  }

  /// Staker k's move, if one pays: the removals, the restake, and the new subnet.
  mutating func decide(_ k: Int, _ o: Observation, _ rates: [Double?]) -> (actions: [AgentAction], to: SubnetID)? {
    let noise = (0..<rates.count).map { _ in parameters.noise > 0 ? streams[k].gaussian(sigma: parameters.noise) : 0 }
    var best: Int? = nil
    for j in rates.indices { if let r = rates[j], best.map({ r + noise[j] > rates[$0]! + noise[$0] }) ?? true { best = j } }
    let from = position[k].index
    guard let to = best, to != from, let target = o.network.subnets[to], let hotkey = Self.largestValidator(target) else {
      return nil
    }
    let coldkey = coldkeys[k]
    guard from < o.network.subnets.count, let source = o.network.subnets[from], let rateFrom = rates[from] else {
      return ([], target.id)  // nothing held on a dissolved subnet: just follow the best one
    }
    let holdings = source.alphaPools.map { ($0.hotkey, $0.value(of: coldkey)) }.filter { $0.1 > 0 }
    let move = StakeMove(
      held: holdings.map(\.1), from: source.pool, to: target.pool, rateFrom: rateFrom + noise[from], rateTo: rates[to]! + noise[to],
      horizonDays: parameters.horizonDays)
    guard move.pays(hurdle: parameters.hurdle) else { return nil }
    var actions: [AgentAction] = holdings.map {
      .removeStake(coldkey: coldkey, hotkey: $0.0, subnet: source.id, alpha: $0.1)
    }
    // Restake slightly less than quoted: accrual before the sales may move the pool by a little.
    let restake = move.tao - move.tao / 1_000
    if restake > 0 { actions.append(.addStake(coldkey: coldkey, hotkey: hotkey, subnet: target.id, tao: restake)) }
    return (actions, target.id)
  }

  /// Every netuid's expected annual return (`nil` for a dead slot or root), updating the memories.
  mutating func expectedReturns(_ o: Observation) -> [Double?] {
    let subnets = o.network.subnets
    if trailingYield.count < subnets.count { trailingYield += Array(repeating: nil, count: subnets.count - trailingYield.count) }
    let memory = 1 - RealMath.exp(-Double(parameters.intervalBlocks) / (parameters.yieldMemoryDays * Double(SimTime.blocksPerDay)))
    var utility: [Double] = Array(repeating: 0, count: subnets.count)
    var live: [Int] = []
    for j in subnets.indices {
      guard let s = subnets[j], !s.id.isRoot else {
        trailingYield[j] = nil
        continue
      }
      live.append(j)
      let y = Self.validatorYield(s, o.network)
      trailingYield[j] = trailingYield[j].map { $0 + memory * (y - $0) } ?? y
      utility[j] = s.hotkeys.reduce(0) { $0 + o.utility[$1] }
    }
    let meanUtility = live.reduce(0) { $0 + utility[$1] } / Double(max(1, live.count))
    return subnets.indices.map { j in
      guard let y = trailingYield[j] else { return nil }
      let perceived = meanUtility > 0 && utility[j] > 0 ? min(3, max(-3, RealMath.log(utility[j] / meanUtility))) : -3
      return parameters.yieldWeight * y + (parameters.utilityWeight > 0 ? parameters.utilityWeight * perceived : 0)
    }
  }

  /// A subnet's last-epoch emission to permit holders per unit of their alpha stake, annualised
  /// (epochs per year = blocks per year ÷ tempo), after the largest validator's take.
  public static func validatorYield(_ s: Subnet, _ network: NetworkState) -> Double {
    var paid = 0.0
    var staked = 0.0
    for uid in 0..<s.n where s.chain.validatorPermit[uid] && uid != s.chain.ownerUID && uid < s.lastEmission.count {
      paid += Double(s.lastEmission[uid])
      staked += Double(s.chain.alphaStake[uid])
    }
    guard staked > 0 else { return 0 }
    let take = largestValidator(s).map { Double(network.hotkeys[$0.index].take) / 65_535 } ?? 0
    return paid / staked * Double(SimTime.blocksPerYear) / Double(max(1, s.hyper.tempo)) * (1 - take)
  }

  /// The permit holder (not the owner) with the largest alpha stake; ties: the lower UID.
  public static func largestValidator(_ s: Subnet) -> HotkeyID? {
    var best: Int? = nil
    for uid in 0..<s.n where s.chain.validatorPermit[uid] && uid != s.chain.ownerUID {
      if best.map({ s.chain.alphaStake[uid] > s.chain.alphaStake[$0] }) ?? true { best = uid }
    }
    return best.map { s.hotkeys[$0] }
  }
}
