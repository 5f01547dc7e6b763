import Testing

@testable import SimCore

/// A model that records the order in which events reach it.
private struct Recorder: EventHandler {
  var trace: [String] = []
  var stopAfter: String? = nil

  mutating func handle(_ event: String, at time: SimTime, queue: inout EventQueue<String>) -> RunControl {
    trace.append("\(time.blocks):\(event)")
    return event == stopAfter ? .stop : .proceed
  }
}

@Suite("Event queue: total order, cancellation, run loop")
struct EventQueueTests {
  @Test("events at the same time come out by priority, then insertion order")
  func totalOrder() {
    var queue = EventQueue<String>()
    queue.schedule("late", at: SimTime(blocks: 5), priority: .late)
    queue.schedule("b", at: SimTime(blocks: 5))
    queue.schedule("urgent", at: SimTime(blocks: 5), priority: .urgent)
    queue.schedule("c", at: SimTime(blocks: 5))
    queue.schedule("first", at: SimTime(blocks: 1))
    var recorder = Recorder()
    let result = queue.run(&recorder, until: SimTime(blocks: 100))
    #expect(recorder.trace == ["1:first", "5:urgent", "5:b", "5:c", "5:late"])
    #expect(result.outcome == .reachedHorizon)
    #expect(result.handled == 5)
  }

  @Test("a cancelled event never fires; cancelling twice or after firing is harmless")
  func cancellation() {
    var queue = EventQueue<String>()
    let keep = queue.schedule("keep", at: SimTime(blocks: 2))
    let drop = queue.schedule("drop", at: SimTime(blocks: 1))
    queue.cancel(drop)
    queue.cancel(drop)
    var recorder = Recorder()
    queue.run(&recorder, until: SimTime(blocks: 10))
    queue.cancel(keep)
    #expect(recorder.trace == ["2:keep"])
    #expect(queue.nextTime() == nil)
  }

  @Test("the run loop stops at the horizon and leaves later events queued")
  func horizon() {
    var queue = EventQueue<String>()
    for block in [3, 10, 11] { queue.schedule("e\(block)", at: SimTime(blocks: Int64(block))) }
    var recorder = Recorder()
    let result = queue.run(&recorder, until: SimTime(blocks: 10))
    #expect(recorder.trace == ["3:e3", "10:e10"])
    #expect(result.outcome == .reachedHorizon)
    #expect(queue.nextTime() == SimTime(blocks: 11))
  }

  @Test("an urgent stop marker fires before ordinary events at its time")
  func stopMarker() {
    var queue = EventQueue<String>()
    queue.schedule("before", at: SimTime(blocks: 4))
    queue.schedule("same", at: SimTime(blocks: 5), priority: .urgent)
    queue.scheduleStop(at: SimTime(blocks: 5))
    queue.schedule("after", at: SimTime(blocks: 6))
    var recorder = Recorder()
    let result = queue.run(&recorder, until: SimTime(blocks: 100))
    // The stop marker was scheduled after the urgent event "same", so "same" still precedes it.
    #expect(recorder.trace == ["4:before", "5:same"])
    #expect(result.outcome == .stopped(at: SimTime(blocks: 5)))
  }

  @Test("a handler can stop the run")
  func handlerStop() {
    var queue = EventQueue<String>()
    for block in 1...5 { queue.schedule("e\(block)", at: SimTime(blocks: Int64(block))) }
    var recorder = Recorder(stopAfter: "e2")
    let result = queue.run(&recorder, until: SimTime(blocks: 100))
    #expect(recorder.trace == ["1:e1", "2:e2"])
    #expect(result.outcome == .stopped(at: SimTime(blocks: 2)))
  }

  @Test(
    "interleaved schedules, cancels and pops agree with a sorted reference, near and far ahead",
    arguments: [(1, 50), (2, 5_000), (3, 40_000), (4, 3)] as [(UInt64, Int)])
  func interleavedMatchesReference(seed: UInt64, spread: Int) throws {
    let stream = RandomStream(rootSeed: seed, purpose: "test.calendar")
    var queue = EventQueue<Int>()
    var reference: [(time: Int64, priority: UInt8, sequence: Int, handle: EventHandle)] = []
    var popped: [Int] = []
    var expected: [Int] = []
    for step in 0..<6_000 {
      let action = stream.uniformInt(below: 10)
      if action < 6 {
        let time = queue.now.blocks + Int64(stream.uniformInt(below: spread))
        let priority = try #require(Priority(rawValue: UInt8(stream.uniformInt(below: 4))))
        let handle = queue.schedule(step, at: SimTime(blocks: time), priority: priority)
        reference.append((time, priority.rawValue, step, handle))
      } else if action == 6, !reference.isEmpty {
        let victim = reference.remove(at: stream.uniformInt(below: reference.count))
        queue.cancel(victim.handle)
      } else if let next = queue.popNext() {
        popped.append(try #require(next.event))
        let index = try #require(reference.indices.min { a, b in
          (reference[a].time, reference[a].priority, reference[a].sequence)
            < (reference[b].time, reference[b].priority, reference[b].sequence)
        })
        expected.append(reference.remove(at: index).sequence)
      }
    }
    #expect(popped == expected)
    #expect(popped.count > 1_000)
  }

  @Test("the heap agrees with a sorted reference on random schedules", arguments: [1, 2, 3] as [UInt64])
  func heapMatchesSort(seed: UInt64) {
    let stream = RandomStream(rootSeed: seed, purpose: "test.heap")
    var queue = EventQueue<Int>()
    var reference: [(Int64, UInt8, Int)] = []
    for index in 0..<2_000 {
      let time = Int64(stream.uniformInt(below: 50))
      let priority = Priority(rawValue: UInt8(stream.uniformInt(below: 4)))!
      queue.schedule(index, at: SimTime(blocks: time), priority: priority)
      reference.append((time, priority.rawValue, index))
    }
    reference.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    var popped: [Int] = []
    while let next = queue.popNext() { popped.append(next.event!) }
    #expect(popped == reference.map(\.2))
  }
}
