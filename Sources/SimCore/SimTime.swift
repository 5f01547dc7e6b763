/// A point on the simulation clock, in whole blocks (one tick is one 12-second block, spec §0.1).
///
/// Time is an integer on purpose: two events meant to coincide always do, and no rounding can
/// reorder them.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Blocks since the start of the run.
  public var blocks: Int64

  /// Creates a time `blocks` blocks after the start of the run.
  @inlinable public init(blocks: Int64) { self.blocks = blocks }

  /// The first block of a run.
  public static let zero = SimTime(blocks: 0)

  /// Seconds per block on the chain (`MILLISECS_PER_BLOCK` = 12 000, spec §0.1).
  public static let secondsPerBlock: Int64 = 12
  /// Blocks per day: 86 400 s / 12 s.
  public static let blocksPerDay: Int64 = 7_200
  /// Blocks per (365-day) year.
  public static let blocksPerYear: Int64 = 7_200 * 365

  @inlinable public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.blocks < rhs.blocks }

  /// Returns the time `delay` blocks after `time`.
  ///
  /// - Precondition: `delay >= 0`; the engine never schedules into the past.
  @inlinable public static func + (time: SimTime, delay: Int64) -> SimTime {
    precondition(delay >= 0, "negative delay \(delay)")
    return SimTime(blocks: time.blocks + delay)
  }

  public var description: String { "block \(blocks)" }
}
