#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Testing

@testable import SimCore

@Suite("Tabulated geometric sampler")
struct GeometricSamplerTests {
  @Test("the Swift mt19937 step returns exactly GSL's raw outputs, across state refills")
  func wordsMatchGSL() {
    let a = RandomStream(rootSeed: 3, purpose: "words")
    let b = RandomStream(rootSeed: 3, purpose: "words")
    for step in 0..<5_000 {
      // Interleave with GSL draws on the same stream: both paths share one state.
      if step % 7 == 0 { #expect(a.uniform() == b.uniform()) }
      #expect(a.nextWord() == b.nextRaw())
    }
  }

  @Test(
    "draws equal gsl_ran_geometric draw for draw",
    arguments: [-expm1(-1 / 100.0), 0.5, 0.01, 0.9, 1e-4, 1.0, 1e-12])
  func drawsMatchGSL(p: Double) {
    let sampler = GeometricSampler(p: p)
    let a = RandomStream(rootSeed: 11, purpose: "geometric")
    let b = RandomStream(rootSeed: 11, purpose: "geometric")
    for _ in 0..<100_000 { #expect(sampler.next(a) == b.geometric(p: p)) }
  }

  @Test("every threshold word and its neighbours give GSL's formula", arguments: [-expm1(-1 / 100.0), 0.3, 0.002])
  func thresholdsAreExact(p: Double) {
    let sampler = GeometricSampler(p: p)
    let logQ = log(1 - p)
    func gsl(_ n: UInt32) -> Int { Int(UInt32(log(Double(n) / 4_294_967_296.0) / logQ + 1)) }
    for threshold in sampler.thresholds.dropFirst() where threshold > 2 {
      for n in (threshold - 2)...min(threshold, .max - 2) + 2 {
        #expect(sampler.value(ofWord: n) == gsl(n), "word \(n)")
      }
    }
    for n in [1, 2, 1 << 22 - 1, 1 << 22, 1 << 31, UInt32.max - 1, .max] as [UInt32] {
      #expect(sampler.value(ofWord: n) == gsl(n), "word \(n)")
    }
  }
}
