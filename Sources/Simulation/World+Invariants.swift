import Emission
import NetworkModel

extension World {
  /// Checks the invariants after `event`, counting the check (``WorldCounters/invariantChecks``,
  /// or ``WorldCounters/extraInvariantChecks`` for the debug-only ones) and recording the first
  /// violation. Reads the state only, so checking never changes what is recorded.
  ///
  /// - Returns: false when an invariant is violated (the run must stop).
  mutating func checkInvariants(after event: @autoclosure () -> String, extra: Bool = false) -> Bool {
    if extra { counters.extraInvariantChecks += 1 } else { counters.invariantChecks += 1 }
    let problems = invariantViolations()
    guard !problems.isEmpty else { return true }
    counters.invariantViolations += 1
    if counters.firstViolation == nil {
      counters.firstViolation = "block \(state.block), after \(event()): " + problems.joined(separator: "; ")
    }
    return false
  }

  /// Checks the conservation invariants; returns one message per violation (empty when all hold).
  ///
  /// - TAO (exact, rao): genesis + allocated = Σ free balances + Σ pool TAO reserves + Σ subnet
  ///   account TAO + root stake + locked + swap fees paid to block authors + TAO recycled from
  ///   subnet accounts; minted = allocated + pending + recycled (pending = the open piece's
  ///   emission not yet allocated); issuance = genesis + minted − recycled − recycled from
  ///   accounts; issuance at the start of the current share piece = genesis + allocated before
  ///   the piece − recycled from accounts (the closed pieces' rest was recycled);
  ///   no subnet has been paid more than its share of the piece; issuance ≤ the supply cap.
  /// - Alpha per subnet (exact): minted in + minted out = reserve + staked + pending + protocol
  ///   held + burned + recycled + unclaimed root dividends (spec §17.7); the running stake total equals the pools' sum.
  /// - Root stake total equals the pools' sum; stake pools are consistent (no negative or
  ///   non-finite shares).
  /// - No NaN or infinity in prices, EMA prices, shares, flows or utilities; shares sum to 1 or 0.
  ///
  /// Cost: O(hotkeys + coldkeys + stake pools).
  public func invariantViolations() -> [String] {
    var out: [String] = []
    let l = state.taoLedger
    var held: UInt64 = 0
    for c in state.coldkeys { held &+= c.balance }
    var reserves: UInt64 = 0
    var accounts: UInt64 = 0
    for s in state.subnets where s != nil {
      reserves &+= s!.pool.taoReserve
      accounts &+= s!.accountTao
    }
    let lhs = l.genesis &+ l.allocated
    let rhs = held &+ reserves &+ accounts &+ state.totalRootStake &+ l.locked &+ l.authorFees &+ l.recycledFromAccounts
    if lhs != rhs {
      out.append("TAO not conserved: genesis + allocated = \(lhs) rao but holdings = \(rhs) rao (balances \(held), reserves \(reserves), subnet accounts \(accounts), root \(state.totalRootStake), locked \(l.locked), author fees \(l.authorFees), recycled from accounts \(l.recycledFromAccounts))")
    }
    if state.taoIssuance > state.chain.supplyCap { out.append("issuance \(state.taoIssuance) exceeds the cap \(state.chain.supplyCap)") }
    let beforePiece = l.genesis &+ (l.allocated &- pieceAllocated) &- l.recycledFromAccounts
    if beforePiece != pieceStartIssuance {
      out.append("issuance at the piece start is \(pieceStartIssuance) rao but genesis + allocated before the piece − recycled from accounts = \(beforePiece)")
    }
    if state.taoIssuance < pieceStartIssuance || state.taoIssuance - pieceStartIssuance < pieceAllocated {
      out.append("subnets were allocated \(pieceAllocated) rao of a piece that issued \(state.taoIssuance &- pieceStartIssuance)")
    } else {
      let pending = state.taoIssuance - pieceStartIssuance - pieceAllocated
      if l.minted != l.allocated &+ pending &+ l.recycled {
        out.append("minted \(l.minted) rao ≠ allocated \(l.allocated) + pending \(pending) + recycled \(l.recycled)")
      }
    }
    if state.taoIssuance != l.genesis &+ l.minted &- l.recycled &- l.recycledFromAccounts {
      out.append("issuance \(state.taoIssuance) rao ≠ genesis \(l.genesis) + minted \(l.minted) − recycled \(l.recycled) − recycled from accounts \(l.recycledFromAccounts)")
    }
    for index in state.subnets.indices {
      guard let s = state.subnets[index] else { continue }
      let allocated = runtimes[index].allocatedInPiece
      let target = Self.pieceTarget(share: runtimes[index].share, issuance: state.taoIssuance, pieceStart: pieceStartIssuance)
      if allocated > target {
        out.append("\(s.id) was allocated \(allocated) rao, more than its share \(target)")
      }
      let a = s.ledger
      let minted = a.mintedIn &+ a.mintedOut
      let staked = s.recomputedTotalStaked
      let unclaimed = s.rootClaims.unpaid
      let located = s.pool.alphaReserve &+ staked &+ s.pending.total &+ a.protocolHeld &+ a.burned &+ a.recycled &+ unclaimed
      if minted != located {
        out.append("\(s.id) alpha not conserved: minted \(minted) but located \(located) (reserve \(s.pool.alphaReserve), staked \(staked), pending \(s.pending.total), protocol \(a.protocolHeld), burned \(a.burned), recycled \(a.recycled), unclaimed root \(unclaimed))")
      }
      if staked != s.totalStaked { out.append("\(s.id) stake total \(s.totalStaked) differs from its pools' sum \(staked)") }
      if !s.emaPrice.isFinite || s.emaPrice < 0 { out.append("\(s.id) EMA price is \(s.emaPrice)") }
      if !s.spotPrice.isFinite { out.append("\(s.id) spot price is \(s.spotPrice)") }
      if !s.taoFlowEMA.isFinite { out.append("\(s.id) TAO-flow EMA is \(s.taoFlowEMA)") }
      if !s.minerBurnedFraction.isFinite { out.append("\(s.id) miner burned fraction is \(s.minerBurnedFraction)") }
      for (k, p) in s.alphaPools.enumerated() where !p.isConsistent { out.append("\(s.id) alpha pool \(k) is inconsistent") }
      if s.n != s.chain.n || s.n != s.lastEmission.count { out.append("\(s.id) per-UID arrays differ in length") }
    }
    if state.recomputedRootStake != state.totalRootStake {
      out.append("root stake total \(state.totalRootStake) differs from its pools' sum \(state.recomputedRootStake)")
    }
    for (k, p) in state.rootPools.enumerated() where !p.isConsistent { out.append("root pool \(k) is inconsistent") }
    var shareSum = 0.0
    for index in runtimes.indices {
      let x = runtimes[index].share
      if !x.isFinite || x < 0 { out.append("a TAO share is \(x)") }
      shareSum += x
    }
    if shareSum > 1 + 1e-9 { out.append("TAO shares sum to \(shareSum)") }
    for (h, u) in utility.utility.enumerated() where !u.isFinite || u < 0 { out.append("hotkey \(h) utility is \(u)") }
    return out
  }
}
