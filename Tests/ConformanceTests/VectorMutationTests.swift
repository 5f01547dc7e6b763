import Consensus
import Foundation
import Recording
import Testing

@testable import Conformance

/// Generated malformed vectors: the shipped vectors with values replaced by wrong types and
/// extreme numbers, keys deleted, arrays shortened and lengthened and values wrapped in the
/// fill/set form. Every one must be refused with a located message or run to PASS/FAIL; a crash
/// would end the test process.
@Suite("Mutated shipped vectors")
struct VectorMutationTests {

  static let mutationsPerSeed = 250

  /// Replacement values: wrong types and numbers at and past every range the reader checks.
  static let replacements: [JSONValue] = [
    .null, .bool(true), .string("7"), .array([]), .object([:]),
    .integer(0), .integer(-1), .integer(1), .integer(65_535), .integer(65_536), .integer(1 << 31), .integer(1 << 53),
    .integer(.max), .integer(.min), .unsigned(.max), .number(0.5), .number(-1e300), .number(1e300),
    .object(["fill": .integer(1)]), .object(["fill": .unsigned(.max)]), .object(["fill": .bool(true)]),
    .object(["range": .array([.integer(0), .integer(1)])]),
    .object(["fill": .integer(0), "set": .array([.object(["range": .array([.integer(0), .integer(1 << 20)]), "value": .integer(1)])])]),
  ]

  /// `n` only gets small or invalid values, so a generated case never runs a huge network.
  static let sizeReplacements: [JSONValue] = [.integer(0), .integer(1), .integer(2), .integer(-1), .unsigned(.max), .string("4"), .null]

  @Test("Every mutation is refused at a file:line:column and path, or runs", arguments: [UInt64(1), 2])
  func mutations(seed: UInt64) throws {
    let shipped = try JSONValue.parse(String(contentsOf: URL(fileURLWithPath: vectorFile), encoding: .utf8))
    let vectors = try #require(shipped.arrayValue)
    var random = SplitMix(state: seed)
    var refused = 0
    var ran = 0
    for _ in 0..<Self.mutationsPerSeed {
      var vector = vectors[random.next(vectors.count)]
      for _ in 0..<(1 + random.next(3)) { Self.mutate(&vector, &random) }
      let json = JSONValue.array([vector]).encoded(pretty: false)
      do {
        for parsed in try ConformanceVector.parse(Data(json.utf8), file: "mutated.json") {
          _ = ConformanceRunner.run(parsed, arithmetic: .fixed)
          ran += 1
        }
      } catch let error as ConformanceError {
        refused += 1
        switch error {
        case .malformed(let file, let line, let column, let path, let reason):
          #expect(file == "mutated.json" && line >= 1 && column >= 1 && path.hasPrefix("$") && !reason.isEmpty, "\(error)")
        case .invalidJSON(_, let line, let column, _):
          Issue.record("the serialiser wrote invalid JSON at \(line):\(column): \(error)")
        case .unreadable:
          Issue.record("\(error)")
        }
      }
    }
    #expect(refused + ran == Self.mutationsPerSeed)
    #expect(refused > Self.mutationsPerSeed / 2, "most mutations should be refused (refused \(refused), ran \(ran))")
  }

  /// One random change somewhere in `value`.
  static func mutate(_ value: inout JSONValue, _ random: inout SplitMix) {
    switch value {
    case .object(var o) where !o.isEmpty && random.next(4) != 0:
      let key = o.keys.sorted()[random.next(o.count)]
      switch random.next(8) {
      case 0: o[key] = nil
      case 1: o["unexpected_\(key)"] = o[key]
      default:
        if var child = o[key] {
          if key == "n" {
            child = sizeReplacements[random.next(sizeReplacements.count)]
          } else {
            mutate(&child, &random)
          }
          o[key] = child
        }
      }
      value = .object(o)
    case .array(var a) where !a.isEmpty && random.next(4) != 0:
      let k = random.next(a.count)
      switch random.next(8) {
      case 0: a.remove(at: k)
      case 1: a.append(a[k])
      case 2: value = .object(["fill": a[k]])
      default:
        mutate(&a[k], &random)
      }
      if case .array = value { value = .array(a) }
    default:
      value = replacements[random.next(replacements.count)]
    }
  }
}

/// A small seeded generator (SplitMix64) for reproducible generated cases.
struct SplitMix {
  var state: UInt64

  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Int(z % UInt64(bound))
  }
}
