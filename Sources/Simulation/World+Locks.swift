import NetworkModel

/// Conviction locks and the conviction-based owner change (spec §17.8, `staking/lock.rs`).
extension World {
  /// `lock_stake` (spec §17.8): rolls `coldkey`'s lock on `subnet` to now and adds `alpha` to its
  /// mass; refused when locks are off, the lock is bound to another hotkey, or the mass would
  /// exceed the coldkey's total alpha on the subnet.
  mutating func lockStake(_ coldkey: ColdkeyID, _ hotkey: HotkeyID, _ subnet: SubnetID, _ alpha: UInt64) -> Bool {
    guard state.chain.locks.enabled, validColdkey(coldkey), validHotkey(hotkey), live(subnet), alpha > 0 else { return false }
    return addLock(coldkey, hotkey, subnet.index, alpha)
  }

  /// Adds `alpha` to `coldkey`'s lock on subnet `index` bound to `hotkey` (see ``lockStake(_:_:_:_:)``).
  mutating func addLock(_ coldkey: ColdkeyID, _ hotkey: HotkeyID, _ index: Int, _ alpha: UInt64) -> Bool {
    let s = state.subnets[index]!
    let rates = state.chain.locks.rates
    var lock =
      s.locks.lock(of: coldkey, at: state.block, rates: rates, ownerHotkey: s.ownerHotkey)
      ?? ConvictionLock(hotkey: hotkey, mass: 0, conviction: 0, lastUpdate: state.block)
    if lock.mass == 0 { lock.hotkey = hotkey }
    guard lock.hotkey == hotkey, lock.mass + alpha <= totalAlpha(of: coldkey, on: s) else { return false }
    lock.mass += alpha
    if hotkey == s.ownerHotkey { lock.conviction = Double(lock.mass) }
    state.subnets[index]!.locks.set(lock, for: coldkey)
    return true
  }

  /// `coldkey`'s alpha on `s` over all its hotkeys.
  func totalAlpha(of coldkey: ColdkeyID, on s: borrowing Subnet) -> UInt64 {
    // In place: iterating the pools by value retained both arrays of each.
    s.alphaPools.withUnsafeBufferPointer { pools in
      var total: UInt64 = 0
      for k in pools.indices { total += pools[k].value(of: coldkey) }
      return total
    }
  }

  /// What `coldkey` may unstake on subnet `index`: its total alpha there less its locked mass now
  /// (`lock.rs:726-754`); unbounded without a lock.
  mutating func unlockedAlpha(_ coldkey: ColdkeyID, _ index: Int) -> UInt64 {
    let block = state.block
    let rates = state.chain.locks.rates
    // Read in place: `let s = state.subnets[index]!` copied the subnet at every unstake.
    return state.subnets.withUnsafeBufferPointer { subnets in
      guard
        let lock = subnets[index]!.locks.lock(of: coldkey, at: block, rates: rates, ownerHotkey: subnets[index]!.ownerHotkey),
        lock.mass > 0
      else { return .max }
      let total = totalAlpha(of: coldkey, on: subnets[index]!)
      return total > lock.mass ? total - lock.mass : 0
    }
  }

  /// Locks an epoch's owner cut when `OwnerCutAutoLockEnabled` (spec §17.8, `lock.rs:1771-1797`):
  /// to the owner's existing lock hotkey, else to the owner hotkey.
  mutating func autoLockOwnerCut(_ s: inout Subnet, _ cut: UInt64) {
    guard state.chain.locks.enabled, state.chain.locks.ownerCutAutoLock, cut > 0 else { return }
    let rates = state.chain.locks.rates
    let existing = s.locks.lock(of: s.ownerColdkey, at: state.block, rates: rates, ownerHotkey: s.ownerHotkey)
    var lock = existing ?? ConvictionLock(hotkey: s.ownerHotkey, mass: 0, conviction: 0, lastUpdate: state.block)
    if lock.mass == 0 { lock.hotkey = s.ownerHotkey }
    lock.mass += cut
    if lock.hotkey == s.ownerHotkey { lock.conviction = Double(lock.mass) }
    s.locks.set(lock, for: s.ownerColdkey)
  }

  /// The owner change, once per successful epoch (spec §17.8, `lock.rs:1140-1357`): when the
  /// subnet's outstanding alpha is > 0, it is at least ``LockParameters/ownerChangeAgeBlocks``
  /// old and 10·ΣC ≥ outstanding alpha, the hotkey with the most conviction becomes the owner
  /// hotkey and its coldkey the owner (registered on the subnet if there is room).
  mutating func changeOwnerIfDue(_ s: inout Subnet) {
    let p = state.chain.locks
    guard p.enabled, !s.locks.isEmpty, state.block >= s.registeredAt + p.ownerChangeAgeBlocks else { return }
    s.locks.roll(to: state.block, rates: p.rates, ownerHotkey: s.ownerHotkey)
    let outstanding = s.alphaIssuance - s.pool.alphaReserve
    guard let king = s.locks.king(alphaOut: outstanding) else { return }
    let kingColdkey = state.hotkeys[king.index].owner
    guard kingColdkey != s.ownerColdkey else { return }
    if s.uidOfHotkey[king] == nil, s.n < s.hyper.maxAllowedUids {
      _ = s.appendNeuron(king, at: state.block)
      runtimes[s.id.index].neuronAppended()
    }
    s.ownerColdkey = kingColdkey
    s.ownerHotkey = king
    s.chain.ownerUID = s.uidOfHotkey[king]
    counters.ownerChanges += 1
  }
}
