import NetworkModel

/// The utility a lagging validator sees: a short history of one subnet's per-UID utility, taken
/// at the cohort's activations whenever the subnet's utility view changed.
///
/// A lagging validator reads the newest entry taken at or before `block − lag_blocks` (the oldest
/// entry early in a run); a UID whose holder changed since that entry counts as not yet evaluated
/// (utility 0). Entries older than the one a lagging validator can still need are dropped.
struct StaleUtility: Sendable {
  struct Entry: Sendable {
    let block: Int64
    let version: UInt64
    let utility: [Double]
    let registration: [Int64]

    /// The recorded utility of `uid` if the same holder still has it, else 0.
    func utility(uid: Int, subnet s: Subnet) -> Double {
      uid < utility.count && registration[uid] == s.chain.registrationBlock[uid] ? utility[uid] : 0
    }
  }

  var entries: [Entry] = []

  /// Records the subnet's utility at `block` if it changed, and drops entries no longer needed.
  mutating func record(_ s: Subnet, utility: UtilityView, version: UInt64, block: Int64, lag: Int64) {
    if entries.last?.version != version || entries.isEmpty {
      entries.append(Entry(
        block: block, version: version, utility: (0..<s.n).map { utility[s.hotkeys[$0]] },
        registration: Array(s.chain.registrationBlock.prefix(s.n))))
    }
    let cutoff = block - lag
    while entries.count > 1 && entries[1].block <= cutoff { entries.removeFirst() }
  }

  /// The newest entry taken at or before `block` (the oldest if none is that old).
  func view(before block: Int64) -> Entry? {
    entries.last { $0.block <= block } ?? entries.first
  }
}
