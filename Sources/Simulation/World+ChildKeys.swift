import Agents
import Emission
import NetworkModel

/// Child keys, root auto-parenting and take limits (spec §17.5, §17.9).
extension World {
  /// `set_children` (spec §17.5.3): ≤ 5 children, proportions ≤ 2⁶⁴ − 1, no self, no child that
  /// is a parent of the pivot, not on root, the parent's stake weight ≥ `StakeThreshold` unless it
  /// is the owner hotkey, at most once per 150 blocks per (hotkey, subnet). The set is queued
  /// with cool-down block + `PendingChildKeyCooldown` and applied at the first epoch after it (the
  /// model's subnets have all made their start call); a new set replaces a pending one.
  mutating func setChildren(_ subnet: SubnetID, _ hotkey: HotkeyID, _ children: [ChildLink]) -> Bool {
    guard validHotkey(hotkey), live(subnet), children.allSatisfy({ validHotkey($0.hotkey) }) else { return false }
    let index = subnet.index
    let s = state.subnets[index]!
    guard s.childKeys.refusal(parent: hotkey, children: children) == nil else { return false }
    if let last = s.childKeys.lastSet[hotkey], state.block - last < ChildKeyTable.setRateLimit { return false }
    guard hotkey == s.ownerHotkey || stakeWeight(hotkey, on: s) >= Double(state.chain.stakeThreshold) else {
      return false
    }
    state.subnets[index]!.childKeys.pending.removeAll { $0.parent == hotkey }
    state.subnets[index]!.childKeys.pending.append(
      PendingChildren(parent: hotkey, children: children, coolDownUntil: state.block + state.chain.childKeys.coolDownBlocks))
    state.subnets[index]!.childKeys.lastSet[hotkey] = state.block
    return true
  }

  /// Adds the child-key delegators of `validators.child_delegation` (spec §17.5.3): the largest
  /// `validators` root hotkeys by root stake (ties: creation order).
  mutating func addChildKeyDelegators(_ rootHotkeys: [HotkeyID]) {
    let p = config.validators.childDelegation
    guard p.validators > 0 else { return }
    let ranked = rootHotkeys.enumerated().sorted {
      (state.rootStake(of: $0.element), -$0.offset) > (state.rootStake(of: $1.element), -$1.offset)
    }.map(\.element)
    addAgent(
      ChildKeyDelegators(hotkeys: Array(ranked.prefix(p.validators)), parameters: p, phase: 1),
      key: "child-key-delegators", entity: 0)
  }

  /// Own stake weight α + τ t of `hotkey` on `s` (spec §3.2).
  mutating func stakeWeight(_ hotkey: HotkeyID, on s: borrowing Subnet) -> Double {
    Double(s.alphaStake(of: hotkey)) + state.chain.tau * Double(state.rootStake(of: hotkey))
  }

  /// Root auto-parenting at a subnet's registration (spec §17.5.3, `set_children.rs:817-868`):
  /// every root hotkey (a hotkey with root stake, in root-pool order) except the owner hotkey
  /// sets children [(2⁶⁴ − 1, owner hotkey)] on the new subnet, applied at once (no start call yet),
  /// through the stake-threshold guard.
  mutating func autoParent(_ index: Int) {
    guard state.chain.childKeys.autoParent else { return }
    let owner = state.subnets[index]!.ownerHotkey
    for pool in state.rootPools where pool.amount > 0 && pool.hotkey != owner {
      let parent = pool.hotkey
      let s = state.subnets[index]!
      guard stakeWeight(parent, on: s) >= Double(state.chain.stakeThreshold),
        s.childKeys.refusal(parent: parent, children: [ChildLink(hotkey: owner, proportion: ChildKeyTable.wholeStake)]) == nil
      else { continue }
      state.subnets[index]!.childKeys.apply(parent: parent, children: [ChildLink(hotkey: owner, proportion: ChildKeyTable.wholeStake)])
      state.subnets[index]!.childKeys.lastSet[parent] = state.block
    }
  }

