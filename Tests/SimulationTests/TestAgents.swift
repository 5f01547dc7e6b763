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
