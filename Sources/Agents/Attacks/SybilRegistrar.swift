import NetworkModel
import SimCore

/// Parameters of a sybil owner.
public struct SybilParameters: Sendable, Equatable, Hashable {
  /// Latent utility each sybil UID serves (one model served from many UIDs; 0 = no work at all).
  /// Default 1 (the median of the default honest lognormal(0, 1) utility).
  public var utility: Double = 1
  /// The most UIDs the owner holds per subnet. Default 64.
  public var maxUIDs: Int = 64
  /// Epochs of earnings a registration is expected to pay for (default 14 ≈ the 5 000-block
  /// immunity period at tempo 360, spec §11.3).
  public var paybackEpochs: Double = 14
  /// Required margin: register only while expected reward > cost × (1 + margin). Default 0.
  public var margin: Double = 0
  /// Blocks between decisions (default 360).
  public var intervalBlocks: Int64 = 360
  /// Block of the first decision (default 360: after the first epoch has produced emissions).
  public var phaseBlocks: Int64 = 360

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if !(utility.isFinite && utility >= 0) { out.append("utility must be finite and ≥ 0, got \(utility)") }
    if maxUIDs < 0 { out.append("max_uids must be ≥ 0, got \(maxUIDs)") }
    if !(paybackEpochs.isFinite && paybackEpochs >= 0) { out.append("payback_epochs must be ≥ 0, got \(paybackEpochs)") }
    if !(margin.isFinite && margin >= 0) { out.append("margin must be ≥ 0, got \(margin)") }
    if intervalBlocks < 1 { out.append("interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    if phaseBlocks < 0 { out.append("phase_blocks must be ≥ 0, got \(phaseBlocks)") }
    return out
  }
}

/// A sybil owner: one coldkey that keeps registering miner UIDs on its target subnets while the
/// expected reward of one more UID exceeds the registration burn (spec §11.1–§11.2).
///
/// Expected reward of a UID = its expected emission per epoch × the pool's spot price (TAO per
/// alpha) × `paybackEpochs`, where the emission per epoch is estimated from what the chain shows:
/// the mean last-epoch emission of the owner's UIDs that have been through an epoch, or before
/// that the median last-epoch emission of the subnet's earning miners. Each registration in one
/// decision raises the price by `BurnIncreaseMult` (capped at `MaxBurn`), so a decision registers
/// until the rising price meets the estimate, the balance runs out or `maxUIDs` is reached.
/// Deterministic: it draws nothing.
public struct SybilRegistrar: AgentStrategy {
  public let kind = "sybil"
  /// Parameters.
  public let parameters: SybilParameters
  /// The owner's coldkey (pays the burns).
  public let coldkey: ColdkeyID
  /// Target subnets.
  public let subnets: [SubnetID]
  let cadence: Cadence

  public init(parameters: SybilParameters, coldkey: ColdkeyID, subnets: [SubnetID], start: Int64) {
    self.parameters = parameters
    self.coldkey = coldkey
    self.subnets = subnets
    cadence = Cadence(interval: max(1, parameters.intervalBlocks), phase: start + parameters.phaseBlocks)
  }

  public func firstActivation(start: Int64) -> Int64? { subnets.isEmpty ? nil : cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions: [AgentAction] = []
    var balance = Double(o.network.coldkeys[coldkey.index].balance)
    for subnet in subnets {
      guard let s = AttackSupport.subnet(o, subnet) else { continue }
      let held = (0..<s.n).filter { o.network.hotkeys[s.hotkeys[$0].index].owner == coldkey }
      let reward = expectedReward(s, held: held)
      var price = Double(s.burn.price(at: o.block, s.hyper))
      var count = held.count
      while count < parameters.maxUIDs, reward > price * (1 + parameters.margin), price <= balance {
        actions.append(
          .registerNeuron(
            subnet: subnet, coldkey: coldkey, role: .attacker("sybil"), utility: parameters.utility,
            maxBurn: UInt64(price.rounded(.up))))
        balance -= price
        count += 1
        price = min(Double(s.hyper.maxBurn), price * s.hyper.burnIncreaseMultiplier)
      }
    }
    return actions
  }

  /// The expected reward in rao of one more UID on `s` (see the type's documentation).
  func expectedReward(_ s: Subnet, held: [Int]) -> Double {
    let seasoned = held.filter { s.chain.registrationBlock[$0] < s.lastEpochBlock && $0 < s.lastEmission.count }
    let perEpoch: Double
    if !seasoned.isEmpty {
      perEpoch = seasoned.reduce(0.0) { $0 + Double(s.lastEmission[$1]) } / Double(seasoned.count)
    } else {
      var earning: [Double] = []
      for uid in 0..<min(s.n, s.lastEmission.count)
      where !s.chain.validatorPermit[uid] && uid != s.chain.ownerUID && s.lastEmission[uid] > 0 {
        earning.append(Double(s.lastEmission[uid]))
      }
      guard !earning.isEmpty else { return 0 }
      earning.sort()
      let mid = earning.count / 2
      perEpoch = earning.count % 2 == 1 ? earning[mid] : (earning[mid - 1] + earning[mid]) / 2
    }
    return perEpoch * s.spotPrice * parameters.paybackEpochs
  }
}
