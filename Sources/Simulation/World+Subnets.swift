import Agents
import NetworkModel

/// Subnet registration and dissolution (spec §11.5).
extension World {
  /// Registers a subnet for `owner` if the lock cost is ≤ `maxLock` and the owner can pay.
  ///
  /// At the subnet limit the non-immune subnet with the lowest EMA price (ties: earliest
  /// registration, then lower netuid) is dissolved first; if every subnet is immune the
  /// registration is refused. Simplification: the lock TAO seeds the new pool with an equal amount
  /// of alpha (price 1), and the rate limit `NetworkRateLimit` applies between registrations.
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
    var slot = 1
    while slot < runtimes.count && runtimes[slot].live { slot += 1 }
    state.coldkeys[owner.index].balance -= cost
    state.lockCost.registered(paid: cost, at: block)
    let id = SubnetID(slot)
    let hyper = config.hyperparameters
    let ownerHotkey = newHotkey(owner: owner, role: .owner)
    var subnet = Subnet(
      id: id, hyper: hyper, ownerColdkey: owner, ownerHotkey: ownerHotkey, registeredAt: block,
      pool: LiquidityPool(taoReserve: cost, alphaReserve: cost))
    subnet.emaPrice = 0
    _ = subnet.appendNeuron(ownerHotkey, at: block)
    homeSubnet[ownerHotkey.index] = Int32(slot)
    addSubnetSlot(subnet)
    scheduleEpoch(id)
    counters.subnetRegistrations += 1
    return id
  }

  /// Dissolves subnet `index`: its pool's TAO goes to alpha stakers pro rata to their stake value
  /// (the owner takes the rounding remainder and everything if nobody stakes); pending emission,
  /// protocol alpha and burned alpha vanish with the subnet's alpha.
  mutating func dissolveSubnet(_ index: Int) {
    accrue(index)
    let s = takeSubnet(index)
    let tao = s.pool.taoReserve
    let staked = s.totalStaked
    var paid: UInt64 = 0
    if staked > 0 {
      for pool in s.alphaPools {
        for k in pool.stakers.indices {
          let value = pool.value(atIndex: k)
          let share = FixedMath.mulDiv(tao, value, staked)
          state.coldkeys[pool.stakers[k].index].balance += share
          paid += share
        }
      }
    }
    state.coldkeys[s.ownerColdkey.index].balance += tao - paid
    for h in s.hotkeys where homeSubnet[h.index] == Int32(index) { homeSubnet[h.index] = -1 }
    runtimes[index].close()
    utility.subnetVersion[index] &+= 1
    counters.subnetDissolutions += 1
  }
}
