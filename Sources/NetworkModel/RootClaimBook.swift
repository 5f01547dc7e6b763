/// A (hotkey, coldkey) pair: one root staker's position on one root validator.
public struct RootPosition: Sendable, Hashable {
  public var hotkey: HotkeyID
  public var coldkey: ColdkeyID
  public init(hotkey: HotkeyID, coldkey: ColdkeyID) {
    self.hotkey = hotkey
    self.coldkey = coldkey
  }
}

/// A subnet's root dividends not yet claimed (spec §17.7, `claim_root.rs`).
///
/// Per root hotkey h: the rate r_h (alpha per unit of h's root stake, `RootClaimable`) and the
/// alpha accrued but not yet paid (kept in base units so the subnet's alpha is conserved
/// exactly). Per (h, c): the debt d (`RootClaimed`). Owed to (h, c): r_h·t_{h,c} − d; a change
/// of c's root stake on h by Δt shifts d by r_h·Δt, so no claim is retroactive.
public struct RootClaimBook: Sendable {
  /// Rate r_h per root hotkey.
  public private(set) var rate: [HotkeyID: Double] = [:]
  /// The hotkeys with a rate, in the order they first accrued (for deterministic walks).
  public private(set) var hotkeys: [HotkeyID] = []
  /// Alpha accrued to each hotkey and not yet paid (base units).
  public private(set) var unpaidOf: [HotkeyID: UInt64] = [:]
  /// Debt d per position (built from the slots below; entries in the order they were made).
  public var debt: [RootPosition: Double] {
    Dictionary(uniqueKeysWithValues: zip(debtPositions, debtValues))
  }
  /// Each position's slot in ``debtValues``: a position gets one the first time its debt is
  /// written (as the dictionary's `default: 0` entry was), and keeps it.
  private var debtSlotOf: [RootPosition: Int] = [:]
  private var debtPositions: [RootPosition] = []
  /// Debt d per slot.
  private var debtValues: [Double] = []
  /// Σ unpaid alpha (base units), counted in the subnet's alpha.
  public private(set) var unpaid: UInt64 = 0

  public init() {}

  /// Accrues `alpha` root dividends of `hotkey` whose total root stake is `rootStake` (spec
  /// §17.7: r += A / t_h). Nothing accrues when t_h = 0.
  ///
  /// - Returns: whether it was accrued (the caller must otherwise place the alpha elsewhere).
  public mutating func accrue(_ alpha: UInt64, hotkey: HotkeyID, rootStake: UInt64) -> Bool {
    guard alpha > 0, rootStake > 0 else { return false }
    if rate[hotkey] == nil { hotkeys.append(hotkey) }
    rate[hotkey, default: 0] += Double(alpha) / Double(rootStake)
    unpaidOf[hotkey, default: 0] += alpha
    unpaid += alpha
    return true
  }

  /// What (h, c) is owed with root stake `stake` on h, in base units, floored, at most what h has
  /// unpaid.
  public func owed(_ p: RootPosition, stake: UInt64) -> UInt64 {
    guard let r = rate[p.hotkey] else { return 0 }
    let o = r * Double(stake) - (debtSlotOf[p].map { debtValues[$0] } ?? 0)
    return min(FixedMath.floorAmount(o), unpaidOf[p.hotkey] ?? 0)
  }

  /// Records a payment of `alpha` to (h, c).
  public mutating func paid(_ alpha: UInt64, to p: RootPosition) {
    guard alpha > 0 else { return }
    debtValues[debtSlot(p)] += Double(alpha)
    unpaidOf[p.hotkey]! -= alpha
    unpaid -= alpha
  }

  /// Shifts (h, c)'s debt for a root-stake change of `delta` base units (positive: added).
  public mutating func stakeChanged(_ p: RootPosition, by delta: Double) {
    guard let r = rate[p.hotkey] else { return }
    stakeChanged(p, by: delta, rate: r)
  }

  /// ``stakeChanged(_:by:)`` for a hotkey whose rate the caller has read (`r` = `rate[p.hotkey]`,
  /// which must be non-nil): one dictionary access instead of two.
  public mutating func stakeChanged(_ p: RootPosition, by delta: Double, rate r: Double) {
    var slot = -1
    stakeChanged(p, by: delta, rate: r, slot: &slot)
  }

  /// ``stakeChanged(_:by:rate:)`` with the position's slot kept by the caller: `slot` < 0 is
  /// found (or made) on the first change and reused by the later ones, so a run of changes to one
  /// position costs one dictionary access. The same additions in the same order as the other
  /// forms, so the same debts.
  public mutating func stakeChanged(_ p: RootPosition, by delta: Double, rate r: Double, slot: inout Int) {
    guard delta != 0 else { return }
    if slot < 0 { slot = debtSlot(p) }
    debtValues[slot] += r * delta
  }

  /// The slot of `p`'s debt, made with debt 0 if it has none (0 + x is what the first write adds).
  mutating func debtSlot(_ p: RootPosition) -> Int {
    if let slot = debtSlotOf[p] { return slot }
    debtSlotOf[p] = debtValues.count
    debtPositions.append(p)
    debtValues.append(0)
    return debtValues.count - 1
  }
}
