import Testing

@testable import SimCore

/// The hold workload behind `taosim bench engine` (`EngineWorkload`): its firing order is a
/// fingerprint of the event queue's total order and of the keyed delay stream.
@Suite("Engine workload: a fixed firing order")
struct EngineWorkloadTests {
  /// The checksum was recorded from the queue before its hot paths were inlined into the run
  /// loop; any change to the order in which events come out changes it.
  @Test(
    "the hold workload fires its events in the recorded order",
    arguments: [(seed: UInt64(7), checksum: UInt64(0x07eb_67a8_7b5e_9a8b))])
  func recordedOrder(seed: UInt64, checksum: UInt64) {
    var queue = EventQueue<Int>()
    var workload = EngineWorkload(entities: 1_000, events: 200_000, seed: seed, queue: &queue)
    let result = queue.run(&workload, until: SimTime(blocks: .max))
    #expect(result.outcome == .stopped(at: queue.now))
    #expect(workload.eventsHandled == 200_000)
    #expect(workload.checksum == checksum)
  }
}
