/// The subnets by netuid (index 0, root, and dissolved slots are `nil`), remembering which
/// slots were changed since the World last checked them.
///
/// Every write goes through the element's `_modify` or `set` accessor (or ``append(_:)``), so
/// the set of changed slots is exact: a slot not in it holds the same value as at the last
/// ``takeChanged()``. The World's invariant check after each recorded row (World+Invariants)
/// re-checks only those slots' own conservation, which is what keeps that check from growing
/// with the number of subnets at every epoch.
public struct SubnetTable: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
  private var slots: [Subnet?]
  private var isChanged: [Bool]
  private var changed: [Int] = []

  public init(_ slots: [Subnet?]) {
    self.slots = slots
    self.isChanged = [Bool](repeating: false, count: slots.count)
    for index in slots.indices { mark(index) }
  }

  public init(arrayLiteral elements: Subnet?...) { self.init(elements) }

  public var startIndex: Int { 0 }
  public var endIndex: Int { slots.count }

  public subscript(position: Int) -> Subnet? {
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
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Subnet?>) throws -> R) rethrows -> R {
    try slots.withUnsafeBufferPointer(body)
  }

  @inline(__always) private mutating func mark(_ index: Int) {
    if !isChanged[index] {
      isChanged[index] = true
      changed.append(index)
    }
  }
}
