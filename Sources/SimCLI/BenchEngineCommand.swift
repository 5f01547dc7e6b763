import ArgumentParser
import Benchmarks
import Foundation

/// `taosim bench engine`: events per second of the bare event queue on the hold model.
struct BenchEngine: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "engine",
    abstract: "Events/s for N entities each re-scheduling itself after an exponential delay.",
    discussion: """
      Example:
        taosim bench engine --entities 10000 --events 5000000 --repeats 5

      Prints one line per repeat and the median; `--json` prints the median as JSON for scripts.
      """)

  @Option(help: "Number of self-rescheduling entities.") var entities = 10_000
  @Option(help: "Events handled per repeat.") var events = 5_000_000
  @Option(help: "Mean delay between an entity's events, in blocks.") var meanDelay = 100.0
  @Option(help: "Number of timed repeats (the median is reported).") var repeats = 3
  @Option(help: "Root seed of the entities' streams.") var seed: UInt64 = 1
  @Flag(help: "Print only the median as a JSON object.") var json = false

  func validate() throws {
    guard entities > 0, events > 0, repeats > 0, meanDelay > 0 else {
      throw ValidationError("--entities, --events, --repeats and --mean-delay must be positive")
    }
  }

  func run() throws {
    var rates: [Double] = []
    var checksum: UInt64 = 0
    for repeatIndex in 0..<repeats {
      let r = EngineBenchmark.run(entities: entities, events: events, meanDelayBlocks: meanDelay, seed: seed)
      rates.append(r.rate)
      if repeatIndex == 0 { checksum = r.checksum } else if checksum != r.checksum {
        throw ValidationError("repeat \(repeatIndex) did different work (checksum mismatch): engine is not deterministic")
      }
      if !json {
        print(String(format: "repeat %d: %d events in %.3f s = %.2f M events/s", repeatIndex + 1,
                     r.eventsHandled, r.seconds, r.rate / 1e6))
      }
    }
    let median = rates.sorted()[rates.count / 2]
    if json {
      print(String(format: "{\"engine\":\"taosim\",\"entities\":%d,\"events\":%d,\"events_per_second\":%.0f}",
                   entities, events, median))
    } else {
      print(String(format: "median: %.2f M events/s (entities %d, events %d, checksum %016llx)",
                   median / 1e6, entities, events, checksum))
    }
  }
}
