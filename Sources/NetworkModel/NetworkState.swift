/// Where the TAO went: the terms of the network's exact TAO conservation identities.
///
/// genesis + allocated = Σ free balances + Σ pool TAO reserves + Σ subnet-account TAO + root
/// stake + locked + author fees + recycled from accounts;
/// minted = allocated + pending + recycled (pending: minted in the open share piece, not yet
/// allocated); issuance = genesis + minted − recycled − recycled from accounts.
public struct TaoLedger: Sendable, Equatable, Hashable {
  /// TAO issued before the run (all of it held by modelled coldkeys, pools, root stake or the
  /// outside-world coldkey).
  public var genesis: UInt64 = 0
  /// Block emission minted by the halving schedule (spec §9.1), cumulative.
  public var minted: UInt64 = 0
  /// Block emission handed to subnet pools (injection and chain buys, spec §9.6), cumulative.
  public var allocated: UInt64 = 0
  /// Block emission that no subnet received, recycled: `TotalIssuance` is lowered by it, so the
  /// halvings move (spec §17.3). It is the flooring dust of the shares, and all of the emission
  /// when no enabled subnet has a positive share (no subnet, all disabled, or all shares 0).
  public var recycled: UInt64 = 0
  /// TAO locked by subnet registrations (spec §11.5).
  public var locked: UInt64 = 0
  /// Swap fees paid to block authors (spec §17.6), cumulative. Block authors are outside the
  /// model: the TAO leaves the modelled accounts but stays in issuance.
  public var authorFees: UInt64 = 0
  /// TAO recycled from subnet accounts (`recycle_tao`): the lock beyond the pool at registration
  /// (spec §17.2, before 2026-04) and, at dissolution, the protocol's share of the pool and the
  /// account's residue (spec §17.4). `TotalIssuance` is lowered by it.
  public var recycledFromAccounts: UInt64 = 0
  public init() {}
}

/// The whole chain-visible state of the network at one block.
///
/// A value type: handing it to an agent or a policy costs a reference count (arrays are
/// copy-on-write). Only the World mutates it. Root (netuid 0) has no ``Subnet`` record: its
/// state is the root stake (``rootPools``) and the root weights.
public struct NetworkState: Sendable {
  /// Global parameters.
  public var chain: ChainParameters
  /// The block this state describes.
  public var block: Int64 = 0
  /// All hotkeys, by ``HotkeyID``.
  public var hotkeys: [Hotkey] = []
  /// All coldkeys, by ``ColdkeyID``; index 0 is the outside world.
  public var coldkeys: ColdkeyTable = [Coldkey(balance: 0)]
  /// Subnets by netuid; index 0 (root) and dissolved slots are `nil`.
  public var subnets: SubnetTable = [nil]
  /// Root TAO stake pools, one per hotkey that ever held root stake.
  public var rootPools: [StakePool] = []
  /// Root weights per root pool (parallel to ``rootPools``): weight per netuid (index 0 unused).
  public var rootWeights: [[Double]] = []
  /// Σ root stake (TAO_root, spec §9.5), kept in step by every root stake operation.
  public private(set) var totalRootStake: UInt64 = 0
  /// TAO issuance at ``block`` (chain `TotalIssuance`, spec §9.1).
  public var taoIssuance: UInt64 = 0
  /// TAO conservation terms.
  public var taoLedger = TaoLedger()
  /// Subnet lock cost state (spec §11.5).
  public var lockCost: SubnetLockCost

  public init(chain: ChainParameters) {
    self.chain = chain
    self.lockCost = SubnetLockCost(lastLock: chain.minLockCost, lastBlock: -chain.lockReductionInterval)
  }

  /// The live subnets' netuids in ascending order.
  public var subnetIDs: [SubnetID] {
    subnets.indices.compactMap { subnets[$0] == nil ? nil : SubnetID($0) }
  }

