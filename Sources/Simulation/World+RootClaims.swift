import Emission
import NetworkModel

/// Root dividend claims (spec §17.7, `claim_root.rs`).
extension World {
  /// Where an epoch's root dividends go (spec §8.2 step 7, §17.7): with
  /// ``RootClaimTiming/immediate`` they are sold to the pool and compounded on the hotkey's root
  /// stake; with ``RootClaimTiming/claimed`` they accrue to the subnet's ``RootClaimBook`` and
  /// are claimed per coldkey later (``processRootClaims()``).
  ///
  /// - Returns: the TAO paid to root stakers now (rao).
  mutating func payRootDividends(_ s: inout Subnet, _ claims: [(HotkeyID, UInt64)]) -> UInt64 {
    var rootTao: UInt64 = 0
    for (hotkey, alpha) in claims {
      if state.chain.rootClaims.timing == .claimed,
        s.rootClaims.accrue(alpha, hotkey: hotkey, rootStake: state.rootStake(of: hotkey))
      {
        continue
      }
      let tao = s.pool.sellAlpha(alpha: alpha)
      rootTao += tao
      state.compoundRootStake(tao, hotkey: hotkey)
    }
    return rootTao
  }

  /// The claims the chain makes over the last share piece (spec §17.7 timing): each block it
  /// draws k = `NumRootClaim` coldkeys out of n staking coldkeys and each drawn coldkey claims
  /// every (hotkey, subnet) it is owed at least `RootClaimableThreshold` on — so one coldkey
  /// claims about every n/k blocks. The model makes the piece's k·B draws (B its blocks; at most
  /// 20 n, beyond which every coldkey is drawn with probability 1 − e⁻²⁰) from a stream keyed by
  /// the block, and claims once per drawn coldkey at the piece's end, coldkeys in index order,
  /// root hotkeys in root-pool order, subnets by netuid. n counts every coldkey but the outside
  /// world (miners, validators and nominators all hold stake).
  ///
  /// Swap (default) sells the owed alpha fee-free and stakes the TAO on root to the same
  /// (hotkey, coldkey); Keep credits it as alpha stake of (hotkey, coldkey) on the subnet.
  mutating func processRootClaims() {
    let p = state.chain.rootClaims
    guard p.timing == .claimed, !state.rootPools.isEmpty else { return }
    let n = state.coldkeys.count - 1
    guard n > 0 else { return }
    let draws = min(p.perBlock * Int(max(1, config.shareRefreshBlocks)), 20 * n)
    let rng = streams.stream("root.claims", entity: UInt64(bitPattern: state.block))
    var drawn = [Bool](repeating: false, count: n + 1)
    for _ in 0..<draws { drawn[1 + rng.uniformInt(below: n)] = true }
    let live = runtimes.indices.filter { runtimes[$0].live && !(state.subnets[$0]!.rootClaims.hotkeys.isEmpty) }
    guard !live.isEmpty else { return }
    var claimants: [(pool: Int, coldkey: ColdkeyID)] = []
    for (k, pool) in state.rootPools.enumerated() {
      for c in pool.stakers where drawn[c.index] { claimants.append((k, c)) }
    }
    claimants.sort { ($0.coldkey.index, $0.pool) < ($1.coldkey.index, $1.pool) }
    // The live subnets where each claimed hotkey has a rate, found once per hotkey: a rate appears
    // only when an epoch pays root dividends (`RootClaimBook.accrue`), never during the claims,
    // so this is the set each claim would find by looking it up on every live subnet.
    // The rates themselves do not change during the claims either (a claim pays debts and unpaid
    // alpha), so each is read once with its subnet.
    var accruing = [AccruingSubnets?](repeating: nil, count: state.rootPools.count)
    for (k, c) in claimants {
      let h = state.rootPools[k].hotkey
      if accruing[k] == nil {
        let indices = live.filter { state.subnets[$0]!.rootClaims.rate[h] != nil }
        accruing[k] = AccruingSubnets(indices: indices, rates: indices.map { state.subnets[$0]!.rootClaims.rate[h]! })
      }
      let subnets = accruing[k]!
      // The position's debt slot on each accruing subnet, found on its first shift and reused by
      // the shifts of the later claims of this position (one per claim on every such subnet).
      var debtSlots = [Int](repeating: -1, count: subnets.indices.count)
      for index in subnets.indices {
        claimRoot(
          index, RootPosition(hotkey: h, coldkey: c), type: p.type, threshold: p.threshold, accruing: subnets,
          debtSlots: &debtSlots)
      }
    }
  }

  /// The live subnets where a hotkey has a rate (ascending) and its rate on each, read once per
  /// claiming round (rates change only at epochs).
  struct AccruingSubnets {
    let indices: [Int]
    let rates: [Double]
  }

