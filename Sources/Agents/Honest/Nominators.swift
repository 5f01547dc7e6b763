import NetworkModel
import SimCore

/// How a nominator chooses the validator its new stake goes to.
public enum DelegationRule: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Picks a validator once (uniformly among permit holders of its home subnet) and stays.
  case loyal
  /// The permit holder with the largest alpha stake (ties: lower UID) — preferential attachment.
  case largest
  /// The permit holder with the best last-epoch emission per unit of alpha stake (ties: lower UID).
  case bestYield = "best-yield"
}

/// Parameters of the nominator population.
public struct NominatorParameters: Sendable, Equatable, Hashable {
  /// Number of nominators (each its own coldkey with a home subnet drawn uniformly at genesis).
  public var count: Int = 256
  /// Free TAO each nominator holds at genesis (rao).
  public var initialBalance: UInt64 = 1_000_000_000_000
  /// New TAO each nominator brings from outside per activation (rao).
  public var inflowPerActivation: UInt64 = 10_000_000_000
  /// The delegation rule.
  public var rule: DelegationRule = .loyal
  /// Blocks between activations (default 7 200 = one day).
  public var intervalBlocks: Int64 = 7_200
  /// Whether existing stake follows the rule's current choice (redelegation) at each activation.
  public var moveExisting: Bool = false

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if count < 0 { out.append("nominators.count must be ≥ 0, got \(count)") }
    if intervalBlocks < 1 { out.append("nominators.interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    return out
  }
}

/// The nominators: each deposits its inflow and stakes all its free TAO to the validator chosen
/// by the delegation rule on its home subnet.
///
/// Each nominator draws from its own stream keyed by its index, so adding nominators or other
/// agents leaves existing nominators' draws unchanged.
public struct Nominators: AgentStrategy {
  public let kind = "nominators"
  /// Parameters.
  public let parameters: NominatorParameters
  /// The nominators' coldkeys.
  public let coldkeys: [ColdkeyID]
  /// Each nominator's home subnet.
  public private(set) var home: [SubnetID]
  var loyalChoice: [HotkeyID?]
  var lastChoice: [HotkeyID?]
  let streams: [RandomStream]
  let cadence: Cadence

  /// Creates the population; `subnets` are the live netuids to draw homes from.
  public init(
    coldkeys: [ColdkeyID], subnets: [SubnetID], parameters: NominatorParameters, streams: StreamFactory, phase: Int64
  ) {
    self.parameters = parameters
    self.coldkeys = coldkeys
    self.streams = coldkeys.indices.map { streams.stream("nominator", entity: UInt64($0)) }
    home = self.streams.map { subnets.isEmpty ? .root : subnets[$0.uniformInt(below: subnets.count)] }
    loyalChoice = coldkeys.map { _ in nil }
    lastChoice = loyalChoice
    cadence = Cadence(interval: parameters.intervalBlocks, phase: phase)
  }

  public func firstActivation(start: Int64) -> Int64? { coldkeys.isEmpty ? nil : cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions: [AgentAction] = []
    for k in coldkeys.indices {
      guard let s = o.network.subnets[home[k].index] else { continue }
      guard let choice = choose(k, s) else { continue }
      let coldkey = coldkeys[k]
      if parameters.inflowPerActivation > 0 {
        actions.append(.deposit(coldkey: coldkey, tao: parameters.inflowPerActivation))
      }
      let free = o.network.coldkeys[coldkey.index].balance + parameters.inflowPerActivation
      if free > 0 { actions.append(.addStake(coldkey: coldkey, hotkey: choice, subnet: s.id, tao: free)) }
      if parameters.moveExisting, let previous = lastChoice[k], previous != choice {
        let held = s.alphaPoolOfHotkey[previous].map { s.alphaPools[$0].value(of: coldkey) } ?? 0
        if held > 0 { actions.append(.moveStake(coldkey: coldkey, from: previous, to: choice, subnet: s.id, alpha: held)) }
      }
      lastChoice[k] = choice
    }
    return actions
  }

  mutating func choose(_ k: Int, _ s: Subnet) -> HotkeyID? {
    let permitted = (0..<s.n).filter { s.chain.validatorPermit[$0] && $0 != s.chain.ownerUID }
    guard !permitted.isEmpty else { return nil }
    switch parameters.rule {
    case .loyal:
      if let c = loyalChoice[k], s.uidOfHotkey[c] != nil { return c }
      let c = s.hotkeys[permitted[streams[k].uniformInt(below: permitted.count)]]
      loyalChoice[k] = c
      return c
    case .largest:
      var best = permitted[0]
      for uid in permitted where s.chain.alphaStake[uid] > s.chain.alphaStake[best] { best = uid }
      return s.hotkeys[best]
    case .bestYield:
      var best = permitted[0]
      var bestYield = -1.0
      for uid in permitted where s.chain.alphaStake[uid] > 0 {
        let y = Double(s.lastEmission[uid]) / Double(s.chain.alphaStake[uid])
        if y > bestYield {
          bestYield = y
          best = uid
        }
      }
      return s.hotkeys[best]
    }
  }
}
