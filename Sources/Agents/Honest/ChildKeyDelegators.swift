import NetworkModel
import SimCore

/// Large validators who delegate part of their stake weight to a child hotkey on each subnet
/// (spec §17.5.3; `validators.child_delegation`).
public struct ChildDelegation: Sendable, Equatable, Hashable {
  /// How many root validators (the largest by root stake) delegate. Default 0 = off.
  public var validators: Int = 0
  /// The proportion of their stake each passes to its child (0 < p ≤ 1). Default 0.5.
  public var proportion: Double = 0.5
  /// Blocks between re-choosing the children. Default 50 400 (a week).
  public var intervalBlocks: Int64 = 50_400
  public init() {}

  /// The proportion as the chain stores it (u64, 2⁶⁴ − 1 = all).
  public var chainProportion: UInt64 {
    proportion >= 1 ? .max : UInt64(proportion * 18_446_744_073_709_551_615.0)
  }
}

/// Root validators who set, on each subnet where they hold a UID, one child: the subnet's largest
/// validator by own stake weight that is not a delegator and has no root stake (spec §17.5.3).
/// They re-choose every ``ChildDelegation/intervalBlocks`` and only ask when the child changes
/// (each new set waits for the chain's cool-down). Deterministic: no random draws.
public struct ChildKeyDelegators: AgentStrategy {
  public let kind = "child-key-delegators"
  /// The delegating hotkeys.
  public let hotkeys: [HotkeyID]
  let proportion: UInt64
  let cadence: Cadence
  /// The child each delegator last asked for, per netuid.
  var asked: [[HotkeyID?]]

  public init(hotkeys: [HotkeyID], parameters: ChildDelegation, phase: Int64) {
    self.hotkeys = hotkeys
    proportion = parameters.chainProportion
    cadence = Cadence(interval: max(1, parameters.intervalBlocks), phase: phase)
    asked = hotkeys.map { _ in [] }
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    let net = o.network
    let tau = net.chain.tau
    var actions: [AgentAction] = []
    for (k, parent) in hotkeys.enumerated() {
      while asked[k].count < net.subnets.count { asked[k].append(nil) }
      for index in net.subnets.indices {
        guard let s = net.subnets[index], s.uidOfHotkey[parent] != nil else { continue }
        var best: (HotkeyID, Double)? = nil
        for h in s.hotkeys where !hotkeys.contains(h) && net.rootStake(of: h) == 0 && h != s.ownerHotkey {
          let w = Double(s.alphaStake(of: h)) + tau * Double(net.rootStake(of: h))
          if w > 0, best == nil || w > best!.1 { best = (h, w) }
        }
        guard let (child, _) = best, asked[k][index] != child else { continue }
        asked[k][index] = child
        actions.append(.setChildren(subnet: s.id, hotkey: parent, children: [ChildLink(hotkey: child, proportion: proportion)]))
      }
    }
    return actions
  }
}
