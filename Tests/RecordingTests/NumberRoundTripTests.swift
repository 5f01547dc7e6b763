import Foundation
import Testing

@testable import Recording

/// `CSVFormat.number` writes each double as the shortest decimal text that reads back as the
/// same double, with one spelling per value: integral values keep a `.0`, −0 is `0.0`, NaN and
/// ±∞ are empty fields.
@Suite("Shortest round-trip numbers")
struct NumberRoundTripTests {
  /// SplitMix64: a fixed, platform-independent stream of 64-bit patterns for the samples.
  struct BitPatterns: Sequence, IteratorProtocol {
    var state: UInt64
    var remaining: Int
    mutating func next() -> UInt64? {
      guard remaining > 0 else { return nil }
      remaining -= 1
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Doubles from every binade: random bit patterns, random values in [0, 1e6), and edge cases.
  static func samples(seed: UInt64) -> [Double] {
    var values = BitPatterns(state: seed, remaining: 20_000).map { Double(bitPattern: $0) }
    values += BitPatterns(state: seed ^ 0xFFFF, remaining: 5_000).map { Double($0 >> 11) / Double(1 << 53) * 1e6 }
    values += [
      0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 100, 7_200, 1e15, 1e16, 9_007_199_254_740_992, 9_007_199_254_740_993,
      1e-4, 1e-5, 123_456.789, 5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308, 1.7976931348623157e308,
      Double.ulpOfOne, 1 + Double.ulpOfOne, 0.1 + 0.2, 10_900_000.000000002,
    ]
    return values
  }

  @Test("every finite double reads back bit for bit, and its text is a fixed point", arguments: [UInt64(1), 2026])
  func roundTrip(seed: UInt64) {
    var checked = 0
    for value in Self.samples(seed: seed) + Self.samples(seed: seed).map(-) where value.isFinite {
      let text = CSVFormat.number(value)
      guard let back = Double(text) else {
        Issue.record("\(value.bitPattern): '\(text)' does not parse")
        continue
      }
      let expected = value == 0 ? 0.0 : value  // −0 is written as 0.0
      #expect(back.bitPattern == expected.bitPattern, "\(text)")
      #expect(CSVFormat.number(back) == text)
      checked += 1
    }
    #expect(checked > 40_000)
  }

  @Test("no shorter decimal reads back as the same double", arguments: [UInt64(3)])
  func shortest(seed: UInt64) {
    for value in Self.samples(seed: seed).prefix(3_000) where value.isFinite && value != 0 {
      let text = CSVFormat.number(value)
      let mantissa = text.split(separator: "e")[0]
      var digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
      while digits.last == "0" { digits.removeLast() }
      guard digits.count > 1 else { continue }
      let shorter = String(format: "%.\(digits.count - 2)e", value)
      #expect(Double(shorter) != value, "\(text) has a shorter form \(shorter)")
    }
  }

  @Test("integral values keep .0, exponents have a sign and two digits, and the rest is empty")
  func spellings() {
    #expect(CSVFormat.number(7_200) == "7200.0")
    #expect(CSVFormat.number(-3) == "-3.0")
    #expect(CSVFormat.number(1e15) == "1000000000000000.0")
    #expect(CSVFormat.number(1e16) == "1e+16")
    #expect(CSVFormat.number(123_456_789_012_345) == "123456789012345.0")
    #expect(CSVFormat.number(2.5e-7) == "2.5e-07")
    #expect(CSVFormat.number(-0.0) == "0.0")
    #expect(CSVFormat.number(Double.infinity) == "")
    #expect(CSVFormat.number(-Double.infinity) == "")
    #expect(CSVFormat.number(-Double.nan) == "")
  }
}
