/// One coldkey's conviction lock on one subnet, bound to one hotkey (spec §17.8, `staking/lock.rs`).
public struct ConvictionLock: Sendable, Equatable {
  /// The hotkey the lock is bound to.
  public var hotkey: HotkeyID
  /// Locked mass M (alpha base units).
  public var mass: UInt64
  /// Conviction C (alpha base units, real).
  public var conviction: Double
  /// The block M and C describe.
  public var lastUpdate: Int64
  /// Decaying (default) or perpetual (`DecayingLock = false`).
  public var decaying: Bool

  public init(hotkey: HotkeyID, mass: UInt64, conviction: Double, lastUpdate: Int64, decaying: Bool = true) {
    self.hotkey = hotkey
    self.mass = mass
    self.conviction = conviction
    self.lastUpdate = lastUpdate
    self.decaying = decaying
  }

  /// A lock whose mass and conviction are both below this is zeroed (`lock.rs`).
  public static let dust = 100.0

  /// The lock rolled forward to `block` (spec §17.8, `lock.rs:355-456`), with e_u = e^{−Δt/τ_u},
  /// e_m = e^{−Δt/τ_m} (exponents clamped at −40):
  /// decaying: M′ = ⌊M e_u⌋, C′ = C e_m + M γ, γ = τ_u (e_u − e_m)/(τ_u − τ_m), or (Δt/τ_m) e_m when
  /// τ_u = τ_m; perpetual: M′ = M, C′ = C e_m + M (1 − e_m); on the subnet-owner hotkey C′ = M′.
  /// M and C both below 100 ⇒ both 0 (a fresh lock, C = 0, keeps its mass).
  public func rolled(to block: Int64, rates: LockRates, ownerHotkey: HotkeyID) -> ConvictionLock {
    var out = self
    out.lastUpdate = max(block, lastUpdate)
    let dt = Double(max(0, block - lastUpdate))
    let tu = rates.unlockBlocks
    let tm = rates.maturityBlocks
    let eu = RealMath.exp(max(-40, -dt / tu))
    let em = RealMath.exp(max(-40, -dt / tm))
    let m = Double(mass)
    if decaying {
      let gamma = tu == tm ? (dt / tm) * em : tu * (eu - em) / (tu - tm)
      out.mass = FixedMath.floorAmount(m * eu)
      out.conviction = conviction * em + m * gamma
    } else {
      out.conviction = conviction * em + m * (1 - em)
    }
    if hotkey == ownerHotkey { out.conviction = Double(out.mass) }
    if Double(out.mass) < Self.dust && out.conviction < Self.dust {
      out.mass = 0
      out.conviction = 0
    }
    return out
  }
}

/// `UnlockRate` τ_u and `MaturityRate` τ_m in blocks (spec §17.8, `lib.rs:1612-1628`).
public struct LockRates: Sendable, Equatable, Hashable {
  /// Default 934 866 (half-life 648 000 blocks = 90 days).
  public var unlockBlocks: Double = 934_866
  /// Default 934 866.
  public var maturityBlocks: Double = 934_866
  public init() {}
}

/// A subnet's conviction locks, one per coldkey, in the order they were first made.
public struct ConvictionLocks: Sendable {
  public private(set) var byColdkey: [ColdkeyID: ConvictionLock] = [:]
  /// `LockingColdkeys`, in first-lock order (the walk order of every aggregate).
  public private(set) var coldkeys: [ColdkeyID] = []
  public init() {}

  /// Whether no coldkey holds a lock.
  @inlinable public var isEmpty: Bool { coldkeys.isEmpty }

  /// `coldkey`'s lock rolled to `block` (nil if none).
  public func lock(of coldkey: ColdkeyID, at block: Int64, rates: LockRates, ownerHotkey: HotkeyID) -> ConvictionLock? {
    byColdkey[coldkey]?.rolled(to: block, rates: rates, ownerHotkey: ownerHotkey)
  }

  /// Stores `lock` for `coldkey`.
  public mutating func set(_ lock: ConvictionLock, for coldkey: ColdkeyID) {
    if byColdkey[coldkey] == nil { coldkeys.append(coldkey) }
    byColdkey[coldkey] = lock
  }

  /// Rolls every lock to `block` (a touch of all of them).
  public mutating func roll(to block: Int64, rates: LockRates, ownerHotkey: HotkeyID) {
    for c in coldkeys { byColdkey[c] = byColdkey[c]!.rolled(to: block, rates: rates, ownerHotkey: ownerHotkey) }
  }

  /// Σ conviction per hotkey in first-lock order, and Σ of all (the locks as stored).
  public func convictionByHotkey() -> (hotkeys: [HotkeyID], conviction: [Double], total: Double) {
    var hotkeys: [HotkeyID] = []
    var values: [Double] = []
    var total = 0.0
    for c in coldkeys {
      let l = byColdkey[c]!
      total += l.conviction
      if let k = hotkeys.firstIndex(of: l.hotkey) { values[k] += l.conviction } else {
        hotkeys.append(l.hotkey)
        values.append(l.conviction)
      }
    }
    return (hotkeys, values, total)
  }

  /// The owner-change rule's king (spec §17.8, `lock.rs:1140-1357`): when 10·ΣC ≥ `alphaOut` > 0,
  /// the hotkey with the most conviction (ties: the last maximum in walk order); else `nil`.
  public func king(alphaOut: UInt64) -> HotkeyID? {
    let (hotkeys, values, total) = convictionByHotkey()
    guard alphaOut > 0, !hotkeys.isEmpty, 10 * total >= Double(alphaOut) else { return nil }
    var best = 0
    for k in hotkeys.indices where values[k] >= values[best] { best = k }
    return values[best] > 0 ? hotkeys[best] : nil
  }
}
