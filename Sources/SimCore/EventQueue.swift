/// A priority queue of events with a total order: (time, priority, insertion sequence).
///
/// Two events never compare equal, so the order in which they come out depends only on what was
/// scheduled, never on the heap's internals. The queue also owns the clock: `now` is the time of
/// the event popped last and never moves backwards.
///
/// Implementation: an implicit binary min-heap over a flat array whose ordering key is packed into
/// two integers (time; priority << 56 | sequence), which keeps sift operations branch-light.
/// Cancellation is lazy: cancelled handles are skipped when they reach the top.
///
/// - Complexity: `schedule` and `popNext` are O(log n); `cancel` is O(1) expected.
public struct EventQueue<Event> {
  @usableFromInline
  struct Entry {
    @usableFromInline var time: Int64
    @usableFromInline var order: UInt64
    /// `nil` marks a stop request.
    @usableFromInline var event: Event?

    @inlinable init(time: Int64, order: UInt64, event: Event?) {
      self.time = time
      self.order = order
      self.event = event
    }

    @inlinable func precedes(_ other: Entry) -> Bool {
      time < other.time || (time == other.time && order < other.order)
    }
  }

  @usableFromInline var heap: [Entry] = []
  @usableFromInline var nextSequence: UInt64 = 0
  @usableFromInline var cancelled: Set<UInt64> = []

  @usableFromInline var clock: SimTime = .zero

  /// The time of the event popped last.
  public var now: SimTime { clock }

  /// The sequence counter is 56 bits wide; the priority takes the top 8.
  @usableFromInline static var sequenceMask: UInt64 { (1 << 56) - 1 }

  /// Creates an empty queue whose clock reads `start`.
  public init(start: SimTime = .zero) { clock = start }

  /// The number of scheduled entries, including cancelled ones not yet skipped.
  public var scheduledCount: Int { heap.count }

  /// Adds `event` to fire at `time` with `priority`.
  ///
  /// - Precondition: `time >= now`.
  /// - Returns: A handle that `cancel(_:)` accepts.
  @inlinable @discardableResult
  public mutating func schedule(_ event: Event, at time: SimTime, priority: Priority = .normal)
    -> EventHandle
  {
    insert(event, at: time, priority: priority)
  }

  /// Schedules an urgent stop marker: the run loop stops before any other event at `time`.
  @discardableResult
  public mutating func scheduleStop(at time: SimTime) -> EventHandle {
    insert(nil, at: time, priority: .urgent)
  }

  @inlinable mutating func insert(_ event: Event?, at time: SimTime, priority: Priority)
    -> EventHandle
  {
    precondition(time >= now, "event scheduled at \(time), before now (\(now))")
    precondition(nextSequence <= Self.sequenceMask, "event sequence space exhausted")
    let sequence = nextSequence
    nextSequence += 1
    heap.append(Entry(time: time.blocks, order: UInt64(priority.rawValue) << 56 | sequence, event: event))
    siftUp(heap.count - 1)
    return EventHandle(sequence: sequence)
  }

  /// Cancels a scheduled event; cancelling one that already fired or was cancelled does nothing.
  public mutating func cancel(_ handle: EventHandle) {
    if handle.sequence < nextSequence { cancelled.insert(handle.sequence) }
  }

  /// The time of the next live event, if any (skips cancelled entries).
  public mutating func nextTime() -> SimTime? {
    dropCancelledTop()
    return heap.first.map { SimTime(blocks: $0.time) }
  }

  /// Removes the next live event and advances the clock to its time.
  ///
  /// - Returns: The event (`nil` payload for a stop marker), or `nil` when the queue is empty.
  @inlinable
  public mutating func popNext() -> (time: SimTime, event: Event?)? {
    dropCancelledTop()
    guard let top = popTop() else { return nil }
    clock = SimTime(blocks: top.time)
    return (clock, top.event)
  }

  @inlinable mutating func dropCancelledTop() {
    guard !cancelled.isEmpty else { return }
    while let top = heap.first, cancelled.remove(top.order & Self.sequenceMask) != nil {
      _ = popTop()
    }
  }

  @inlinable mutating func popTop() -> Entry? {
    guard !heap.isEmpty else { return nil }
    let last = heap.removeLast()
    guard !heap.isEmpty else { return last }
    let top = heap[0]
    heap[0] = last
    siftDown(0)
    return top
  }

  @inlinable mutating func siftUp(_ start: Int) {
    heap.withUnsafeMutableBufferPointer { h in
      var child = start
      let moving = h[child]
      while child > 0 {
        let parent = (child - 1) >> 1
        guard moving.precedes(h[parent]) else { break }
        h[child] = h[parent]
        child = parent
      }
      h[child] = moving
    }
  }

  @inlinable mutating func siftDown(_ start: Int) {
    heap.withUnsafeMutableBufferPointer { h in
      let count = h.count
      var parent = start
      let moving = h[parent]
      while true {
        var child = 2 * parent + 1
        guard child < count else { break }
        if child + 1 < count && h[child + 1].precedes(h[child]) { child += 1 }
        guard h[child].precedes(moving) else { break }
        h[parent] = h[child]
        parent = child
      }
      h[parent] = moving
    }
  }
}
