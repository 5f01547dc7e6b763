import NetworkModel
import SimCore

/// Honest root validators: hotkeys with root stake that weight subnets by their noisy view of
/// each subnet's utility (feeds the `root-weights` emission policy).
///
/// Each validator's noise per subnet is persistent (drawn once per validator and netuid from its
/// own stream keyed by hotkey), with the same σ model as miners' weights.
public struct RootValidators: AgentStrategy {
  public let kind = "root-validators"
  /// The root validators' hotkeys.
  public let hotkeys: [HotkeyID]
  /// σ of the relative subjectivity noise.
  public let sigma: Double
  let cadence: Cadence
  let streams: [RandomStream]
  var noise: [[Double]]

  public init(hotkeys: [HotkeyID], sigma: Double, intervalBlocks: Int64, phase: Int64, streams: StreamFactory) {
    self.hotkeys = hotkeys
    self.sigma = sigma
    cadence = Cadence(interval: intervalBlocks, phase: phase)
    self.streams = hotkeys.map { streams.stream("root.noise", entity: UInt64($0.rawValue)) }
    noise = hotkeys.map { _ in [] }
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    let slots = o.network.subnets.count
    var subnetUtility = [Double](repeating: 0, count: slots)
    for index in 1..<max(1, slots) {
      guard let s = o.network.subnets[index] else { continue }
      var total = 0.0
      for h in s.hotkeys { total += o.utility[h] }
      subnetUtility[index] = total
    }
    var actions: [AgentAction] = []
    for (k, hotkey) in hotkeys.enumerated() {
      while noise[k].count < slots { noise[k].append(sigma > 0 ? streams[k].gaussian(sigma: 1) : 0) }
      let weights = (0..<slots).map { i in i == 0 ? 0 : subnetUtility[i] * max(0, 1 + sigma * noise[k][i]) }
      actions.append(.setRootWeights(hotkey: hotkey, weights: weights))
    }
    return actions
  }
}
