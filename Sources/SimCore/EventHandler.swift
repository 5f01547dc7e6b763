/// What the model tells the run loop after handling an event.
public enum RunControl: Sendable, Equatable {
  /// Keep going.
  case proceed
  /// Stop now; events still queued are left in place.
  case stop
}

/// Why a run loop returned.
public enum RunOutcome: Sendable, Equatable {
  /// The next event lies after the horizon (or none is left); the clock reads the horizon.
  case reachedHorizon
  /// A stop marker fired or the handler asked to stop.
  case stopped(at: SimTime)
}

/// The model side of the engine: reacts to one event at a time.
///
/// `handle` is the only place simulation state changes. It may schedule and cancel events through
/// `queue` but never pops them. The engine knows nothing else about the model.
public protocol EventHandler<Event> {
  associatedtype Event
  /// Applies `event`, which fires at `time`.
  mutating func handle(_ event: Event, at time: SimTime, queue: inout EventQueue<Event>) -> RunControl
}

extension EventQueue {
  /// Feeds events to `handler` in queue order until none is due at or before `horizon`, a stop
  /// marker fires, or the handler returns `.stop`.
  ///
  /// - Returns: Why the loop ended and how many events were handled.
  @inlinable @discardableResult
  public mutating func run<Handler: EventHandler>(
    _ handler: inout Handler, until horizon: SimTime
  ) -> (outcome: RunOutcome, handled: Int) where Handler.Event == Event {
    var handled = 0
    while let entry = removeNext(notAfter: horizon.blocks) {
      clock = SimTime(blocks: entry.time)
      guard let event = entry.event else { return (.stopped(at: clock), handled) }
      handled += 1
      if handler.handle(event, at: clock, queue: &self) == .stop {
        return (.stopped(at: clock), handled)
      }
    }
    return (.reachedHorizon, handled)
  }
}
