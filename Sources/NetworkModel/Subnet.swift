import EpochTypes

/// One subnet: its neurons, chain-visible epoch state, pool, stake and emission bookkeeping.
///
/// Per-UID arrays (``hotkeys`` and ``chain``) have one entry per registered UID. Stake belongs to
/// hotkeys (``alphaPools``), not to UIDs: a pruned hotkey keeps its stake (spec §11.1).
public struct Subnet: Sendable {
  /// The netuid.
  public var id: SubnetID
  /// Hyperparameters (defaults plus this subnet's overrides).
  public var hyper: SubnetHyperparameters
  /// The owner's coldkey.
  public var ownerColdkey: ColdkeyID
  /// `SubnetOwnerHotkey`.
  public var ownerHotkey: HotkeyID
  /// The block the subnet was registered.
  public var registeredAt: Int64
  /// The hotkey holding each UID.
  public var hotkeys: [HotkeyID] = []
  /// Hotkey → UID for registered hotkeys (lookups only; never iterated).
  public var uidOfHotkey: [HotkeyID: Int] = [:]
  /// The epoch-facing state (stake copies, registration, LastUpdate, permits, revealed weights,
  /// bonds; spec §14).
  public var chain: SubnetEpochState
  /// Last epoch's stored `Emission` per UID (pruning score, spec §11.3), base units.
  public var lastEmission: [UInt64] = []
  /// Last epoch's dividends share per UID (unquantised), for observers.
  public var lastDividendShare: [Double] = []
  /// Last epoch's incentive share per UID (unquantised), for observers.
  public var lastIncentiveShare: [Double] = []
  /// The TAO/alpha pool.
  public var pool: LiquidityPool
  /// Alpha stake pools, one per hotkey that ever held stake here.
  public var alphaPools: [StakePool] = []
  /// Hotkey → index into ``alphaPools`` (lookups only).
  public var alphaPoolOfHotkey: [HotkeyID: Int] = [:]
  /// Per UID: the index of its hotkey's alpha pool, or −1 if the hotkey holds none yet (a cache
  /// that spares the per-epoch dictionary lookups).
  public private(set) var uidPool: [Int32] = []
  /// Undistributed emission.
  public var pending = PendingEmission()
  /// Alpha conservation terms.
  public var ledger = AlphaLedger()
  /// `SubnetMovingPrice` P̄ (spec §9.4).
  public var emaPrice: Double = 0
  /// Registration burn price state (spec §11.2).
  public var burn: RegistrationBurn
  /// `SubnetEpochIndex` (spec §2).
  public var epochIndex: Int64 = 0
  /// `LastEpochBlock` L (spec §2).
  public var lastEpochBlock: Int64
  /// Fraction of the last epoch's miner emission that was burned (owner-miner burn, spec §8.2).
  public var minerBurnedFraction: Double = 0
  /// Net TAO staked into the pool since the last share refresh (stake − unstake, rao).
  public var netTaoFlowSinceRefresh: Double = 0
  /// EMA of the net TAO inflow per block (tao-flow policy, spec §9.3 history).
  public var taoFlowEMA: Double = 0
  /// TAO on the subnet account outside the pool reserve (rao): the swap fees of neuron
  /// registration burns, which the chain keeps there (spec §17.6); recycled at dissolution (§17.4).
  public var accountTao: UInt64 = 0
  /// `SubnetLocked`: the TAO the owner paid to register (rao; 0 for genesis subnets), read by the
  /// legacy owner refund (spec §17.4).
  public var lockedTao: UInt64 = 0
  /// The dissolution terms fixed at registration (spec §17.4).
  public var dissolutionTerms: DissolutionTerms = .legacy
  /// The block at which the subnet's emission is to be enabled (spec §17.2), or `nil` if nothing
  /// is scheduled.
  public var emissionEnableBlock: Int64? = nil
  /// Child keys and childkey takes (spec §17.5).
  public var childKeys = ChildKeyTable()
  /// Root dividends accrued and not yet claimed (spec §17.7).
  public var rootClaims = RootClaimBook()
  /// Conviction locks (spec §17.8).
  public var locks = ConvictionLocks()
  /// Total alpha staked (Σ ``alphaPools`` amounts), kept in step by every stake operation.
  public private(set) var totalStaked: UInt64 = 0

