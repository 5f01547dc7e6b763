/// The coldkeys by ``ColdkeyID`` (index 0 is the outside world), keeping the sum of their free
/// balances as they change.
///
/// Every write goes through the element's `_modify` or `set` accessor (or ``append(_:)``), each of
/// which adds the written balance's change to ``heldTotal`` (wrapping, as the sum is taken), so
/// the total is the sum of the balances actually stored: a balance set wrongly moves it as much as
/// a scan would see. The World's conservation check after each recorded row (World+Invariants)
/// reads the total instead of summing every coldkey; the check at the end of a run and the
/// debug-only checks also compare it with a fresh sum (``scannedTotal``).
///
/// Cost: O(1) per access; ``scannedTotal`` O(coldkeys).
public struct ColdkeyTable: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
  @usableFromInline var slots: [Coldkey]
  @usableFromInline var total: UInt64
  /// Σ free balances (rao, wrapping), kept by every write.
  @inlinable public var heldTotal: UInt64 { total }

  public init(_ slots: [Coldkey]) {
    self.slots = slots
    total = Self.sum(slots)
  }

  public init(arrayLiteral elements: Coldkey...) { self.init(elements) }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { slots.count }

  @inlinable public subscript(position: Int) -> Coldkey {
    _read { yield slots[position] }
    _modify {
      let before = slots[position].balance
      defer { noteChange(from: before, to: slots[position].balance) }
      yield &slots[position]
    }
    set {
      noteChange(from: slots[position].balance, to: newValue.balance)
      slots[position] = newValue
    }
  }

  /// Appends a coldkey (a new ``ColdkeyID``).
  public mutating func append(_ coldkey: Coldkey) {
    slots.append(coldkey)
    total &+= coldkey.balance
  }

  /// The sum of the stored balances, taken afresh (rao, wrapping).
  public var scannedTotal: UInt64 { Self.sum(slots) }

  /// Calls `body` with the coldkeys in place (read only, nothing copied).
  @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Coldkey>) throws -> R) rethrows -> R {
    try slots.withUnsafeBufferPointer(body)
  }

  /// Equal when the coldkeys are (the total follows from them).
  public static func == (a: ColdkeyTable, b: ColdkeyTable) -> Bool { a.slots == b.slots }

  @inlinable @inline(__always) mutating func noteChange(from before: UInt64, to after: UInt64) {
    total = total &+ after &- before
  }

  static func sum(_ slots: [Coldkey]) -> UInt64 {
    slots.withUnsafeBufferPointer { keys in
      var total: UInt64 = 0
      for k in keys.indices { total &+= keys[k].balance }
      return total
    }
  }
}
