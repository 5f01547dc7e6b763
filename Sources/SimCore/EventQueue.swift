/// A priority queue of events with a total order: (time, priority, insertion sequence).
///
/// Two events never compare equal, so the order in which they come out depends only on what was
/// scheduled, never on the container's internals. The queue also owns the clock: `now` is the time
/// of the event popped last and never moves backwards.
///
/// Implementation — a calendar queue specialised for integer time:
/// - events due within `bucketCount` blocks of `now` go to the bucket `time mod bucketCount`; a
///   bucket then holds events of a single time (an older time in the same bucket must already have
///   fired), as a list sorted by (priority, sequence) — in practice an append, since sequences
///   grow. All lists share one slab of nodes linked by index, recycled through a free list;
/// - a bitmap of non-empty buckets finds the next due bucket in a few word scans, so quiet blocks
///   cost nothing;
/// - events further ahead wait in a four-ary min-heap (the overflow) and are compared with the
///   earliest bucket on every pop, so no migration between the two is needed.
/// Cancellation is lazy: cancelled sequences are skipped when they reach the front.
///
/// - Complexity: `schedule` is O(1) amortised within the window and O(log n) beyond it; `popNext`
///   is O(bucketCount / 64) word tests worst case plus O(log n) when it takes from the overflow;
///   `cancel` is O(1) expected.
public struct EventQueue<Event> {
  @usableFromInline
  struct Entry {
    @usableFromInline var time: Int64
    @usableFromInline var order: UInt64
    /// `nil` marks a stop request.
    @usableFromInline var event: Event?
    /// The next node of the same bucket list (−1: none), or of the free list; unused in the overflow.
    @usableFromInline var next: Int32 = -1

    @inlinable init(time: Int64, order: UInt64, event: Event?) {
      self.time = time
      self.order = order
      self.event = event
    }

    @inlinable func precedes(_ other: Entry) -> Bool {
      time < other.time || (time == other.time && order < other.order)
    }
  }

  /// Where the next entry lives.
  @usableFromInline enum Location {
    case bucket(Int)
    case overflow
  }

  /// Buckets in the calendar window (a power of two, ≈ 11 epochs at the default tempo).
  @usableFromInline static var bucketCount: Int { 4_096 }
  @usableFromInline static var bucketMask: Int64 { Int64(bucketCount - 1) }
  /// The sequence counter is 56 bits wide; the priority takes the top 8.
  @usableFromInline static var sequenceMask: UInt64 { (1 << 56) - 1 }

  /// The first and last node of one bucket's list (−1 when empty), side by side in one array so
  /// that a schedule or a pop touches one cache line of bucket state.
  @usableFromInline struct Ends {
    @usableFromInline var head: Int32 = -1
    @usableFromInline var tail: Int32 = -1
    @inlinable init() {}
  }

  /// Bucket lists live in one slab of nodes linked by index (no per-bucket allocations).
  @usableFromInline var nodes: [Entry] = []
  @usableFromInline var freeNode: Int32 = -1
  @usableFromInline var buckets: [Ends]
  @usableFromInline var occupied: [UInt64]
  @usableFromInline var bucketedCount = 0
  @usableFromInline var overflow: [Entry] = []
  @usableFromInline var nextSequence: UInt64 = 0
  @usableFromInline var cancelled: Set<UInt64> = []
  @usableFromInline var clock: SimTime

  /// The time of the event popped last.
  public var now: SimTime { clock }

  /// Creates an empty queue whose clock reads `start`.
  public init(start: SimTime = .zero) {
    clock = start
    buckets = Array(repeating: Ends(), count: Self.bucketCount)
    occupied = Array(repeating: 0, count: Self.bucketCount / 64)
  }

  /// The number of scheduled entries, including cancelled ones not yet skipped.
  public var scheduledCount: Int { bucketedCount + overflow.count }

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

  /// Schedules an urgent stop marker: the run loop stops before any other event at `time` that was
  /// not itself scheduled earlier as urgent.
  @discardableResult
  public mutating func scheduleStop(at time: SimTime) -> EventHandle {
    insert(nil, at: time, priority: .urgent)
  }

