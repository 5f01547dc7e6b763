import SimCore

/// Events per second of the bare event queue on the hold model (used by `taosim bench engine`):
/// `entities` entities each re-schedule themselves after an exponential delay (`EngineWorkload`).
public enum EngineBenchmark {
  /// One timed repeat: the events handled, the wall-clock seconds they took and the workload's
  /// checksum (equal across repeats when the engine is deterministic).
  public struct Repeat: Sendable {
    public let eventsHandled: Int
    public let seconds: Double
    public let checksum: UInt64
    /// Events handled per second.
    public var rate: Double { Double(eventsHandled) / seconds }
  }

  /// Runs the workload once from a fresh queue and times it.
  public static func run(entities: Int, events: Int, meanDelayBlocks: Double, seed: UInt64) -> Repeat {
    var queue = EventQueue<Int>()
    var workload = EngineWorkload(
      entities: entities, events: events, meanDelayBlocks: meanDelayBlocks, seed: seed, queue: &queue)
    let clock = ContinuousClock()
    let start = clock.now
    queue.run(&workload, until: SimTime(blocks: .max))
    let seconds = ThreadClock.seconds(clock.now - start)
    return Repeat(eventsHandled: workload.eventsHandled, seconds: seconds, checksum: workload.checksum)
  }
}