  /// One claim of (h, c) on subnet `index` if it is owed at least `threshold` (and > 0);
  /// `accruing` is the live subnets where h has a rate (whose debts a swap's new root stake shifts),
  /// `debtSlots` the position's debt slot on each of them (−1 until found).
  mutating func claimRoot(
    _ index: Int, _ position: RootPosition, type: RootClaimType, threshold: UInt64, accruing: AccruingSubnets,
    debtSlots: inout [Int]
  ) {
    let stake = state.rootPools[state.rootPoolIndex(for: position.hotkey)].value(of: position.coldkey)
    let owed = state.subnets[index]!.rootClaims.owed(position, stake: stake)
    guard owed > 0, owed >= threshold else { return }
    switch type {
    case .keep:
      state.subnets[index]!.rootClaims.paid(owed, to: position)
      state.subnets[index]!.depositAlpha(owed, hotkey: position.hotkey, coldkey: position.coldkey)
    case .swap:
      accrue(index)
      state.subnets[index]!.rootClaims.paid(owed, to: position)
      let tao = state.subnets[index]!.pool.sellAlpha(alpha: owed)
      yieldTotals.rootTao += FixedMath.tokens(tao)
      _ = changingRootStake(position.coldkey, position.hotkey, accruing: accruing, debtSlots: &debtSlots) {
        $0.state.creditRootStake(tao, coldkey: position.coldkey, hotkey: position.hotkey)
        return true
      }
    }
  }

  /// Runs `change` (a change of `coldkey`'s root stake on `hotkey`) and shifts that position's
  /// claim debts on every subnet by the change, so no claim is retroactive (spec §17.7, `:298-346`).
  ///
  /// `accruing`, when given, is the live subnets where `hotkey` has a rate and its rate on each,
  /// known to the caller; otherwise every live subnet is looked up.
  mutating func changingRootStake(
    _ coldkey: ColdkeyID, _ hotkey: HotkeyID, accruing: AccruingSubnets? = nil, _ change: (inout World) -> Bool
  ) -> Bool {
    if let accruing {
      var debtSlots = [Int](repeating: -1, count: accruing.indices.count)
      return changingRootStake(coldkey, hotkey, accruing: accruing, debtSlots: &debtSlots, change)
    }
    guard let delta = rootStakeChange(coldkey, hotkey, change) else { return false }
    guard delta != 0 else { return true }
    let position = RootPosition(hotkey: hotkey, coldkey: coldkey)
    for index in runtimes.indices where runtimes[index].live && state.subnets[index]!.rootClaims.rate[hotkey] != nil {
      state.subnets[index]!.rootClaims.stakeChanged(position, by: delta)
    }
    return true
  }

  /// ``changingRootStake(_:_:accruing:_:)`` with the position's debt slot on each accruing subnet
  /// kept by the caller across changes (``RootClaimBook/stakeChanged(_:by:rate:slot:)``).
  mutating func changingRootStake(
    _ coldkey: ColdkeyID, _ hotkey: HotkeyID, accruing: AccruingSubnets, debtSlots: inout [Int],
    _ change: (inout World) -> Bool
  ) -> Bool {
    guard let delta = rootStakeChange(coldkey, hotkey, change) else { return false }
    guard delta != 0 else { return true }
    let position = RootPosition(hotkey: hotkey, coldkey: coldkey)
    debtSlots.withUnsafeMutableBufferPointer { slots in
      var k = 0
      state.subnets.modifyEach(accruing.indices) {
        $0.rootClaims.stakeChanged(position, by: delta, rate: accruing.rates[k], slot: &slots[k])
        k += 1
      }
    }
    return true
  }
}

extension World {
  /// Runs `change` and returns the change of `coldkey`'s root stake on `hotkey` it made (rao, 0
  /// when none), or `nil` when `change` refused.
  fileprivate mutating func rootStakeChange(
    _ coldkey: ColdkeyID, _ hotkey: HotkeyID, _ change: (inout World) -> Bool
  ) -> Double? {
    let before = state.rootStake(ofColdkey: coldkey, hotkey: hotkey)
    guard change(&self) else { return nil }
    let after = state.rootStake(ofColdkey: coldkey, hotkey: hotkey)
    return before == after ? 0 : Double(after) - Double(before)
  }
}

extension NetworkState {
  /// `coldkey`'s root stake on `hotkey` (rao).
  public func rootStake(ofColdkey coldkey: ColdkeyID, hotkey: HotkeyID) -> UInt64 {
    let p = hotkeys[hotkey.index].rootPool
    return p < 0 ? 0 : rootPools[Int(p)].value(of: coldkey)
  }
}
