import NetworkModel

/// Subnet dissolution (spec §17.4, `do_dissolve_network`).
extension World {
  /// Dissolves subnet `index`.
  ///
  /// 1. Emission is accrued to now; the pending buckets and the unclaimed root dividends
  ///    (``Subnet/rootClaims``, spec §17.7) are dropped with the subnet's alpha (forfeited).
  /// 2. The pot P = the pool's TAO is split over every staker's alpha value v and the protocol's
  ///    value v_p (chain-bought alpha, plus the pool's alpha reserve for subnets registered under
  ///    ``DissolutionTerms/current``) by ``DissolutionPayout/split(pot:stakerValues:protocolValue:)``;
  ///    stakers are credited to their coldkeys' free balances.
  /// 3. Legacy subnets refund the owner max(0, lock − owner emission value), capped by the
  ///    subnet account less the protocol share (the account holds the pot and the registration
  ///    fees, ``Subnet/accountTao``).
  /// 4. Everything left on the account — the protocol's share, the fee residue, a pot nobody
  ///    could claim — is recycled (issuance falls).
  mutating func dissolveSubnet(_ index: Int) {
    accrue(index)
    let s = takeSubnet(index)
    let refund =
      s.dissolutionTerms.refundsOwner && s.lockedTao > 0
      ? DissolutionPayout.legacyRefund(
        locked: s.lockedTao, alphaIssuance: s.alphaIssuance, ownerCut: state.chain.ownerCutFraction,
        spotPrice: s.spotPrice)
      : 0
    var coldkeys: [ColdkeyID] = []
    var values: [UInt64] = []
    for pool in s.alphaPools {
      for k in pool.stakers.indices {
        let v = pool.value(atIndex: k)
        guard v > 0 else { continue }
        coldkeys.append(pool.stakers[k])
        values.append(v)
      }
    }
    let protocolValue = s.ledger.protocolHeld + (s.dissolutionTerms.protocolOwnsAlphaIn ? s.pool.alphaReserve : 0)
    let pot = s.pool.taoReserve
    let split = DissolutionPayout.split(pot: pot, stakerValues: values, protocolValue: protocolValue)
    var paid: UInt64 = 0
    for (c, share) in zip(coldkeys, split.stakers) {
      state.coldkeys[c.index].balance += share
      paid += share
    }
    let account = pot - paid + s.accountTao
    let refunded = min(refund, account - split.protocolShare)
    state.coldkeys[s.ownerColdkey.index].balance += refunded
    recycleFromAccount(account - refunded)
    for h in s.hotkeys where homeSubnet[h.index] == Int32(index) { homeSubnet[h.index] = -1 }
    runtimes[index].close()
    utility.subnetVersion[index] &+= 1
    counters.subnetDissolutions += 1
  }
}
