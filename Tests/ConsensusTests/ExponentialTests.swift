#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

@testable import Consensus

/// The liquid-alpha sigmoid's exp, four at a time and one at a time, gives the C library's
/// values bit for bit (glibc's exp with FMA), and the same values on every machine.
@Suite("Exponential")
struct ExponentialTests {

  /// Every multiple of 2⁻¹⁰ in [−20, 20], 100 000 scattered arguments in it (a fixed 64-bit
  /// linear congruential sequence), and the edges: zeros, the 2⁻⁵⁴ boundary's neighbours, tiny
  /// and subnormal values, ±20 and their neighbours.
  static let arguments: [Double] = {
    var xs = (-20 * 1024...20 * 1024).map { Double($0) / 1024 }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<100_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      xs.append((Double(state >> 11) / 0x1p53) * 40 - 20)
    }
    let edge = 0x1p-54
    xs += [0, -0.0, edge, edge.nextDown, edge.nextUp, -edge, -edge.nextDown, 1e-300, -1e-300,
           Double.leastNonzeroMagnitude, -Double.leastNormalMagnitude, 20, 20.0.nextDown, -20,
           (-20.0).nextUp, 0.5, -0.5, 1, -1]
    return xs
  }()

  /// Outside the sigmoid's range (the library's own special cases, taken as they are).
  static let outside: [Double] = [512, -512, 600, -800, 709.8, -745.2, .infinity, -.infinity, 1e10]

  static func vector(_ xs: [Double]) -> [Double] {
    var out = xs
    out.withUnsafeMutableBufferPointer { Exponential.exp($0.baseAddress!, count: $0.count) }
    return out
  }

  /// The CPU fuses multiply-adds, so glibc runs its FMA variant (x86-64; always on arm64).
  static var libraryUsesFMA: Bool {
    #if os(Linux) && arch(x86_64)
      guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
      return info.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("fma") }
    #elseif os(Linux) && arch(arm64)
      return true
    #else
      return false
    #endif
  }

  @Test("four at a time, one at a time and the sigmoid's clamped form agree")
  func pathsAgree() {
    let xs = Self.arguments + Self.outside + [.nan]
    let four = Self.vector(xs)
    for (k, x) in xs.enumerated() {
      let one = Exponential.exp(x)
      #expect(four[k].bitPattern == one.bitPattern || (four[k].isNaN && one.isNaN), "x = \(x)")
    }
    var clamped = xs
    clamped.withUnsafeMutableBufferPointer { Double.clampedExp($0.baseAddress!, count: $0.count) }
    for (k, x) in xs.enumerated() {
      let one = Double.clampedExp(x)
      #expect(clamped[k].bitPattern == one.bitPattern || (clamped[k].isNaN && one.isNaN), "x = \(x)")
    }
    #expect(Double.clampedExp(100) == Exponential.exp(20))
    #expect(Double.clampedExp(-100) == Exponential.exp(-20))
  }

  @Test("the fixed-point form four at a time gives the scalar one, clamped, converted and rounded")
  func fixedPointPathsAgree() {
    // The arguments as fixed point, beyond the clamp too, and a count that leaves a tail.
    var xs = Self.arguments.map { I32F32(rounding: $0) }
    xs += [I32F32(integer: 21), I32F32(integer: -21), I32F32(raw: .max), I32F32(raw: .min), .zero, I32F32(raw: 1)]
    xs.append(I32F32(integer: 3))
    var four = xs
    four.withUnsafeMutableBufferPointer { I32F32.clampedExp($0.baseAddress!, count: $0.count) }
    for (k, x) in xs.enumerated() {
      #expect(four[k].raw == I32F32.clampedExp(x).raw, "x = \(x.raw)")
      #expect(four[k].raw == I32F32(rounding: libraryExp(min(max(x, I32F32(integer: -20)), I32F32(integer: 20)).doubleValue)).raw || !Self.libraryUsesFMA)
    }
  }

  @Test("bit for bit the C library's exp", .enabled(if: libraryUsesFMA))
  func library() {
    let xs = Self.arguments + Self.outside
    let four = Self.vector(xs)
    var differing = 0
    for (k, x) in xs.enumerated() where four[k].bitPattern != libraryExp(x).bitPattern {
      differing += 1
      if differing <= 5 { Issue.record("x = \(x.debugDescription): \(four[k]) against \(libraryExp(x))") }
    }
    #expect(differing == 0)
  }

  /// The values pinned on any machine (fused multiply-adds are exact everywhere): the FNV-1a hash
  /// of the arguments' results, as this machine's C library gives them.
  @Test("the same values on every machine")
  func pinned() {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for y in Self.vector(Self.arguments) {
      var bits = y.bitPattern
      for _ in 0..<8 {
        hash = (hash ^ (bits & 0xff)) &* 0x100_0000_01b3
        bits >>= 8
      }
    }
    #expect(hash == 0xdded_49cc_23e6_43de)
  }

  @Test("the table is 2^(k/128) ≈ H·(1 + T)")
  func table() {
    for k in 0..<128 {
      let h = Double(bitPattern: Exponential.table[2 * k + 1] &+ (UInt64(k) << 45))
      let t = Double(bitPattern: Exponential.table[2 * k])
      let exact = Foundation.pow(2.0, Double(k) / 128)
      #expect(abs(h - exact) <= exact.ulp / 2 + exact.ulp / 4, "k = \(k)")
      #expect(abs(t) <= 0x1p-53, "k = \(k)")
    }
  }
}
