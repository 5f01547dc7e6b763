import NetworkModel

extension World {
  /// Moves subnet `index` out of the state, so that mutating it never copies its arrays
  /// (copy-on-write would otherwise duplicate every array touched). Put it back with
  /// `state.subnets[index] = subnet` before anything else reads it.
  @inline(__always) mutating func takeSubnet(_ index: Int) -> Subnet {
    let s = state.subnets[index]!
    state.subnets[index] = nil
    return s
  }
}
