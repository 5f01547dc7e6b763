extension EventQueue {
  /// Removes the next live event if it is due at or before `horizon` and advances the clock to
  /// its time, for a model that runs its own loop (and so can pass its own context to each
  /// event) instead of being an ``EventHandler``.
  ///
  /// - Returns: The event (`nil` payload for a stop marker), or `nil` when none is due by `horizon`.
  @inlinable
  public mutating func popNext(notAfter horizon: SimTime) -> (time: SimTime, event: Event?)? {
    guard let entry = removeNext(notAfter: horizon.blocks) else { return nil }
    clock = SimTime(blocks: entry.time)
    return (clock, entry.event)
  }
}