  /// Cancels a scheduled event; cancelling one that already fired or was cancelled does nothing.
  public mutating func cancel(_ handle: EventHandle) {
    if handle.sequence < nextSequence { cancelled.insert(handle.sequence) }
  }

  /// The time of the next live event, if any (skips cancelled entries).
  public mutating func nextTime() -> SimTime? {
    guard let location = nextLive() else { return nil }
    return SimTime(blocks: peek(location).time)
  }

  /// Removes the next live event and advances the clock to its time.
  ///
  /// - Returns: The event (`nil` payload for a stop marker), or `nil` when the queue is empty.
  @inlinable
  public mutating func popNext() -> (time: SimTime, event: Event?)? {
    guard let location = nextLive() else { return nil }
    let entry = remove(location)
    clock = SimTime(blocks: entry.time)
    return (clock, entry.event)
  }

  // MARK: - Internals

  @inlinable @inline(__always) mutating func insert(_ event: Event?, at time: SimTime, priority: Priority) -> EventHandle {
    precondition(time >= clock, "event scheduled at \(time), before now (\(clock))")
    precondition(nextSequence <= Self.sequenceMask, "event sequence space exhausted")
    let sequence = nextSequence
    nextSequence += 1
    let entry = Entry(time: time.blocks, order: UInt64(priority.rawValue) << 56 | sequence, event: event)
    if time.blocks - clock.blocks < Int64(Self.bucketCount) {
      let index = Int(time.blocks & Self.bucketMask)
      reserveFreeNode(entry)
      // The slab and the bucket ends are borrowed once for the whole insertion: each element
      // write through the arrays would check their uniqueness again, a runtime call each.
      let node = freeNode
      var nextFree: Int32 = -1
      var newHead = false
      nodes.withUnsafeMutableBufferPointer { nd in
        buckets.withUnsafeMutableBufferPointer { bk in
          nextFree = nd[Int(node)].next
          nd[Int(node)] = entry  // (unlinked: `next` is −1)
          let tail = bk[index].tail
          if tail < 0 {
            bk[index].head = node
            bk[index].tail = node
            newHead = true
          } else if nd[Int(tail)].order < entry.order {
            nd[Int(tail)].next = node
            bk[index].tail = node
          } else {
            // A lower priority value than something already due at this time: keep
            // (priority, sequence) order by walking the (short) list.
            var previous: Int32 = -1
            var current = bk[index].head
            while current >= 0 && nd[Int(current)].order < entry.order {
              previous = current
              current = nd[Int(current)].next
            }
            nd[Int(node)].next = current
            if previous < 0 { bk[index].head = node } else { nd[Int(previous)].next = node }
          }
        }
      }
      freeNode = nextFree
      if newHead { occupied[index >> 6] |= 1 << UInt64(index & 63) }
      bucketedCount += 1
    } else {
      overflow.append(entry)
      siftUp(overflow.count - 1)
    }
    return EventHandle(sequence: sequence)
  }

  /// Makes sure the free list holds a node: grows the slab by one unlinked node (a copy of
  /// `entry`, overwritten when it is taken) if it is empty.
  @inlinable @inline(__always) mutating func reserveFreeNode(_ entry: Entry) {
    guard freeNode < 0 else { return }
    precondition(nodes.count < Int(Int32.max), "too many events within the calendar window")
    var spare = entry
    spare.next = -1
    nodes.append(spare)
    freeNode = Int32(nodes.count - 1)
  }

