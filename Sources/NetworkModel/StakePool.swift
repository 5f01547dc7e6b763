/// A hotkey's stake on one subnet (alpha) or on root (TAO), shared by its stakers.
///
/// Stakers hold *shares*; the pool's ``amount`` is what all shares are worth together. Adding
/// rewards without minting shares raises every share's value (compounding to nominators, spec
/// §8.2 step 6). A staker's value is ⌊shares/totalShares · amount⌋; the last staker to leave
/// takes the remainder, so no dust is stranded.
///
/// Stakers are kept in a small array (usually one to a few dozen); lookups are linear.
///
/// A pool with one staker (every miner's and most validators' pool) keeps that staker and its
/// share inline as well, so that its deposits at every epoch read and write the pool's own
/// fields only, not the two arrays' buffers (separate heap objects, a cache miss each across the
/// 32 768 pools of the whole network).
public struct StakePool: Sendable, Equatable {
  /// The hotkey this pool belongs to.
  public var hotkey: HotkeyID
  /// Total staked amount (base units of the pool's token).
  public private(set) var amount: UInt64 = 0
  /// The stakers' coldkeys, in first-stake order.
  public private(set) var stakers: [ColdkeyID] = []
  /// Shares per staker, parallel to ``stakers``.
  public var shares: [Double] { stakerCount == 1 ? [soleShare] : storedShares }
  /// Σ shares, always the sum of ``shares`` (summed afresh after every change, see ``withdraw(_:for:)``).
  public private(set) var totalShares: Double = 0
  /// Whether there is one share per staker and every share is finite and non-negative, found
  /// in the same pass that sums them, and how many stakers there are: kept so that
  /// ``isConsistent`` reads neither array (the World checks every pool after every recorded row).
  private var sharesAreSane = true
  private var stakerCount = 0
  /// The shares of ``shares`` as stored; with one staker its entry may be behind ``soleShare``
  /// (``settleSoleShare()`` writes it back before any other change).
  private var storedShares: [Double] = []
  /// With one staker: its coldkey (``stakers``[0]) and its share, kept inline.
  private var soleStaker = ColdkeyID.outside
  private var soleShare = 0.0

  public init(hotkey: HotkeyID) { self.hotkey = hotkey }

  /// Whether anyone stakes here (read from the pool itself, not from ``stakers``' buffer).
  @inline(__always) public var hasStakers: Bool { stakerCount > 0 }

  /// Equal pools hold the same stakers, shares and totals (the inline copies follow from them).
  public static func == (a: StakePool, b: StakePool) -> Bool {
    a.hotkey == b.hotkey && a.amount == b.amount && a.stakers == b.stakers && a.shares == b.shares
      && a.totalShares == b.totalShares && a.sharesAreSane == b.sharesAreSane && a.stakerCount == b.stakerCount
  }

  /// The index of `coldkey` among the stakers.
  @inlinable public func stakerIndex(_ coldkey: ColdkeyID) -> Int? { stakers.firstIndex(of: coldkey) }

  /// What `coldkey`'s shares are worth now (floored).
  public func value(of coldkey: ColdkeyID) -> UInt64 {
    guard let i = stakerIndex(coldkey) else { return 0 }
    return value(atIndex: i)
  }

  /// What the staker at `index` holds now (floored; the sole staker holds everything).
  public func value(atIndex index: Int) -> UInt64 {
    if stakerCount == 1 { return amount }
    guard totalShares > 0 else { return 0 }
    return min(amount, FixedMath.floorAmount(storedShares[index] / totalShares * Double(amount)))
  }

  /// Adds `units` on behalf of `coldkey`, minting shares at the current value per share.
  public mutating func deposit(_ units: UInt64, for coldkey: ColdkeyID) {
    guard units > 0 else { return }
    let restarts = amount == 0 || totalShares <= 0
    let minted: Double = restarts ? Double(units) : Double(units) * totalShares / Double(amount)
    if !restarts && stakerCount == 1 && soleStaker == coldkey {
      // The sole staker adds to its stake (most pools, every epoch): what the general path below
      // computes for one share, without its search and sum loops, on the inline share.
      let share = soleShare + minted
      soleShare = share
      totalShares = 0 + share
      sharesAreSane = share.isFinite && share >= 0
      amount += units
      return
    }
    settleSoleShare()
    if restarts {
      // An empty pool restarts its share accounting.
      for i in storedShares.indices { storedShares[i] = 0 }
      totalShares = 0
    }
    if let i = stakerIndex(coldkey) {
      storedShares[i] += minted
    } else {
      stakers.append(coldkey)
      storedShares.append(minted)
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
    settleSoleShare()
    if taken == held {
      // Leaving entirely: the last staker takes the remainder too.
      let isLast = stakers.count == 1
      let removed = isLast ? amount : taken
      stakers.remove(at: i)
      storedShares.remove(at: i)
      amount -= removed
      sumShares()
      return removed
    }
    let burnedShares = storedShares[i] * Double(taken) / Double(held)
    storedShares[i] -= burnedShares
    sumShares()
    amount -= taken
    return taken
  }

  /// Sums the shares afresh in index order (the order `reduce(0, +)` adds them) and notes whether
  /// each is finite and non-negative.
  private mutating func sumShares() {
    var sum = 0.0
    var sane = true
    for x in storedShares {
      sum += x
      sane = sane && x.isFinite && x >= 0
    }
    totalShares = sum
    sharesAreSane = sane && storedShares.count == stakers.count
    stakerCount = stakers.count
    if stakerCount == 1, let share = storedShares.first {
      soleStaker = stakers[0]
      soleShare = share
    }
  }

  /// Writes the sole staker's inline share back into ``storedShares`` (before a change that
  /// reads or rewrites the stored shares).
  @inline(__always) private mutating func settleSoleShare() {
    if stakerCount == 1 && storedShares.count == 1 { storedShares[0] = soleShare }
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
    guard totalShares.isFinite, totalShares >= 0, storedShares.count == stakers.count else { return false }
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
