import SimCore

/// Events per second of the bare event queue on the hold model (used by `taosim bench engine`):
/// `entities` entities each re-schedule themselves after an exponential delay (`EngineWorkload`).
public enum EngineBenchmark {
  /// One timed repeat: the events handled, the CPU seconds of the running thread they took (robust
  /// when other processes share the cores; `Benchmarks/engine_simpy.py` uses the same kind of clock)
  /// and the workload's checksum (equal across repeats when the engine is deterministic).
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
    let start = ThreadClock.cpuSeconds()
    queue.run(&workload, until: SimTime(blocks: .max))
    let seconds = max(ThreadClock.cpuSeconds() - start, 1e-9)
    return Repeat(eventsHandled: workload.eventsHandled, seconds: seconds, checksum: workload.checksum)
  }
}