  /// Auto-parents genesis subnet `index` if it is younger than
  /// ``ChildKeyParameters/genesisYoungerThanBlocks`` (age = blocks since its registration), as the
  /// chain did when it was registered (spec §17.5.3).
  mutating func autoParentAtGenesis(_ index: Int) {
    let p = state.chain.childKeys
    guard p.autoParent, p.genesisYoungerThanBlocks > 0, -state.subnets[index]!.registeredAt < p.genesisYoungerThanBlocks
    else { return }
    autoParent(index)
  }

  /// Fills the epoch's stake copies (spec §3.2, §17.5.1): each UID's own alpha and root stake, or
  /// with child keys its inherited stake (one level).
  mutating func fillEpochStake(_ s: inout Subnet) {
    s.childKeys.applyDue(at: state.block)
    if s.childKeys.isEmpty {
      for uid in 0..<s.n {
        s.chain.alphaStake[uid] = s.alphaStake(uid: uid)
        s.chain.rootStake[uid] = state.rootStake(of: s.hotkeys[uid])
      }
      return
    }
    let net = state
    let sub = s
    for uid in 0..<s.n {
      let h = s.hotkeys[uid]
      s.chain.alphaStake[uid] = sub.childKeys.inheritedStake(of: h) { sub.alphaStake(of: $0) }
      s.chain.rootStake[uid] = sub.childKeys.inheritedStake(of: h) { net.rootStake(of: $0) }
    }
  }

  /// The validator amounts after the split to parents (spec §17.5.2), or `nil` without child keys.
  mutating func childKeySplit(_ s: borrowing Subnet, validatorEmission: [UInt64]) -> ChildKeySplit? {
    guard !s.childKeys.isEmpty else { return nil }
    let net = state
    let sub = copy s
    let tau = state.chain.tau
    let minimum = state.chain.childKeys.minTake
    return ChildKeyDividends.distribute(
      hotkeys: sub.hotkeys, amounts: validatorEmission, table: sub.childKeys,
      weight: { Double(sub.alphaStake(of: $0)) + tau * Double(net.rootStake(of: $0)) },
      coldkey: { net.hotkeys[$0.index].owner },
      take: { Double(sub.childKeys.effectiveTake(of: $0, minimum: minimum)) / 65_535 })
  }

  /// Delegate take change (spec §17.9): within [0, `MaxDelegateTake`]; an increase is refused
  /// when the last change was ≤ `TxDelegateTakeRateLimit` blocks ago; a decrease is free; both
  /// reset the clock. Setting the same take is refused.
  mutating func setDelegateTake(_ hotkey: HotkeyID, _ take: UInt16) -> Bool {
    guard validHotkey(hotkey), take <= state.chain.takeLimits.maxDelegateTake else { return false }
    let h = state.hotkeys[hotkey.index]
    guard
      TakeRateLimits.allows(
        old: h.take, new: take, last: h.takeChangedAt, block: state.block, limit: state.chain.takeLimits.delegateBlocks)
    else { return false }
    state.hotkeys[hotkey.index].take = take
    state.hotkeys[hotkey.index].takeChangedAt = state.block
    return true
  }

  /// Childkey take change per (hotkey, subnet) (spec §17.5.4): within [min, `MaxChildkeyTake`],
  /// increases rate-limited by `TxChildkeyTakeRateLimit`, decreases free; both reset the clock.
  mutating func setChildkeyTake(_ subnet: SubnetID, _ hotkey: HotkeyID, _ take: UInt16) -> Bool {
    let limits = state.chain.childKeys
    guard validHotkey(hotkey), live(subnet), take >= limits.minTake, take <= limits.maxTake else { return false }
    let index = subnet.index
    let table = state.subnets[index]!.childKeys
    guard
      TakeRateLimits.allows(
        old: table.childkeyTake[hotkey] ?? 0, new: take, last: table.takeChangedAt[hotkey] ?? 0, block: state.block,
        limit: state.chain.takeLimits.childkeyBlocks)
    else { return false }
    state.subnets[index]!.childKeys.childkeyTake[hotkey] = take
    state.subnets[index]!.childKeys.takeChangedAt[hotkey] = state.block
    return true
  }
}