  public init(
    id: SubnetID, hyper: SubnetHyperparameters, ownerColdkey: ColdkeyID, ownerHotkey: HotkeyID,
    registeredAt: Int64, pool: LiquidityPool
  ) {
    self.id = id
    self.hyper = hyper
    self.ownerColdkey = ownerColdkey
    self.ownerHotkey = ownerHotkey
    self.registeredAt = registeredAt
    self.chain = SubnetEpochState(n: 0, registeredAt: registeredAt)
    self.pool = pool
    self.burn = RegistrationBurn(initial: hyper.initialBurn, at: registeredAt)
    // Stagger: L = registration block − (netuid mod T) (spec §2).
    self.lastEpochBlock = registeredAt - Int64(id.rawValue) % hyper.tempo
    self.ledger.mintedIn = pool.alphaReserve
  }

  /// The number of registered UIDs.
  @inlinable public var n: Int { hotkeys.count }

  /// The alpha alpha-spot price (TAO per alpha).
  @inlinable public var spotPrice: Double { pool.spotPrice }

  /// Alpha issuance: reserve + outstanding, unclaimed root dividends included (spec §9.1, §17.7).
  public var alphaIssuance: UInt64 {
    pool.alphaReserve + totalStaked + pending.total + ledger.protocolHeld + ledger.burned + rootClaims.unpaid
  }

  /// The alpha staked to the hotkey at `uid`.
  @inlinable public func alphaStake(uid: Int) -> UInt64 {
    let p = uidPool[uid]
    return p < 0 ? 0 : alphaPools[Int(p)].amount
  }

  /// The alpha staked to `hotkey` here.
  public func alphaStake(of hotkey: HotkeyID) -> UInt64 {
    guard let i = alphaPoolOfHotkey[hotkey] else { return 0 }
    return alphaPools[i].amount
  }

  /// The next block at which this subnet's epoch is due: L + T (spec §2).
  @inlinable public var nextEpochBlock: Int64 { lastEpochBlock + hyper.tempo }

  // MARK: - Stake pools

  /// The index of `hotkey`'s alpha pool, creating an empty one if needed.
  public mutating func alphaPoolIndex(for hotkey: HotkeyID) -> Int {
    if let i = alphaPoolOfHotkey[hotkey] { return i }
    alphaPools.append(StakePool(hotkey: hotkey))
    let index = alphaPools.count - 1
    alphaPoolOfHotkey[hotkey] = index
    if let uid = uidOfHotkey[hotkey] { uidPool[uid] = Int32(index) }
    return index
  }

  /// The alpha pool index of the hotkey at `uid`, creating the pool if needed.
  @inlinable public mutating func alphaPoolIndex(uid: Int) -> Int {
    let p = uidPool[uid]
    return p >= 0 ? Int(p) : alphaPoolIndex(for: hotkeys[uid])
  }

  /// Credits `alpha` to `coldkey`'s stake on the hotkey at `uid` (minting shares).
  public mutating func depositAlpha(_ alpha: UInt64, uid: Int, coldkey: ColdkeyID) {
    guard alpha > 0 else { return }
    deposit(alpha, pool: alphaPoolIndex(uid: uid), coldkey: coldkey)
  }

  /// Credits `alpha` to `coldkey`'s stake on `hotkey` (minting shares).
  public mutating func depositAlpha(_ alpha: UInt64, hotkey: HotkeyID, coldkey: ColdkeyID) {
    guard alpha > 0 else { return }
    deposit(alpha, pool: alphaPoolIndex(for: hotkey), coldkey: coldkey)
  }

  /// Adds `alpha` to the pool of the hotkey at `uid` for its stakers pro rata; if nobody stakes
  /// there yet, it is deposited for `fallbackOwner`.
  public mutating func compoundAlpha(_ alpha: UInt64, uid: Int, fallbackOwner: ColdkeyID) {
    guard alpha > 0 else { return }
    compound(alpha, pool: alphaPoolIndex(uid: uid), fallbackOwner: fallbackOwner)
  }

