import Metrics
import Agents
import NetworkModel
import SimCore

@testable import Simulation

/// Acts once at `at` with actions built from the observation.
struct ScriptedAgent: AgentStrategy {
  let kind = "scripted"
  let at: Int64
  let build: @Sendable (Observation) -> [AgentAction]
  func firstActivation(start: Int64) -> Int64? { at }
  mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] { build(o) }
  func nextActivation(after block: Int64) -> Int64? { nil }
}

/// Draws from its own stream every `interval` blocks and does nothing else.
struct Dreamer: AgentStrategy {
  let kind = "dreamer"
  var total = 0.0
  func firstActivation(start: Int64) -> Int64? { 1 }
  mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    for _ in 0..<100 { total += rng.gaussian(sigma: 1) }
    return []
  }
  func nextActivation(after block: Int64) -> Int64? { block + 97 }
}

/// Records that compare equal when two runs saw the same world.
struct Trace: RecordObserver {
  var lines: [String] = []
  mutating func record(_ r: NetworkEpochRecord) { lines.append("N \(r)") }
  mutating func record(_ r: SubnetEpochRecord) { lines.append("S \(r)") }
}

/// Registers a subnet every `interval` blocks, and stakes `stake` rao on each subnet it owns
/// (to the owner hotkey), so dissolutions have stakers and the protocol to pay (spec §17.4).
struct Founder: AgentStrategy {
  let kind = "founder"
  let coldkey: ColdkeyID
  let interval: Int64
  let stake: UInt64
  func firstActivation(start: Int64) -> Int64? { start + interval }
  mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions: [AgentAction] = [.registerSubnet(coldkey: coldkey, maxLock: 1_000_000_000_000)]
    for s in o.network.subnets.compactMap({ $0 }) where s.ownerColdkey == coldkey {
      actions.append(.addStake(coldkey: coldkey, hotkey: s.ownerHotkey, subnet: s.id, tao: stake))
    }
    return actions
  }
  func nextActivation(after block: Int64) -> Int64? { block + interval }
}
