import Emission
import NetworkModel

extension World {
  /// Checks the invariants after `event`, counting the check (``WorldCounters/invariantChecks``,
  /// or ``WorldCounters/extraInvariantChecks`` for the debug-only ones) and recording the first
  /// violation. Reads the state only, so checking never changes what is recorded.
  ///
  /// - Returns: false when an invariant is violated (the run must stop).
  ///
  /// A subnet's own conservation (``Subnet/conservationProblems()``) is checked for the subnets
  /// changed since the last check (``SubnetTable/takeChanged()``: every other subnet is the
  /// value that last passed); `everything` checks every subnet, as the debug-only checks after
  /// every event and the check at the end of a run do.
  mutating func checkInvariants(after event: @autoclosure () -> String, extra: Bool = false, everything: Bool = false) -> Bool {
    if extra { counters.extraInvariantChecks += 1 } else { counters.invariantChecks += 1 }
    let changed = state.subnets.takeChanged()
    let problems = invariantViolations(subnets: extra || everything ? nil : changed)
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
  /// `subnets` limits the per-subnet conservation to those netuids (nil: every subnet, and the
  /// coldkeys' running balance total compared with a fresh sum).
  ///
  /// Cost: O(hotkeys + subnets + root pools + the checked subnets' stake pools), + O(coldkeys)
  /// when every subnet is checked.
  public func invariantViolations(subnets checked: [Int]? = nil) -> [String] {
    var out: [String] = []
    let l = state.taoLedger
    // Read every element in place through its buffer: binding `for c in …`, `if let s = …` or
    // even an array subscript copies each subnet with all its arrays, which dominated this check.
    // The coldkeys' balances: the table's running sum of every write (``ColdkeyTable``); the
    // full checks also sum them afresh and compare.
    let held = state.coldkeys.heldTotal
    if checked == nil {
      let scanned = state.coldkeys.scannedTotal
      if scanned != held { out.append("coldkey balances sum to \(scanned) rao but their running total is \(held) rao") }
    }
    var reserves: UInt64 = 0
    var accounts: UInt64 = 0
    state.subnets.withUnsafeBufferPointer { subnets in
      for index in subnets.indices {
        reserves &+= subnets[index]?.pool.taoReserve ?? 0
        accounts &+= subnets[index]?.accountTao ?? 0
      }
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
    state.subnets.withUnsafeBufferPointer { subnets in
      for index in subnets.indices where subnets[index] != nil {
        let allocated = runtimes[index].allocatedInPiece
        let target = Self.pieceTarget(share: runtimes[index].share, issuance: state.taoIssuance, pieceStart: pieceStartIssuance)
        if allocated > target {
          out.append("\(subnets[index]!.id) was allocated \(allocated) rao, more than its share \(target)")
        }
      }
      if let checked {
        for index in checked where subnets[index] != nil { out += subnets[index]!.conservationProblems() }
      } else {
        for index in subnets.indices where subnets[index] != nil { out += subnets[index]!.conservationProblems() }
      }
    }
    if state.recomputedRootStake != state.totalRootStake {
      out.append("root stake total \(state.totalRootStake) differs from its pools' sum \(state.recomputedRootStake)")
    }
    for k in state.rootPools.indices where !state.rootPools[k].isConsistent { out.append("root pool \(k) is inconsistent") }
    var shareSum = 0.0
    for index in runtimes.indices {
      let x = runtimes[index].share
      if !x.isFinite || x < 0 { out.append("a TAO share is \(x)") }
      shareSum += x
    }
    if shareSum > 1 + 1e-9 { out.append("TAO shares sum to \(shareSum)") }
    if !Self.allFiniteNonNegative(utility.utility) {
      for (h, u) in utility.utility.enumerated() where !u.isFinite || u < 0 { out.append("hotkey \(h) utility is \(u)") }
    }
    return out
  }

  /// Whether every value is finite and ≥ 0.
  ///
  /// First one vectorised pass of additions and ORs (four lanes, about three instructions a value
  /// where the bit test below takes eight): if the sum is finite, no value is a NaN or an infinity
  /// (either makes its lane's sum non-finite, and a sum of finite values can only overflow to one);
  /// if no value has its sign bit set, none is negative. Both together prove the answer true; when
  /// they do not (a negative or −0 value, a non-finite one, a sum that overflowed), the exact bit
  /// test ``allFiniteNonNegativeByBits(_:)`` decides.
  static func allFiniteNonNegative(_ values: [Double]) -> Bool {
    let quick = values.withUnsafeBufferPointer { v -> Bool in
      let n = v.count
      var sum = SIMD4<Double>(repeating: 0)
      var bits = SIMD4<UInt64>(repeating: 0)
      var k = 0
      while k + 4 <= n {
        let x = SIMD4<Double>(v[k], v[k + 1], v[k + 2], v[k + 3])
        sum += x
        bits |= unsafeBitCast(x, to: SIMD4<UInt64>.self)
        k += 4
      }
      var total = sum.sum()
      var sign = bits[0] | bits[1] | bits[2] | bits[3]
      while k < n {
        total += v[k]
        sign |= v[k].bitPattern
        k += 1
      }
      return total.isFinite && sign >> 63 == 0
    }
    return quick || allFiniteNonNegativeByBits(values)
  }

  /// Whether every value is finite and ≥ 0, in one branch-free pass over the bit patterns
  /// (the per-value messages are written only when this fails). A finite value ≥ 0 has the sign
  /// bit clear and an exponent below all ones, i.e. bits < 0x7FF0…0, or is −0.
  static func allFiniteNonNegativeByBits(_ values: [Double]) -> Bool {
    values.withUnsafeBufferPointer { v in
      var bad: UInt64 = 0
      for x in v {
        let bits = x.bitPattern
        bad |= (bits >= 0x7FF0_0000_0000_0000 && bits != 0x8000_0000_0000_0000) ? 1 : 0
      }
      return bad == 0
    }
  }
}
