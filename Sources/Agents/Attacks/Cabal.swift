import NetworkModel
import SimCore

/// Parameters of a colluding cabal.
public struct CabalParameters: Sendable, Equatable, Hashable {
  /// W_C: the share of each cabal validator's weight on the cabal's own miners (spec §15.3 step 5);
  /// the rest goes to the other miners in proportion to their utility. Default 1.
  public var selfWeight: Double = 1
  /// Blocks between weight submissions (default 360, one tempo).
  public var intervalBlocks: Int64 = 360
  /// Block of the first submission (default 1).
  public var phaseBlocks: Int64 = 1

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if !(selfWeight.isFinite && selfWeight >= 0 && selfWeight <= 1) { out.append("self_weight must be in [0, 1], got \(selfWeight)") }
    if intervalBlocks < 1 { out.append("interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    if phaseBlocks < 0 { out.append("phase_blocks must be ≥ 0, got \(phaseBlocks)") }
    return out
  }
}

/// A colluding cabal: validators and miners under one control. Each cabal validator puts W_C of
/// its weight on the cabal's miners (split evenly) and 1 − W_C on every other miner with positive
/// utility, in proportion to that utility (the cabal can evaluate honestly; it chooses not to).
///
/// The cabal's miners produce whatever utility their genesis placement gave them (0 = worthless),
/// which honest validators see like any other miner's. Deterministic: it draws nothing.
public struct Cabal: AgentStrategy {
  public let kind = "cabal"
  /// Parameters.
  public let parameters: CabalParameters
  /// The cabal's validator hotkeys.
  public let validators: [(subnet: SubnetID, hotkey: HotkeyID)]
  /// The cabal's miner hotkeys.
  public let miners: [(subnet: SubnetID, hotkey: HotkeyID)]
  let cadence: Cadence

  public init(
    parameters: CabalParameters, validators: [(subnet: SubnetID, hotkey: HotkeyID)],
    miners: [(subnet: SubnetID, hotkey: HotkeyID)], start: Int64
  ) {
    self.parameters = parameters
    self.validators = validators
    self.miners = miners
    cadence = Cadence(interval: max(1, parameters.intervalBlocks), phase: start + parameters.phaseBlocks)
  }

  public func firstActivation(start: Int64) -> Int64? { validators.isEmpty ? nil : cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions: [AgentAction] = []
    for (subnet, hotkey) in validators {
      guard let s = AttackSupport.subnet(o, subnet), let uid = s.uidOfHotkey[hotkey], AttackSupport.mayWeight(s, uid: uid)
      else { continue }
      let own = Set(miners.filter { $0.subnet == subnet }.map(\.hotkey))
      let ownUIDs = (0..<s.n).filter { own.contains(s.hotkeys[$0]) }
      let others = (0..<s.n).filter { $0 != uid && !own.contains(s.hotkeys[$0]) && o.utility[s.hotkeys[$0]] > 0 }
      let otherTotal = others.reduce(0.0) { $0 + o.utility[s.hotkeys[$1]] }
      var uids: [Int] = []
      var weights: [Double] = []
      for j in ownUIDs {
        uids.append(j)
        weights.append(parameters.selfWeight / Double(ownUIDs.count))
      }
      if otherTotal > 0 {
        for j in others {
          uids.append(j)
          weights.append((1 - parameters.selfWeight) * o.utility[s.hotkeys[j]] / otherTotal)
        }
      }
      let order = uids.indices.sorted { uids[$0] < uids[$1] }
      let row = WeightVector(uids: order.map { uids[$0] }, weights: order.map { weights[$0] })
      guard !row.entries.isEmpty else { continue }
      actions.append(AttackSupport.submit(s, uid: uid, hotkey: hotkey, weights: row))
    }
    return actions
  }
}
