import NetworkModel

extension World {
  /// Moves subnet `index` out of the state, so that mutating it never copies its arrays
  /// (copy-on-write would otherwise duplicate every array touched). Put it back with
  /// `state.subnets[index] = consume subnet` before anything else reads it: without `consume`
  /// (or from a `defer`) the store copies the local, retaining every array, and then destroys it.
  ///
  /// The subnet is moved out with `take()` (no reference counting); reading a field through
  /// `state.subnets[index]!` instead copies the whole subnet.
  @inline(__always) mutating func takeSubnet(_ index: Int) -> Subnet {
    // A swap into a local and `out!` copied every array of the subnet; `take()` moves it.
    state.subnets[index].take()!
  }
}
