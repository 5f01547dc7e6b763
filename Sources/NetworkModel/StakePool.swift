/// A hotkey's stake on one subnet (alpha) or on root (TAO), shared by its stakers.
///
/// Stakers hold *shares*; the pool's ``amount`` is what all shares are worth together. Adding
/// rewards without minting shares raises every share's value (compounding to nominators, spec
/// §8.2 step 6). A staker's value is ⌊shares/totalShares · amount⌋; the last staker to leave
/// takes the remainder, so no dust is stranded.
///
/// Stakers are kept in a small array (usually one to a few dozen); lookups are linear.
public struct StakePool: Sendable, Equatable {
  /// The hotkey this pool belongs to.
  public var hotkey: HotkeyID
  /// Total staked amount (base units of the pool's token).
  public private(set) var amount: UInt64 = 0
  /// The stakers' coldkeys, in first-stake order.
  public private(set) var stakers: [ColdkeyID] = []
  /// Shares per staker, parallel to ``stakers``.
  public private(set) var shares: [Double] = []
  /// Σ shares, always the sum of ``shares`` (summed afresh after every change, see ``withdraw(_:for:)``).
  public private(set) var totalShares: Double = 0
  /// Whether there is one share per staker and every share is finite and non-negative, found
  /// in the same pass that sums them, and how many stakers there are: kept so that
  /// ``isConsistent`` reads neither array (the World checks every pool after every recorded row).
  private var sharesAreSane = true
  private var stakerCount = 0

  public init(hotkey: HotkeyID) { self.hotkey = hotkey }

  /// The index of `coldkey` among the stakers.
  @inlinable public func stakerIndex(_ coldkey: ColdkeyID) -> Int? { stakers.firstIndex(of: coldkey) }

  /// What `coldkey`'s shares are worth now (floored).
  public func value(of coldkey: ColdkeyID) -> UInt64 {
    guard let i = stakerIndex(coldkey) else { return 0 }
    return value(atIndex: i)
  }

  /// What the staker at `index` holds now (floored; the sole staker holds everything).
  public func value(atIndex index: Int) -> UInt64 {
    if stakers.count == 1 { return amount }
    guard totalShares > 0 else { return 0 }
    return min(amount, FixedMath.floorAmount(shares[index] / totalShares * Double(amount)))
  }

  /// Adds `units` on behalf of `coldkey`, minting shares at the current value per share.
  public mutating func deposit(_ units: UInt64, for coldkey: ColdkeyID) {
    guard units > 0 else { return }
    let restarts = amount == 0 || totalShares <= 0
    let minted: Double = restarts ? Double(units) : Double(units) * totalShares / Double(amount)
    if !restarts && stakers.count == 1 && shares.count == 1 && stakers[0] == coldkey {
      // The sole staker adds to its stake (most pools, every epoch): what the general path below
      // computes for one share, without its search and sum loops.
      let share = shares[0] + minted
      shares[0] = share
      totalShares = 0 + share
      sharesAreSane = share.isFinite && share >= 0
      amount += units
      return
    }
    if restarts {
      // An empty pool restarts its share accounting.
      for i in shares.indices { shares[i] = 0 }
      totalShares = 0
    }
    if let i = stakerIndex(coldkey) {
      shares[i] += minted
    } else {
      stakers.append(coldkey)
      shares.append(minted)
    }
    sumShares()
    amount += units
  }

  /// Adds `units` to the pool without minting shares: every staker's value rises pro rata.
  ///
  /// - Precondition: the pool has stakers (callers deposit for the hotkey's owner otherwise).
  public mutating func compound(_ units: UInt64) {
    guard units > 0 else { return }
    precondition(totalShares > 0, "compound on a pool without stakers")
    amount += units
  }

  /// Removes up to `units` of `coldkey`'s stake; returns what was removed.
  ///
  /// Σ shares is summed afresh after every change rather than kept as a running sum:
  /// shares are of the order of base units (~10¹⁵, an ulp of ~0.1), so the difference drifts,
  /// and once the stakers who remain hold little it can fall below zero and strand their stake.
  public mutating func withdraw(_ units: UInt64, for coldkey: ColdkeyID) -> UInt64 {
    guard let i = stakerIndex(coldkey) else { return 0 }
    let held = value(atIndex: i)
    let taken = min(units, held)
    guard taken > 0 else { return 0 }
    if taken == held {
      // Leaving entirely: the last staker takes the remainder too.
      let isLast = stakers.count == 1
      let removed = isLast ? amount : taken
      stakers.remove(at: i)
      shares.remove(at: i)
      amount -= removed
      sumShares()
      return removed
    }
    let burnedShares = shares[i] * Double(taken) / Double(held)
    shares[i] -= burnedShares
    sumShares()
    amount -= taken
    return taken
  }

  /// Sums the shares afresh in index order (the order `reduce(0, +)` adds them) and notes whether
  /// each is finite and non-negative.
  private mutating func sumShares() {
    var sum = 0.0
    var sane = true
    for x in shares {
      sum += x
      sane = sane && x.isFinite && x >= 0
    }
    totalShares = sum
    sharesAreSane = sane && shares.count == stakers.count
    stakerCount = stakers.count
  }

  /// Whether every internal figure is sane (finite, non-negative shares; no shares without
  /// stakers). O(1): the share scan is kept from the last change.
  public var isConsistent: Bool {
    guard totalShares.isFinite, totalShares >= 0, sharesAreSane else { return false }
    if stakerCount == 0 { return amount == 0 }
    return true
  }

  /// ``isConsistent`` by a fresh scan of every share (what the kept scan must agree with).
  public var isConsistentByScan: Bool {
    guard totalShares.isFinite, totalShares >= 0, shares.count == stakers.count else { return false }
    if stakers.isEmpty { return amount == 0 }
    return shares.allSatisfy { $0.isFinite && $0 >= 0 }
  }
}

extension Array where Element == StakePool {
  /// Σ amount over the pools, read in place (an element access per pool would retain its
  /// arrays). Traps on overflow, as `+` does.
  public var totalAmount: UInt64 {
    withUnsafeBufferPointer { pools in
      var sum: UInt64 = 0
      for k in pools.indices { sum += pools[k].amount }
      return sum
    }
  }
}
