/// Order among events due at the same block; a lower raw value runs first.
public enum Priority: UInt8, Sendable, Comparable {
  /// Bookkeeping that must precede ordinary events (the stop marker, block-start processing).
  case urgent = 0
  /// Chain mechanics in block order (emission, epochs).
  case normal = 1
  /// Participants acting on the state the block's mechanics left.
  case agent = 2
  /// Observers that must see the block's final state.
  case late = 3

  @inlinable public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Identifies one scheduled event so that it can be cancelled.
@frozen public struct EventHandle: Hashable, Sendable {
  /// The event's insertion sequence number; unique within its queue.
  public let sequence: UInt64

  @inlinable init(sequence: UInt64) { self.sequence = sequence }
}
