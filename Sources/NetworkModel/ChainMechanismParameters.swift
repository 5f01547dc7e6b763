/// How root dividends reach root stakers (spec §17.7).
public enum RootClaimTiming: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Paid at each epoch: sold to the pool and compounded on the hotkey's root stake (before the
  /// claim infrastructure of 2025-09).
  case immediate
  /// Accrued per (hotkey, subnet) and claimed per coldkey when the chain draws it (since 2025-09).
  case claimed
}

/// What a root claim does with the owed alpha (`RootClaimType`, spec §17.7).
public enum RootClaimType: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Sell the alpha fee-free and stake the TAO on root to the same (hotkey, coldkey) (default).
  case swap
  /// Keep it as alpha stake of (hotkey, coldkey) on the subnet.
  case keep
}

/// Root dividend claims (spec §17.7, §17.11).
public struct RootClaimParameters: Sendable, Equatable, Hashable {
  /// Paid at once or claimed. Default `.claimed` (since 2025-09).
  public var timing: RootClaimTiming = .claimed
  /// Every coldkey's `RootClaimType`. Default `.swap`.
  public var type: RootClaimType = .swap
  /// `NumRootClaim` k: coldkeys drawn per block. Default 5 (at most 50).
  public var perBlock: Int = 5
  /// `RootClaimableThreshold` in base units. Default 500 000 (0.0005 alpha; at most 10⁷).
  public var threshold: UInt64 = 500_000
  public init() {}
}

/// Child keys (spec §17.5, §17.11).
public struct ChildKeyParameters: Sendable, Equatable, Hashable {
  /// `AutoParentDelegationEnabled` of every root hotkey: each new subnet's owner hotkey becomes
  /// the child (proportion 2⁶⁴ − 1) of every root validator (since 2026-03-16). Default true.
  public var autoParent = true
  /// Genesis subnets younger than this many blocks are auto-parented at genesis, as the chain
  /// did at their registration (a snapshot's subnets registered since 2026-03-16). Default 0 = none.
  public var genesisYoungerThanBlocks: Int64 = 0
  /// `PendingChildKeyCooldown` in blocks. Default 7 200.
  public var coolDownBlocks: Int64 = 7_200
  /// `MinChildkeyTake` (u16). Default 0.
  public var minTake: UInt16 = 0
  /// `MaxChildkeyTake` (u16). Default 11 796 (18 %).
  public var maxTake: UInt16 = 11_796
  public init() {}
}

/// Rate limits of take increases (spec §17.9, §17.5.4): an increase is refused when the last
/// change was less than the limit ago (and there was one); decreases are free but reset the clock.
public struct TakeRateLimits: Sendable, Equatable, Hashable {
  /// `TxDelegateTakeRateLimit` in blocks, one clock per hotkey. Default 216 000 (30 days).
  public var delegateBlocks: Int64 = 216_000
  /// `TxChildkeyTakeRateLimit` in blocks, one clock per (hotkey, subnet). Default 216 000.
  public var childkeyBlocks: Int64 = 216_000
  /// `MaxDelegateTake` (u16). Default 11 796.
  public var maxDelegateTake: UInt16 = 11_796
  public init() {}

  /// Whether changing a take from `old` to `new` at `block` is allowed, with the last change at
  /// `last` (0 = never; `increase_take.rs:47-66`, `rate_limiting.rs:264-271`): strictly greater
  /// and blocked iff last ≠ 0 and block − last ≤ limit; strictly smaller always; equal never.
  public static func allows(old: UInt16, new: UInt16, last: Int64, block: Int64, limit: Int64) -> Bool {
    if new < old { return true }
    if new == old { return false }
    return last == 0 || block - last > limit
  }
}

/// Conviction locks and the conviction-based owner change (spec §17.8, §17.11).
public struct LockParameters: Sendable, Equatable, Hashable {
  /// Whether `lock_stake` exists and owners change by conviction (locks since 2026-04-17, owner
  /// change switched on 2026-06-26/30). Default true.
  public var enabled = true
  /// `UnlockRate`, `MaturityRate`.
  public var rates = LockRates()
  /// A subnet's age before its owner can change (`ONE_YEAR`, 2 629 800 blocks).
  public var ownerChangeAgeBlocks: Int64 = 2_629_800
  /// `OwnerCutAutoLockEnabled` of every subnet: each epoch's owner cut is locked. Default false.
  public var ownerCutAutoLock = false
  public init() {}
}
