extension Subnet {
  /// This subnet's own conservation invariants, one message per violation (empty when all hold):
  /// minted in + minted out = reserve + staked + pending + protocol held + burned + recycled +
  /// unclaimed root dividends (spec §17.7); the running stake total equals the pools' sum; every
  /// pool is consistent; no NaN or infinity in its prices, flows or burned fraction; its per-UID
  /// arrays have one length.
  ///
  /// A method, so that the World's check reads each subnet in place (borrowed through the
  /// array) instead of copying it. Cost: O(stake pools).
  public func conservationProblems() -> [String] {
    var out: [String] = []
    let a = ledger
    let minted = a.mintedIn &+ a.mintedOut
    let staked = recomputedTotalStaked
    let unclaimed = rootClaims.unpaid
    let located = pool.alphaReserve &+ staked &+ pending.total &+ a.protocolHeld &+ a.burned &+ a.recycled &+ unclaimed
    if minted != located {
      out.append("\(id) alpha not conserved: minted \(minted) but located \(located) (reserve \(pool.alphaReserve), staked \(staked), pending \(pending.total), protocol \(a.protocolHeld), burned \(a.burned), recycled \(a.recycled), unclaimed root \(unclaimed))")
    }
    if staked != totalStaked { out.append("\(id) stake total \(totalStaked) differs from its pools' sum \(staked)") }
    if !emaPrice.isFinite || emaPrice < 0 { out.append("\(id) EMA price is \(emaPrice)") }
    if !spotPrice.isFinite { out.append("\(id) spot price is \(spotPrice)") }
    if !taoFlowEMA.isFinite { out.append("\(id) TAO-flow EMA is \(taoFlowEMA)") }
    if !minerBurnedFraction.isFinite { out.append("\(id) miner burned fraction is \(minerBurnedFraction)") }
    alphaPools.withUnsafeBufferPointer { pools in
      for k in pools.indices where !pools[k].isConsistent { out.append("\(id) alpha pool \(k) is inconsistent") }
    }
    if n != chain.n || n != lastEmission.count { out.append("\(id) per-UID arrays differ in length") }
    return out
  }
}
