/// One parent → child link on a subnet (spec §17.5): the child inherits `proportion`/(2⁶⁴ − 1)
/// of the parent's own stake.
public struct ChildLink: Sendable, Equatable, Hashable {
  /// The other end of the link (the child in a parent's list, the parent in a child's list).
  public var hotkey: HotkeyID
  /// The proportion as the chain stores it (u64; 2⁶⁴ − 1 = all).
  public var proportion: UInt64

  public init(hotkey: HotkeyID, proportion: UInt64) {
    self.hotkey = hotkey
    self.proportion = proportion
  }

  /// π = proportion / (2⁶⁴ − 1).
  @inlinable public var fraction: Double { Double(proportion) / 18_446_744_073_709_551_615.0 }
}

/// A child set waiting for its cool-down (spec §17.5.3, `PendingChildKeys`).
public struct PendingChildren: Sendable, Equatable {
  public var parent: HotkeyID
  public var children: [ChildLink]
  /// The block after which the set is applied (at the subnet's next epoch).
  public var coolDownUntil: Int64

  public init(parent: HotkeyID, children: [ChildLink], coolDownUntil: Int64) {
    self.parent = parent
    self.children = children
    self.coolDownUntil = coolDownUntil
  }
}

/// A subnet's child keys (`ChildKeys`, `ParentKeys`, `PendingChildKeys`), childkey takes and
/// their rate-limit clocks (spec §17.5.3–§17.5.4).
///
/// Lists are arrays in the order links were made, so every walk over them is deterministic;
/// the dictionaries are only looked up, never iterated.
public struct ChildKeyTable: Sendable {
  /// Most children per parent (`set_children.rs:36`).
  public static let maxChildren = 5
  /// The proportion that passes everything (2⁶⁴ − 1).
  public static let wholeStake = UInt64.max
  /// `SetChildren` rate limit per (hotkey, subnet) in blocks (`rate_limiting.rs:27`).
  public static let setRateLimit: Int64 = 150

  public private(set) var children: [HotkeyID: [ChildLink]] = [:]
  public private(set) var parents: [HotkeyID: [ChildLink]] = [:]
  /// Sets waiting for their cool-down, in the order they were made.
  public var pending: [PendingChildren] = []
  /// Last `set_children` per parent hotkey (rate limit).
  public var lastSet: [HotkeyID: Int64] = [:]
  /// Stored `ChildkeyTake` per hotkey (u16/65 535; absent = 0).
  public var childkeyTake: [HotkeyID: UInt16] = [:]
  /// Last childkey-take change per hotkey (rate limit of increases).
  public var takeChangedAt: [HotkeyID: Int64] = [:]
  /// Number of links (for cheap emptiness checks on the epoch path).
  public private(set) var linkCount = 0

  public init() {}

  /// The children of `parent` (empty if none).
  @inlinable public func children(of parent: HotkeyID) -> [ChildLink] { children[parent] ?? [] }
  /// The parents of `child` (empty if none).
  @inlinable public func parents(of child: HotkeyID) -> [ChildLink] { parents[child] ?? [] }
  /// Whether the subnet has any link.
  @inlinable public var isEmpty: Bool { linkCount == 0 }

  /// Why a child set is refused (spec §17.5.3), or `nil` if it is acceptable: at most five
  /// children, proportions summing to ≤ 2⁶⁴ − 1, no self, no duplicate, no child that is a
  /// parent of `parent` (one level only).
  public func refusal(parent: HotkeyID, children new: [ChildLink]) -> String? {
    if new.count > Self.maxChildren { return "more than \(Self.maxChildren) children" }
    var sum: UInt64 = 0
    for (k, c) in new.enumerated() {
      if c.hotkey == parent { return "a hotkey cannot be its own child" }
      if new[..<k].contains(where: { $0.hotkey == c.hotkey }) { return "a child appears twice" }
      if parents(of: parent).contains(where: { $0.hotkey == c.hotkey }) { return "a child is a parent of the pivot" }
      let (s, overflow) = sum.addingReportingOverflow(c.proportion)
      if overflow { return "proportions sum past 2^64 - 1" }
      sum = s
    }
    return nil
  }

  /// Replaces `parent`'s children by `new` at once (zero proportions are dropped).
  public mutating func apply(parent: HotkeyID, children new: [ChildLink]) {
    for old in children(of: parent) {
      parents[old.hotkey]?.removeAll { $0.hotkey == parent }
      if parents[old.hotkey]?.isEmpty == true { parents[old.hotkey] = nil }
      linkCount -= 1
    }
    let kept = new.filter { $0.proportion > 0 }
    children[parent] = kept.isEmpty ? nil : kept
    for c in kept {
      parents[c.hotkey, default: []].append(ChildLink(hotkey: parent, proportion: c.proportion))
      linkCount += 1
    }
  }

  /// Applies every pending set whose cool-down ended before `block` (spec §17.5.3), in order.
  public mutating func applyDue(at block: Int64) {
    guard !pending.isEmpty else { return }
    var keep: [PendingChildren] = []
    for p in pending {
      if p.coolDownUntil < block { apply(parent: p.parent, children: p.children) } else { keep.append(p) }
    }
    pending = keep
  }

  /// Removes every link of `hotkey` (as parent and as child) and its pending sets.
  public mutating func removeAll(of hotkey: HotkeyID) {
    apply(parent: hotkey, children: [])
    for p in parents(of: hotkey) {
      children[p.hotkey]?.removeAll { $0.hotkey == hotkey }
      if children[p.hotkey]?.isEmpty == true { children[p.hotkey] = nil }
      linkCount -= 1
    }
    parents[hotkey] = nil
    pending.removeAll { $0.parent == hotkey }
  }

  /// The stake `hotkey` has in the epoch (spec §17.5.1): its own stake less what its children
  /// take, plus what its parents pass on — one level: parents contribute their own stake only.
  ///
  /// ⌊x_h − Σ_c x_h π_{h→c} + Σ_p x_p π_{p→h}⌋ with `own` giving x for any hotkey.
  public func inheritedStake(of hotkey: HotkeyID, own: (HotkeyID) -> UInt64) -> UInt64 {
    let mine = own(hotkey)
    let kids = children(of: hotkey)
    let ups = parents(of: hotkey)
    if kids.isEmpty && ups.isEmpty { return mine }
    var x = Double(mine)
    for c in kids { x -= Double(mine) * c.fraction }
    for p in ups { x += Double(own(p.hotkey)) * p.fraction }
    return FixedMath.floorAmount(max(0, x))
  }

  /// The effective childkey take of `hotkey` as u16: max(stored, minimum) (spec §17.5.4).
  public func effectiveTake(of hotkey: HotkeyID, minimum: UInt16) -> UInt16 {
    max(childkeyTake[hotkey] ?? 0, minimum)
  }
}