  /// Removes and returns the next live entry if it is due at or before `horizon` (one pass: find,
  /// compare with the overflow, unlink), skipping cancelled entries.
  @inlinable @inline(__always) mutating func removeNext(notAfter horizon: Int64) -> Entry? {
    while true {
      let location: Location
      if bucketedCount > 0, let index = earliestBucket() {
        let head = Int(buckets[index].head)
        if let top = overflow.first, top.precedes(nodes[head]) {
          guard top.time <= horizon else { return nil }
          location = .overflow
        } else {
          guard nodes[head].time <= horizon else { return nil }
          location = .bucket(index)
        }
      } else if let top = overflow.first {
        guard top.time <= horizon else { return nil }
        location = .overflow
      } else {
        return nil
      }
      let entry = remove(location)
      if cancelled.isEmpty || cancelled.remove(entry.order & Self.sequenceMask) == nil { return entry }
    }
  }

  /// The location of the next live entry, dropping cancelled entries on the way.
  @inlinable mutating func nextLive() -> Location? {
    while let location = front() {
      guard !cancelled.isEmpty, cancelled.remove(peek(location).order & Self.sequenceMask) != nil else {
        return location
      }
      _ = remove(location)
    }
    return nil
  }

  /// The location of the earliest entry (cancelled or not).
  @inlinable func front() -> Location? {
    guard bucketedCount > 0, let index = earliestBucket() else {
      return overflow.isEmpty ? nil : .overflow
    }
    if let top = overflow.first, top.precedes(nodes[Int(buckets[index].head)]) { return .overflow }
    return .bucket(index)
  }

  @inlinable func peek(_ location: Location) -> Entry {
    switch location {
    case .bucket(let index): nodes[Int(buckets[index].head)]
    case .overflow: overflow[0]
    }
  }

  @inlinable @inline(__always) mutating func remove(_ location: Location) -> Entry {
    switch location {
    case .bucket(let index):
      // (Borrowed once, as in `insert`.)
      let free = freeNode
      var emptied = false
      var node = 0
      var entry = nodes.withUnsafeMutableBufferPointer { nd in
        buckets.withUnsafeMutableBufferPointer { bk in
          node = Int(bk[index].head)
          let entry = nd[node]
          let next = entry.next
          bk[index].head = next
          if next < 0 {
            bk[index].tail = -1
            emptied = true
          }
          nd[node].event = nil
          nd[node].next = free
          return entry
        }
      }
      if emptied { occupied[index >> 6] &= ~(1 << UInt64(index & 63)) }
      entry.next = -1
      freeNode = Int32(node)
      bucketedCount -= 1
      return entry
    case .overflow:
      let top = overflow[0]
      let last = overflow.removeLast()
      if !overflow.isEmpty {
        overflow[0] = last
        siftDown(0)
      }
      return top
    }
  }

  /// The non-empty bucket with the earliest time: the first set bit at or after `now mod W`,
  /// wrapping around (every bucketed time lies in [now, now + W)).
  @inlinable @inline(__always) func earliestBucket() -> Int? {
    let start = Int(clock.blocks & Self.bucketMask)
    let words = occupied.count
    var word = start >> 6
    var bits = occupied[word] & (~0 << UInt64(start & 63))
    for _ in 0...words {
      if bits != 0 { return (word << 6) | bits.trailingZeroBitCount }
      word = word + 1 == words ? 0 : word + 1
      bits = occupied[word]
    }
    return nil
  }

  @inlinable mutating func siftUp(_ start: Int) {
    overflow.withUnsafeMutableBufferPointer { h in
      var child = start
      let moving = h[child]
      while child > 0 {
        let parent = (child - 1) >> 2
        guard moving.precedes(h[parent]) else { break }
        h[child] = h[parent]
        child = parent
      }
      h[child] = moving
    }
  }

  @inlinable mutating func siftDown(_ start: Int) {
    overflow.withUnsafeMutableBufferPointer { h in
      let count = h.count
      var parent = start
      let moving = h[parent]
      while true {
        let first = 4 * parent + 1
        guard first < count else { break }
        var best = first
        var candidate = first + 1
        let end = min(first + 4, count)
        while candidate < end {
          if h[candidate].precedes(h[best]) { best = candidate }
          candidate += 1
        }
        guard h[best].precedes(moving) else { break }
        h[parent] = h[best]
        parent = best
      }
      h[parent] = moving
    }
  }
}
