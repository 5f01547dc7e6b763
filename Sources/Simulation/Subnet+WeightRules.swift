import Agents
import NetworkModel

/// The stake threshold a weight submission must meet (spec §3.5): alpha stake + τ · root stake ≥
/// threshold, unless the submitter is the owner. The root stake is the network's, read by the World.
struct WeightStakeRule {
  /// The chain's threshold (0: no rule).
  var threshold: UInt64
  /// The root stake weight τ.
  var tau: Double
  /// The submitter's root stake (rao; 0 when there is no threshold).
  var rootStake: UInt64
}

/// The chain's weight rules applied to a subnet in place (spec §3.5, §10). These are `mutating`
/// so that the World calls them through `state.subnets[index]!` without copying or moving the
/// subnet: a submission reads a few fields and writes two.
extension Subnet {
  /// Common weight checks (spec §3.5): registered at `uid`, entries inside the subnet, no
  /// duplicates, permit rule (self-weight, owner or permit), length rule, stake threshold.
  @inline(__always) func weightsAcceptable(_ w: WeightVector, uid: Int, hotkey: HotkeyID, stake: WeightStakeRule) -> Bool {
    guard uid < n, hotkeys[uid] == hotkey, w.isWellFormed, w.maxUID < n else { return false }
    let selfWeight = w.isSelfWeight(of: uid)
    let isOwner = chain.ownerUID == uid
    guard selfWeight || isOwner || chain.validatorPermit[uid] else { return false }
    guard selfWeight || w.entries.count >= min(n, hyper.minAllowedWeights) else { return false }
    if !isOwner && stake.threshold > 0 {
      let weight = Double(alphaStake(of: hotkey)) + stake.tau * Double(stake.rootStake)
      guard weight >= Double(stake.threshold) else { return false }
    }
    return true
  }

  /// `set_weights` (commit-reveal off only): stores the row and LU ← `block` if the checks pass
  /// and the rate limit allows (block − LU ≥ limit unless LU = 0).
  ///
  /// - Returns: whether the row was stored.
  mutating func storeWeights(_ w: WeightVector, uid: Int, hotkey: HotkeyID, block: Int64, stake: WeightStakeRule) -> Bool {
    guard !hyper.commitRevealEnabled, weightsAcceptable(w, uid: uid, hotkey: hotkey, stake: stake) else { return false }
    let lu = chain.lastUpdate[uid]
    guard lu == 0 || block - lu >= hyper.weightsRateLimit else { return false }
    chain.weights[uid] = w.entries
    chain.lastUpdate[uid] = block
    return true
  }

  /// A weight commit (spec §10): if commit-reveal is on, `uid` is `hotkey`'s, the row is well
  /// formed and the rate limit allows, LU ← `block` and the earliest pending commit is noted.
  ///
  /// - Returns: the epoch index the commit is stored under, or `nil` if refused.
  mutating func noteCommit(_ w: WeightVector, uid: Int, hotkey: HotkeyID, block: Int64) -> Int64? {
    guard hyper.commitRevealEnabled, uid < n, hotkeys[uid] == hotkey, w.isWellFormed, w.maxUID < n else { return nil }
    let lu = chain.lastUpdate[uid]
    guard lu == 0 || block - lu >= hyper.weightsRateLimit else { return nil }
    chain.lastUpdate[uid] = block
    if chain.earliestCommitBlock[uid] == nil { chain.earliestCommitBlock[uid] = block }
    return epochIndex
  }
}
