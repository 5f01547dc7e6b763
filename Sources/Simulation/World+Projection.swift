/// Read-only projections of the World, for observers (spec §8.1, §9).
///
/// Emission between events is applied lazily: a subnet is accrued in closed form
/// (``SubnetAccrual``) only when an economic event touches it — its epoch, an action on it, a
/// registration, a share refresh. Records must not add accrual points of their own: every split
/// of an interval changes the chain buy (made at the interval's start price) and the pool the
/// next trade meets, so a record tick that accrued would make the economics depend on the
/// recording cadence. A record instead reads the projection below.
extension World {
  /// The World as it would stand if every live subnet's emission were accrued to the current
  /// block and the TAO issuance advanced to it; `self` is left untouched.
  ///
  /// The projection is a copy; its arrays are copy-on-write, so the cost is O(subnets) plus one
  /// closed-form accrual per subnet behind the current block. Its counters are not meaningful.
  func accrualProjection() -> World {
    var projected = self
    for index in projected.runtimes.indices where projected.runtimes[index].live { projected.accrue(index) }
    projected.advanceIssuance(to: projected.state.block)
    return projected
  }
}