  /// Adds `alpha` to `hotkey`'s pool for its stakers pro rata; if nobody stakes there yet, it is
  /// deposited for `fallbackOwner`.
  public mutating func compoundAlpha(_ alpha: UInt64, hotkey: HotkeyID, fallbackOwner: ColdkeyID) {
    guard alpha > 0 else { return }
    compound(alpha, pool: alphaPoolIndex(for: hotkey), fallbackOwner: fallbackOwner)
  }

  mutating func deposit(_ alpha: UInt64, pool i: Int, coldkey: ColdkeyID) {
    alphaPools[i].deposit(alpha, for: coldkey)
    totalStaked += alpha
  }

  mutating func compound(_ alpha: UInt64, pool i: Int, fallbackOwner: ColdkeyID) {
    if !alphaPools[i].hasStakers {
      alphaPools[i].deposit(alpha, for: fallbackOwner)
    } else {
      alphaPools[i].compound(alpha)
    }
    totalStaked += alpha
  }

  /// Removes up to `alpha` of `coldkey`'s stake on `hotkey`; returns the amount removed.
  public mutating func withdrawAlpha(_ alpha: UInt64, hotkey: HotkeyID, coldkey: ColdkeyID) -> UInt64 {
    guard let i = alphaPoolOfHotkey[hotkey] else { return 0 }
    let out = alphaPools[i].withdraw(alpha, for: coldkey)
    totalStaked -= out
    return out
  }

  /// Recomputes ``totalStaked`` from the pools (for invariant checks).
  public var recomputedTotalStaked: UInt64 { alphaPools.totalAmount }

  // MARK: - Neurons

  /// Appends a new UID for `hotkey` registered at `block` (spec §11.1).
  public mutating func appendNeuron(_ hotkey: HotkeyID, at block: Int64) -> Int {
    let uid = hotkeys.count
    hotkeys.append(hotkey)
    uidOfHotkey[hotkey] = uid
    uidPool.append(alphaPoolOfHotkey[hotkey].map { Int32($0) } ?? -1)
    chain.alphaStake.append(alphaStake(of: hotkey))
    chain.rootStake.append(0)
    chain.registrationBlock.append(block)
    chain.lastUpdate.append(block)
    chain.validatorPermit.append(false)
    chain.weights.append([])
    chain.bonds.append([])
    chain.earliestCommitBlock.append(nil)
    lastEmission.append(0)
    lastDividendShare.append(0)
    lastIncentiveShare.append(0)
    if hotkey == ownerHotkey { chain.ownerUID = uid }
    return uid
  }

  /// Gives UID `uid` to `hotkey` at `block` (spec §11.1, §5.4): R = LU = block, permit false,
  /// its own weight and bond rows cleared, other rows' weight values on it zeroed (entries kept),
  /// bond entries pointing at it removed, its last-epoch terms reset. Stake is not moved.
  public mutating func replaceNeuron(uid: Int, with hotkey: HotkeyID, at block: Int64) {
    let old = hotkeys[uid]
    uidOfHotkey[old] = nil
    hotkeys[uid] = hotkey
    uidOfHotkey[hotkey] = uid
    uidPool[uid] = alphaPoolOfHotkey[hotkey].map { Int32($0) } ?? -1
    chain.registrationBlock[uid] = block
    chain.lastUpdate[uid] = block
    chain.validatorPermit[uid] = false
    chain.weights[uid] = []
    chain.bonds[uid] = []
    chain.earliestCommitBlock[uid] = nil
    for row in chain.weights.indices where !chain.weights[row].isEmpty {
      if let k = chain.weights[row].firstIndex(where: { $0.uid == uid }) { chain.weights[row][k].value = 0 }
    }
    for row in chain.bonds.indices where !chain.bonds[row].isEmpty {
      chain.bonds[row].removeAll { $0.uid == uid }
    }
    chain.alphaStake[uid] = alphaStake(uid: uid)
    chain.rootStake[uid] = 0
    lastEmission[uid] = 0
    lastDividendShare[uid] = 0
    lastIncentiveShare[uid] = 0
    if old == ownerHotkey, chain.ownerUID == uid { chain.ownerUID = nil }
    if hotkey == ownerHotkey { chain.ownerUID = uid }
  }
}
