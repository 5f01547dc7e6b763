/// The subnets by netuid (index 0, root, and dissolved slots are `nil`), remembering which
/// slots were changed since the World last checked them.
///
/// Every write goes through the element's `_modify` or `set` accessor (or ``append(_:)``), so
/// the set of changed slots is exact: a slot not in it holds the same value as at the last
/// ``takeChanged()``. The World's invariant check after each recorded row (World+Invariants)
/// re-checks only those slots' own conservation, which is what keeps that check from growing
/// with the number of subnets at every epoch.
///
/// The element accessors are `@inlinable`: called across the module boundary, the `_modify`
/// and `_read` coroutines each allocated their frame on the heap (a `Subnet?` is larger than the
/// caller's fixed coroutine buffer), a malloc and a free per access — every weight commit paid
/// one. Inlined into the caller, the frame lives on its stack.
public struct SubnetTable: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
  @usableFromInline var slots: [Subnet?]
  @usableFromInline var isChanged: [Bool]
  @usableFromInline var changed: [Int] = []

  public init(_ slots: [Subnet?]) {
    self.slots = slots
    self.isChanged = [Bool](repeating: false, count: slots.count)
    for index in slots.indices { mark(index) }
  }

  public init(arrayLiteral elements: Subnet?...) { self.init(elements) }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { slots.count }

  @inlinable public subscript(position: Int) -> Subnet? {
    _read { yield slots[position] }
    _modify {
      mark(position)
      yield &slots[position]
    }
    set {
      mark(position)
      slots[position] = newValue
    }
  }

  /// Appends a slot (a new netuid).
  public mutating func append(_ subnet: Subnet?) {
    slots.append(subnet)
    isChanged.append(false)
    mark(slots.count - 1)
  }

  /// The slots changed since the last call, ascending, and forgets them.
  public mutating func takeChanged() -> [Int] {
    let out = changed.sorted()
    for index in changed { isChanged[index] = false }
    changed.removeAll(keepingCapacity: true)
    return out
  }

  /// Calls `body` on the subnet in each slot of `indices`, in that order, in place (each slot
  /// noted as changed): one access to the table for all of them instead of one per slot.
  ///
  /// - Precondition: every slot of `indices` holds a subnet.
  public mutating func modifyEach(_ indices: [Int], _ body: (inout Subnet) -> Void) {
    for index in indices { mark(index) }
    slots.withUnsafeMutableBufferPointer { slots in
      for index in indices { body(&slots[index]!) }
    }
  }

  /// Calls `body` with the slots in place (read only, nothing copied).
  @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Subnet?>) throws -> R) rethrows -> R {
    try slots.withUnsafeBufferPointer(body)
  }

  @inlinable @inline(__always) mutating func mark(_ index: Int) {
    if !isChanged[index] {
      isChanged[index] = true
      changed.append(index)
    }
  }
}
