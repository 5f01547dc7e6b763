import NetworkModel

/// Small helpers the attacks share: how the chain sees a UID and how weights are submitted.
enum AttackSupport {
  /// Subnet `id` as `o` sees it, or `nil` when it does not exist (a netuid beyond the network,
  /// as a scenario may name one, is no subnet rather than an out-of-range read).
  @inline(__always) static func subnet(_ o: Observation, _ id: SubnetID) -> Subnet? {
    id.index < o.network.subnets.count ? o.network.subnets[id.index] : nil
  }

  /// The epoch's stake weight of `uid` (α + τ·root, spec §3.2), in base units.
  static func stakeWeight(_ s: Subnet, uid: Int, tau: Double) -> Double {
    Double(s.chain.alphaStake[uid]) + tau * Double(s.chain.rootStake[uid])
  }

  /// Whether `uid` may set non-self weights: it holds the stored permit P' or is the owner UID (spec §3.5).
  static func mayWeight(_ s: Subnet, uid: Int) -> Bool {
    s.chain.validatorPermit[uid] || s.chain.ownerUID == uid
  }

  /// `set_weights`, or a commit when the subnet runs commit-reveal (spec §3.5, §10).
  static func submit(_ s: Subnet, uid: Int, hotkey: HotkeyID, weights: WeightVector) -> AgentAction {
    s.hyper.commitRevealEnabled
      ? .commitWeights(subnet: s.id, uid: UID(uid), hotkey: hotkey, weights: weights)
      : .setWeights(subnet: s.id, uid: UID(uid), hotkey: hotkey, weights: weights)
  }

  /// The stored weight row of `uid` as proportions over UIDs (sums to 1; all zero if the row is
  /// empty or all zero). Stored rows are max-upscaled u16 values (spec §3.5).
  static func proportions(_ s: Subnet, uid: Int) -> [(uid: Int, share: Double)] {
    let row = s.chain.weights[uid]
    var total = 0.0
    for e in row where e.uid < s.n { total += Double(e.value) }
    guard total > 0 else { return [] }
    return row.compactMap { e in e.uid < s.n && e.value > 0 ? (e.uid, Double(e.value) / total) : nil }
  }
}