  /// The number of live (non-root) subnets.
  public var subnetCount: Int { subnets.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

  /// The root stake on `hotkey` (rao).
  @inlinable public func rootStake(of hotkey: HotkeyID) -> UInt64 {
    let p = hotkeys[hotkey.index].rootPool
    return p < 0 ? 0 : rootPools[Int(p)].amount
  }

  /// Creates a coldkey holding `balance` taken from the outside world (exactly conserved).
  ///
  /// - Returns: `nil` when the outside world holds less than `balance`.
  public mutating func createColdkey(fundedWith balance: UInt64) -> ColdkeyID? {
    guard coldkeys[0].balance >= balance else { return nil }
    coldkeys[0].balance -= balance
    coldkeys.append(Coldkey(balance: balance))
    return ColdkeyID(coldkeys.count - 1)
  }

  /// Creates a hotkey owned by `owner`.
  public mutating func createHotkey(owner: ColdkeyID, role: NeuronClass, take: UInt16? = nil) -> HotkeyID {
    hotkeys.append(Hotkey(owner: owner, role: role, take: take ?? chain.defaultTake, createdAt: block))
    return HotkeyID(hotkeys.count - 1)
  }

  /// Moves `amount` of free TAO between coldkeys; `false` if the payer holds less.
  @discardableResult
  public mutating func transfer(_ amount: UInt64, from payer: ColdkeyID, to payee: ColdkeyID) -> Bool {
    guard coldkeys[payer.index].balance >= amount else { return false }
    coldkeys[payer.index].balance -= amount
    coldkeys[payee.index].balance += amount
    return true
  }

  // MARK: - Root stake

  /// The index of `hotkey`'s root pool, creating it if needed.
  public mutating func rootPoolIndex(for hotkey: HotkeyID) -> Int {
    let p = hotkeys[hotkey.index].rootPool
    if p >= 0 { return Int(p) }
    rootPools.append(StakePool(hotkey: hotkey))
    rootWeights.append([])
    hotkeys[hotkey.index].rootPool = Int32(rootPools.count - 1)
    return rootPools.count - 1
  }

  /// Stakes `tao` of `coldkey`'s free balance on root to `hotkey`; `false` if the balance is short.
  @discardableResult
  public mutating func addRootStake(_ tao: UInt64, coldkey: ColdkeyID, hotkey: HotkeyID) -> Bool {
    guard tao > 0, coldkeys[coldkey.index].balance >= tao else { return false }
    coldkeys[coldkey.index].balance -= tao
    creditRootStake(tao, coldkey: coldkey, hotkey: hotkey)
    return true
  }

  /// Adds `tao` (already taken from somewhere) to `coldkey`'s root stake on `hotkey`.
  public mutating func creditRootStake(_ tao: UInt64, coldkey: ColdkeyID, hotkey: HotkeyID) {
    let i = rootPoolIndex(for: hotkey)
    rootPools[i].deposit(tao, for: coldkey)
    totalRootStake += tao
  }

  /// Adds `tao` to `hotkey`'s root pool pro rata to its stakers (compounding).
  public mutating func compoundRootStake(_ tao: UInt64, hotkey: HotkeyID) {
    guard tao > 0 else { return }
    let i = rootPoolIndex(for: hotkey)
    if !rootPools[i].hasStakers {
      rootPools[i].deposit(tao, for: hotkeys[hotkey.index].owner)
    } else {
      rootPools[i].compound(tao)
    }
    totalRootStake += tao
  }

  /// Unstakes up to `tao` of `coldkey`'s root stake on `hotkey` back to its free balance.
  @discardableResult
  public mutating func removeRootStake(_ tao: UInt64, coldkey: ColdkeyID, hotkey: HotkeyID) -> UInt64 {
    let p = hotkeys[hotkey.index].rootPool
    guard p >= 0 else { return 0 }
    let out = rootPools[Int(p)].withdraw(tao, for: coldkey)
    totalRootStake -= out
    coldkeys[coldkey.index].balance += out
    return out
  }

  /// Recomputes Σ root stake from the pools (for invariant checks).
  public var recomputedRootStake: UInt64 { rootPools.totalAmount }
}
