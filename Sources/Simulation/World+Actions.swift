import Agents
import Consensus
import NetworkModel

/// Applying agents' actions under the chain's rules (spec §3.5, §10, §11).
extension World {
  /// Applies `action`; returns whether the chain accepted it.
  @discardableResult
  mutating func apply(_ action: AgentAction) -> Bool {
    let ok: Bool
    switch action {
    case .setWeights(let subnet, let uid, let hotkey, let weights):
      ok = setWeights(subnet, uid.index, hotkey, weights)
    case .commitWeights(let subnet, let uid, let hotkey, let weights):
      ok = commitWeights(subnet, uid.index, hotkey, weights)
    case .setRootWeights(let hotkey, let weights):
      ok = setRootWeights(hotkey, weights)
    case .addStake(let coldkey, let hotkey, let subnet, let tao):
      ok = validColdkey(coldkey) && validHotkey(hotkey) && live(subnet) && {
        accrue(subnet.index)
        return (try? state.addStake(tao, coldkey: coldkey, hotkey: hotkey, subnet: subnet)) != nil
      }()
    case .removeStake(let coldkey, let hotkey, let subnet, let alpha):
      ok = validColdkey(coldkey) && validHotkey(hotkey) && live(subnet) && {
        let unlocked = min(alpha, unlockedAlpha(coldkey, subnet.index))
        guard unlocked > 0 else { return false }
        accrue(subnet.index)
        return (try? state.removeStake(unlocked, coldkey: coldkey, hotkey: hotkey, subnet: subnet)) != nil
      }()
    case .moveStake(let coldkey, let from, let to, let subnet, let alpha):
      ok = moveStake(coldkey, from, to, subnet, alpha)
    case .addRootStake(let coldkey, let hotkey, let tao):
      ok = validColdkey(coldkey) && validHotkey(hotkey) && changingRootStake(coldkey, hotkey) {
        $0.state.addRootStake(tao, coldkey: coldkey, hotkey: hotkey)
      }
    case .removeRootStake(let coldkey, let hotkey, let tao):
      ok = validColdkey(coldkey) && validHotkey(hotkey) && changingRootStake(coldkey, hotkey) {
        $0.state.removeRootStake(tao, coldkey: coldkey, hotkey: hotkey) > 0
      }
    case .registerNeuron(let subnet, let coldkey, let role, let u, let maxBurn):
      ok = registerNeuron(subnet, coldkey, role, u, maxBurn) != nil
    case .setUtility(let hotkey, let u):
      ok = setUtility(hotkey, u)
    case .setTake(let hotkey, let take):
      ok = setDelegateTake(hotkey, take)
    case .setChildren(let subnet, let hotkey, let children):
      ok = setChildren(subnet, hotkey, children)
    case .setChildkeyTake(let subnet, let hotkey, let take):
      ok = setChildkeyTake(subnet, hotkey, take)
    case .lockStake(let coldkey, let hotkey, let subnet, let alpha):
      ok = lockStake(coldkey, hotkey, subnet, alpha)
    case .deposit(let coldkey, let tao):
      ok = validColdkey(coldkey) && coldkey != .outside && state.transfer(tao, from: .outside, to: coldkey)
    case .withdraw(let coldkey, let tao):
      ok = validColdkey(coldkey) && coldkey != .outside && state.transfer(tao, from: coldkey, to: .outside)
    case .registerSubnet(let coldkey, let maxLock):
      ok = validColdkey(coldkey) && registerSubnet(owner: coldkey, maxLock: maxLock) != nil
    }
    if ok { counters.actionsApplied += 1 } else { counters.actionsRefused += 1 }
    return ok
  }

  // These helpers are `mutating` although they only read: a non-mutating method called from a
  // mutating one makes Swift copy the whole World (every reference it holds) to pass `self`.
  @inline(__always) mutating func validColdkey(_ c: ColdkeyID) -> Bool { c.index < state.coldkeys.count }
  @inline(__always) mutating func validHotkey(_ h: HotkeyID) -> Bool { h.index < state.hotkeys.count }
  @inline(__always) mutating func live(_ s: SubnetID) -> Bool { !s.isRoot && s.index < runtimes.count && runtimes[s.index].live }

  /// `set_weights` (commit-reveal off only): rate limit block − LU ≥ limit unless LU = 0.
  ///
  /// The subnet is checked and written in place (``Subnet/storeWeights(_:uid:hotkey:block:stake:)``):
  /// taking it out and putting it back moved the whole value twice per submission.
  mutating func setWeights(_ subnet: SubnetID, _ uid: Int, _ hotkey: HotkeyID, _ w: WeightVector) -> Bool {
    guard live(subnet) else { return false }
    let stake = stakeRule(hotkey)
    let block = state.block
    return state.subnets[subnet.index]!.storeWeights(w, uid: uid, hotkey: hotkey, block: block, stake: stake)
  }

  /// A weight commit (spec §10): stored under the current epoch index, LU ← block, rate limited.
  mutating func commitWeights(_ subnet: SubnetID, _ uid: Int, _ hotkey: HotkeyID, _ w: WeightVector) -> Bool {
    guard live(subnet) else { return false }
    let block = state.block
    guard let epoch = state.subnets[subnet.index]!.noteCommit(w, uid: uid, hotkey: hotkey, block: block) else {
      return false
    }
    runtimes[subnet.index].pendingCommits.append(
      PendingCommit(uid: uid, hotkey: hotkey, weights: w.entries, block: block, epoch: epoch))
    return true
  }

