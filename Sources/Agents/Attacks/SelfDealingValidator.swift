import NetworkModel
import SimCore

/// Parameters of a self-dealing validator.
public struct SelfDealingParameters: Sendable, Equatable, Hashable {
  /// Factor on the weight of the validator's own miners (1 = honest). Default 10.
  public var boost: Double = 10
  /// Subjectivity noise σ_W on its view of every miner, as for honest validators. Default 0.2.
  public var weightSigma: Double = 0.2
  /// Blocks between weight submissions (default 360).
  public var intervalBlocks: Int64 = 360
  /// Block of the first submission (default 1).
  public var phaseBlocks: Int64 = 1

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if !(boost.isFinite && boost >= 0) { out.append("boost must be finite and ≥ 0, got \(boost)") }
    if !(weightSigma.isFinite && weightSigma >= 0) { out.append("weight_sigma must be ≥ 0, got \(weightSigma)") }
    if intervalBlocks < 1 { out.append("interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    if phaseBlocks < 0 { out.append("phase_blocks must be ≥ 0, got \(phaseBlocks)") }
    return out
  }
}

/// A self-dealing validator: it evaluates miners like an honest validator (utility × (1 + σ_W·ε)
/// with persistent noise per miner slot) but multiplies the weight of miners it owns by `boost`.
///
/// Noise comes from the agent's own streams (owned by its name) keyed by (the validator's position
/// among this agent's validators, slot holder), so it never shifts any other participant's draws and
/// does not move when other agents' hotkeys are created before this agent's.
public struct SelfDealingValidator: AgentStrategy {
  public let kind = "self-dealing"
  /// Parameters.
  public let parameters: SelfDealingParameters
  /// The validator hotkeys.
  public let validators: [(subnet: SubnetID, hotkey: HotkeyID)]
  /// The miners it owns.
  public let miners: [(subnet: SubnetID, hotkey: HotkeyID)]
  let cadence: Cadence
  let streams: StreamFactory
  /// Noise per (validator index, holder hotkey) drawn once.
  var noise: [[HotkeyID: Double]]

  public init(
    parameters: SelfDealingParameters, validators: [(subnet: SubnetID, hotkey: HotkeyID)],
    miners: [(subnet: SubnetID, hotkey: HotkeyID)], streams: StreamFactory, start: Int64
  ) {
    self.parameters = parameters
    self.validators = validators
    self.miners = miners
    self.streams = streams
    noise = validators.map { _ in [:] }
    cadence = Cadence(interval: max(1, parameters.intervalBlocks), phase: start + parameters.phaseBlocks)
  }

  public func firstActivation(start: Int64) -> Int64? { validators.isEmpty ? nil : cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions: [AgentAction] = []
    for (k, (subnet, hotkey)) in validators.enumerated() {
      guard let s = AttackSupport.subnet(o, subnet), let uid = s.uidOfHotkey[hotkey], AttackSupport.mayWeight(s, uid: uid)
      else { continue }
      let own = Set(miners.filter { $0.subnet == subnet }.map(\.hotkey))
      var uids: [Int] = []
      var weights: [Double] = []
      for j in 0..<s.n where j != uid {
        let holder = s.hotkeys[j]
        let u = o.utility[holder]
        guard u > 0 else { continue }
        let w = u * max(0, 1 + parameters.weightSigma * epsilon(k, holder)) * (own.contains(holder) ? parameters.boost : 1)
        guard w > 0 else { continue }
        uids.append(j)
        weights.append(w)
      }
      guard !uids.isEmpty else { continue }
      actions.append(AttackSupport.submit(s, uid: uid, hotkey: hotkey, weights: WeightVector(uids: uids, weights: weights)))
    }
    return actions
  }

  /// The validator's persistent N(0, 1) view error for `holder` (drawn on first sight).
  mutating func epsilon(_ k: Int, _ holder: HotkeyID) -> Double {
    if let e = noise[k][holder] { return e }
    let entity = UInt64(k) << 32 | UInt64(holder.rawValue)
    let e = parameters.weightSigma > 0 ? streams.stream("attack.self-dealing.noise", entity: entity).gaussian(sigma: 1) : 0
    noise[k][holder] = e
    return e
  }
}
