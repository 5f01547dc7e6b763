#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The engine's reference workload: `entities` independent processes, each re-scheduling itself
/// after an exponential delay, until `events` events have been handled.
///
/// This is the classic "hold" model used to measure discrete-event engines (and the pattern the
/// SimPy comparison in `Benchmarks/` runs). Delays come from one keyed stream (`purpose`
/// "bench.engine"), drawn in event order — the queue's total order makes that deterministic — and
/// are whole blocks: an exponential delay rounded up to a block is geometric with
/// p = 1 − e^(−1/mean), which GSL samples directly (`gsl_ran_geometric`); ``GeometricSampler``
/// returns the same values from a table, with a `log` for about one draw in a thousand. One shared stream keeps the measurement
/// about the engine: 10 000 separate mt19937 states (5 KB each) would turn every event into a
/// cache miss on generator state.
public struct EngineWorkload: EventHandler {
  /// Mean delay between an entity's events, in blocks.
  public let meanDelayBlocks: Double
  private let sampler: GeometricSampler
  /// Stop after this many events.
  public let eventLimit: Int
  private let stream: RandomStream
  private var handled = 0
  /// A checksum over the firing order (entity × time), to prove two runs did the same work.
  public private(set) var checksum: UInt64 = 0

  /// Creates the workload and schedules every entity's first event.
  public init(entities: Int, events: Int, meanDelayBlocks: Double = 100, seed: UInt64, queue: inout EventQueue<Int>) {
    precondition(entities > 0 && events > 0 && meanDelayBlocks > 0)
    self.meanDelayBlocks = meanDelayBlocks
    self.eventLimit = events
    sampler = GeometricSampler(p: -expm1(-1 / meanDelayBlocks))
    stream = RandomStream(rootSeed: seed, purpose: "bench.engine")
    for entity in 0..<entities {
      queue.schedule(entity, at: SimTime(blocks: Self.delay(stream, sampler)))
    }
  }

  @inline(__always) static func delay(_ stream: RandomStream, _ sampler: GeometricSampler) -> Int64 {
    Int64(sampler.next(stream))
  }

  public mutating func handle(_ entity: Int, at time: SimTime, queue: inout EventQueue<Int>) -> RunControl {
    handled += 1
    checksum = StableHash.mix(checksum ^ (UInt64(entity) << 32 ^ UInt64(time.blocks)))
    if handled >= eventLimit { return .stop }
    let next = Self.delay(stream, sampler)
    queue.schedule(entity, at: time + next)
    return .proceed
  }

  /// Events handled so far.
  public var eventsHandled: Int { handled }
}
