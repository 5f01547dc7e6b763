import NetworkModel
import SimCore

/// What a weight copier copies.
public enum CopySource: String, Sendable, Equatable, Hashable, CaseIterable {
  /// The stake-weighted mean of the latest visible weight rows of every other permit holder.
  case stakeMean = "stake-mean"
  /// The latest consensus outcome: last epoch's incentive shares (Iⱼ ∝ Σᵢ aᵢ·W̄ᵢⱼ, the
  /// stake-weighted, consensus-clipped score, spec §4.4). The World does not keep the median
  /// Cⱼ itself, so the incentive vector stands for "the consensus".
  case consensus
  /// The latest visible row of one chosen validator (the `targetRank`-th largest by stake).
  case validator
}

/// Parameters of a weight copier.
public struct WeightCopierParameters: Sendable, Equatable, Hashable {
  /// What to copy. Default ``CopySource/stakeMean``.
  public var source: CopySource = .stakeMean
  /// For ``CopySource/validator``: copy the permit holder with this stake rank (1 = largest), not
  /// counting the copier's own hotkeys. Default 1.
  public var targetRank: Int = 1
  /// The copier submits this many blocks before each epoch of each of its subnets (default 1:
  /// the freshest copy the chain allows; one submission per tempo, above the rate limit of 100).
  public var leadBlocks: Int64 = 1
  /// Delegate take of the copier's hotkeys as u16 (spec §8.2 step 6); `nil` keeps the chain default.
  public var take: UInt16? = nil

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if targetRank < 1 { out.append("target_rank must be ≥ 1, got \(targetRank)") }
    if leadBlocks < 1 { out.append("lead_blocks must be ≥ 1, got \(leadBlocks)") }
    return out
  }
}

/// A weight copier: a validator that evaluates no miner and instead submits what it can see of
/// other validators' weights (spec §10 "What a copier sees").
///
/// It reads only chain-visible state: with commit-reveal on, only revealed rows are in storage, so
/// the copy is the reveal period p tempos stale, and its own commit counts p tempos later again.
/// With commit-reveal off it copies rows set up to one interval earlier. Rows on UIDs that changed
/// hands since they were set carry the chain's zeroed values (spec §11.1) and are copied as such.
/// It holds its own stake (genesis placement) and may set its take. It acts `leadBlocks` before each
/// of its subnets' epochs (it learns the schedule from the chain: `LastEpochBlock` + tempo).
/// Deterministic: it draws nothing.
public struct WeightCopier: AgentStrategy {
  public let kind = "copier"
  /// Parameters.
  public let parameters: WeightCopierParameters
  /// The copier's hotkeys with their subnets.
  public let hotkeys: [(subnet: SubnetID, hotkey: HotkeyID)]
  var tookOffice = false
  /// Per hotkey: the next epoch block of its subnet and the subnet's tempo, as last observed.
  var schedule: [(nextEpoch: Int64, tempo: Int64)]

  public init(parameters: WeightCopierParameters, hotkeys: [(subnet: SubnetID, hotkey: HotkeyID)]) {
    self.parameters = parameters
    self.hotkeys = hotkeys
    schedule = hotkeys.map { _ in (.max, 1) }
  }

  /// At the start, to learn the subnets' epoch schedule.
  public func firstActivation(start: Int64) -> Int64? { hotkeys.isEmpty ? nil : start }

  /// `leadBlocks` before the next epoch of any of its subnets.
  public func nextActivation(after block: Int64) -> Int64? {
    var next = Int64.max
    for (epoch, tempo) in schedule where epoch != .max {
      var at = epoch - parameters.leadBlocks
      if at <= block { at += ((block - at) / tempo + 1) * tempo }
      next = min(next, at)
    }
    return next == .max ? nil : next
  }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions: [AgentAction] = []
    for (k, (subnet, _)) in hotkeys.enumerated() {
      if let s = AttackSupport.subnet(o, subnet) { schedule[k] = (s.nextEpochBlock, max(1, s.hyper.tempo)) }
    }
    if !tookOffice, let take = parameters.take {
      for (_, hotkey) in hotkeys { actions.append(.setTake(hotkey: hotkey, take: take)) }
      tookOffice = true
    }
    let own = Set(hotkeys.map(\.hotkey))
    for (subnet, hotkey) in hotkeys {
      guard let s = AttackSupport.subnet(o, subnet), let uid = s.uidOfHotkey[hotkey],
        AttackSupport.mayWeight(s, uid: uid), s.nextEpochBlock - o.block == parameters.leadBlocks
      else { continue }
      let target = copy(s, uid: uid, own: own, tau: o.network.chain.tau)
      guard !target.isEmpty else { continue }
      let weights = WeightVector(uids: target.map(\.uid), weights: target.map(\.share))
      actions.append(AttackSupport.submit(s, uid: uid, hotkey: hotkey, weights: weights))
    }
    return actions
  }

  /// The weights to submit from `s` for the copier at `uid` (never on itself).
  func copy(_ s: Subnet, uid self_: Int, own: Set<HotkeyID>, tau: Double) -> [(uid: Int, share: Double)] {
    let others = (0..<s.n).filter {
      $0 != self_ && !own.contains(s.hotkeys[$0]) && AttackSupport.mayWeight(s, uid: $0)
    }
    switch parameters.source {
    case .stakeMean:
      var mean = [Double](repeating: 0, count: s.n)
      var total = 0.0
      for i in others {
        let row = AttackSupport.proportions(s, uid: i)
        guard !row.isEmpty else { continue }
        let stake = AttackSupport.stakeWeight(s, uid: i, tau: tau)
        guard stake > 0 else { continue }
        total += stake
        for (j, share) in row { mean[j] += stake * share }
      }
      guard total > 0 else { return [] }
      return mean.indices.compactMap { j in j != self_ && mean[j] > 0 ? (j, mean[j] / total) : nil }
    case .consensus:
      let incentive = s.lastIncentiveShare
      return incentive.indices.compactMap { j in j != self_ && j < s.n && incentive[j] > 0 ? (j, incentive[j]) : nil }
    case .validator:
      let ranked = others.filter { !AttackSupport.proportions(s, uid: $0).isEmpty }.sorted {
        let a = AttackSupport.stakeWeight(s, uid: $0, tau: tau)
        let b = AttackSupport.stakeWeight(s, uid: $1, tau: tau)
        return a != b ? a > b : $0 < $1
      }
      guard parameters.targetRank <= ranked.count else { return [] }
      return AttackSupport.proportions(s, uid: ranked[parameters.targetRank - 1]).filter { $0.uid != self_ }
    }
  }
}