  /// The network-wide part of the stake threshold for `hotkey` (spec §3.5).
  @inline(__always) mutating func stakeRule(_ hotkey: HotkeyID) -> WeightStakeRule {
    let threshold = state.chain.stakeThreshold
    return WeightStakeRule(
      threshold: threshold, tau: state.chain.tau, rootStake: threshold > 0 ? state.rootStake(of: hotkey) : 0)
  }

  /// Root weights of a hotkey with root stake (index 0 ignored; negative/non-finite → refused).
  mutating func setRootWeights(_ hotkey: HotkeyID, _ weights: [Double]) -> Bool {
    guard validHotkey(hotkey), state.rootStake(of: hotkey) > 0,
      weights.allSatisfy({ $0.isFinite && $0 >= 0 })
    else { return false }
    let p = state.rootPoolIndex(for: hotkey)
    state.rootWeights[p] = weights
    return true
  }

  mutating func moveStake(_ coldkey: ColdkeyID, _ from: HotkeyID, _ to: HotkeyID, _ subnet: SubnetID, _ alpha: UInt64)
    -> Bool
  {
    guard validColdkey(coldkey), validHotkey(from), validHotkey(to), live(subnet), from != to, alpha > 0 else { return false }
    let index = subnet.index
    let moved = state.subnets[index]!.withdrawAlpha(alpha, hotkey: from, coldkey: coldkey)
    guard moved > 0 else { return false }
    state.subnets[index]!.depositAlpha(moved, hotkey: to, coldkey: coldkey)
    return true
  }

  /// Sets a hotkey's latent utility and marks its subnet's utility view as changed.
  mutating func setUtility(_ hotkey: HotkeyID, _ u: Double) -> Bool {
    guard validHotkey(hotkey), u.isFinite, u >= 0 else { return false }
    utility.utility[hotkey.index] = u
    let home = Int(homeSubnet[hotkey.index])
    if home > 0 && home < utility.subnetVersion.count { utility.subnetVersion[home] &+= 1 }
    return true
  }

  /// Burned registration (spec §11.1–§11.3): pays the burn price (the TAO buys alpha that is
  /// recycled, and counts as TAO inflow when `registrationBurnIsFlow`, spec §17.10), then appends a
  /// UID or replaces the pruning choice.
  ///
  /// - Returns: The new hotkey and its UID, or `nil` if refused.
  @discardableResult
  mutating func registerNeuron(
    _ subnet: SubnetID, _ payer: ColdkeyID?, _ role: NeuronClass, _ u: Double, _ maxBurn: UInt64
  ) -> (HotkeyID, Int)? {
    guard live(subnet), u.isFinite, u >= 0 else { return nil }
    let index = subnet.index
    accrue(index)
    let block = state.block
    let hyper = state.subnets[index]!.hyper
    let price = state.subnets[index]!.burn.price(at: block, hyper)
    guard price <= maxBurn else { return nil }
    // Choose the UID first: a full subnet with nothing replaceable refuses before payment.
    var replace: Int? = nil
    if state.subnets[index]!.n >= hyper.maxAllowedUids {
      let s = state.subnets[index]!
      let immortal = Pruning.ownerImmortal(
        isOwnerHotkey: s.hotkeys.map { $0 == s.ownerHotkey },
        ownedByOwnerColdkey: s.hotkeys.map { state.hotkeys[$0.index].owner == s.ownerColdkey },
        registrationBlock: s.chain.registrationBlock, limit: hyper.immuneOwnerUidsLimit)
      guard
        let uid = Pruning.select(
          emission: s.lastEmission, registrationBlock: s.chain.registrationBlock, ownerImmortal: immortal, block: block,
          immunityPeriod: hyper.immunityPeriod, minNonImmuneUids: hyper.minNonImmuneUids)
      else { return nil }
      replace = uid
    }
    let coldkey: ColdkeyID
    if let payer {
      guard validColdkey(payer), state.coldkeys[payer.index].balance >= price else { return nil }
      coldkey = payer
    } else {
      guard let fresh = state.createColdkey(fundedWith: price) else { return nil }
      coldkey = fresh
    }
    state.coldkeys[coldkey.index].balance -= price
    let hotkey = newHotkey(owner: coldkey, role: role)
    utility.utility[hotkey.index] = u
    homeSubnet[hotkey.index] = Int32(index)
    var s = takeSubnet(index)
    // The burn buys alpha, paying the swap fee; the chain keeps that fee on the subnet account
    // (spec §17.6, §17.10).
    let (bought, fee) = s.pool.buyAlphaPayingFee(tao: price)
    s.accountTao += fee
    s.ledger.recycled += bought
    if state.chain.registrationBurnIsFlow { s.netTaoFlowSinceRefresh += Double(price) }  // spec §17.10
    s.burn.registered(at: block, hyper)
    let uid: Int
    if let replace {
      uid = replace
      s.replaceNeuron(uid: uid, with: hotkey, at: block)
      runtimes[index].neuronReplaced(uid: uid)
    } else {
      uid = s.appendNeuron(hotkey, at: block)
      runtimes[index].neuronAppended()
    }
    state.subnets[index] = consume s
    utility.subnetVersion[index] &+= 1
    counters.registrations += 1
    return (hotkey, uid)
  }
}
