import Agents
import NetworkModel

/// Subnet registration (spec §11.5, §17.2).
extension World {
  /// Registers a subnet for `owner` if the lock cost is ≤ `maxLock` and the owner can pay.
  ///
  /// At the subnet limit the non-immune subnet with the lowest EMA price (ties: earliest
  /// registration, then lower netuid) is dissolved first (spec §17.4); if every subnet is immune
  /// the registration is refused. The pool is seeded from the lock by `chain.subnetSeeding`
  /// (spec §17.2: the lock at the median spot price of the remaining subnets, no owner alpha;
  /// before 2026-04 the minimum lock at price 1 with the rest recycled). Emission starts
  /// disabled unless `chain.enableEmissionAfterBlocks` is 0; it is enabled that many blocks
  /// later (never if `nil`) — alpha is minted and distributed meanwhile. The rate limit
  /// `NetworkRateLimit` applies between registrations.
  ///
  /// - Returns: The new netuid, or `nil` if refused.
  @discardableResult
  mutating func registerSubnet(owner: ColdkeyID, maxLock: UInt64) -> SubnetID? {
    let block = state.block
    let cost = state.lockCost.cost(at: block, state.chain)
    guard cost <= maxLock, state.coldkeys[owner.index].balance >= cost,
      block - state.lockCost.lastBlock >= state.chain.networkRateLimit
    else { return nil }
    if state.subnetCount >= state.chain.subnetLimit {
      var victim: Int? = nil
      for index in state.subnets.indices {
        guard let s = state.subnets[index], block - s.registeredAt >= state.chain.networkImmunityPeriod else { continue }
        if let v = victim {
          let w = state.subnets[v]!
          if (s.emaPrice, s.registeredAt, index) < (w.emaPrice, w.registeredAt, v) { victim = index }
        } else {
          victim = index
        }
      }
      guard let victim else { return nil }
      dissolveSubnet(victim)
    }
    // The median of the current spot prices (spec §17.2): bring every pool up to now first.
    for index in runtimes.indices where runtimes[index].live { accrue(index) }
    let median = SubnetSeeding.medianPrice(state.subnets.compactMap { $0?.spotPrice })
    var slot = 1
    while slot < runtimes.count && runtimes[slot].live { slot += 1 }
    state.coldkeys[owner.index].balance -= cost
    state.lockCost.registered(paid: cost, at: block)
    let seed = state.chain.subnetSeeding.seed(lock: cost, minLock: state.chain.minLockCost, medianPrice: median)
    recycleFromAccount(seed.recycled)
    let id = SubnetID(slot)
    var hyper = config.hyperparameters
    let delay = state.chain.enableEmissionAfterBlocks
    let ownerHotkey = newHotkey(owner: owner, role: .owner)
    var subnet = Subnet(
      id: id, hyper: hyper, ownerColdkey: owner, ownerHotkey: ownerHotkey, registeredAt: block,
      pool: LiquidityPool(taoReserve: seed.tao, alphaReserve: seed.alpha, chain: state.chain))
    if delay != 0 {
      hyper.emissionEnabled = false
      subnet.hyper = hyper
      subnet.emissionEnableBlock = delay.map { block + $0 }
    }
    subnet.lockedTao = cost
    subnet.dissolutionTerms = state.chain.registrationTerms
    subnet.emaPrice = 0
    _ = subnet.appendNeuron(ownerHotkey, at: block)
    homeSubnet[ownerHotkey.index] = Int32(slot)
    addSubnetSlot(subnet)
    autoParent(slot)
    scheduleEpoch(id)
    counters.subnetRegistrations += 1
    return id
  }

  /// Enables the emission of every subnet whose scheduled enable block has come (spec §17.2;
  /// the stand-in for root's `sudo_set_subnet_emission_enabled`). Called when shares are
  /// re-evaluated, so the change takes effect with the next share piece.
  mutating func enableDueEmission() {
    for index in state.subnets.indices {
      guard let due = state.subnets[index]?.emissionEnableBlock, due <= state.block else { continue }
      state.subnets[index]!.hyper.emissionEnabled = true
      state.subnets[index]!.emissionEnableBlock = nil
    }
  }

  /// Recycles `tao` rao from a subnet account (`recycle_tao`, spec §17.3): issuance falls by it,
  /// so the halvings move. The open share piece's start falls with it, so what the piece has
  /// issued so far (and each subnet's share of it) is unchanged.
  mutating func recycleFromAccount(_ tao: UInt64) {
    guard tao > 0 else { return }
    advanceIssuance(to: state.block)
    state.taoIssuance -= tao
    pieceStartIssuance -= tao
    state.taoLedger.recycledFromAccounts += tao
  }
}
