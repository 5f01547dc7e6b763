import EpochTypes
import Testing

@testable import Consensus

/// Clipping (spec §4.3, §4.4, §5.1) on dense rows whose runs hold removed entries (a score above
/// a zero consensus) and zero scores gives, entry for entry, the trust, the ranks and W̃ of the
/// entry-by-entry definition: with β = 1 W̄ without its removed entries; with 0 < β < 1 and ΔB
/// (Yuma 2) ΔBᵢⱼ = W̃ᵢⱼ·aᵢ where W̃ᵢⱼ = W + β(W̄ − W) > 0, and ΔB's column sums.
@Suite("Clipping runs with removed entries")
struct ClipRunTests {

  func check<T: EpochScalar>(_: T.Type, beta: T = .one) -> Bool {
    let scaled = beta != .one
    let n = 96
    var draws = MedianDraws(seed: 41)
    // Rows 0 and 1 dense (every column: one run), row 2 sparse (one by one), row 3 unstaked.
    let columns: [[Int]] = [Array(0..<n), Array(0..<n), Array(stride(from: 0, to: n, by: 7)), Array(0..<n)]
    var start = [0]
    var col: [Int32] = []
    var val: [T] = []
    for row in columns {
      for j in row {
        col.append(Int32(j))
        val.append(T.from(draws.next(4) == 0 ? 0 : draws.unit()))
      }
      start.append(col.count)
    }
    // A zero consensus on every fifth column removes its positive scores.
    var consensus = (0..<n).map { j in j % 5 == 0 ? T.zero : T.from(draws.unit() * 0.6) }
    var stake = [T.from(0.4), T.from(0.35), T.from(0.25), T.zero]
    var trust = [T](repeating: .zero, count: 4)
    var ranks = [T](repeating: .zero, count: n)
    var sums = [T](repeating: .zero, count: n)
    let ws = EpochWorkspace.current.scratch(T.self)
    var bar: [[(Int32, T)]] = []
    start.withUnsafeMutableBufferPointer { sp in
      col.withUnsafeMutableBufferPointer { cp in
        val.withUnsafeMutableBufferPointer { vp in
          let w = SparseRows(start: sp.baseAddress!, col: cp.baseAddress!, val: vp.baseAddress!, rows: 4)
          let out = EpochEngine<T>.clip(
            w, consensus: &consensus, stake: &stake, trust: &trust, ranks: &ranks, beta: beta, scaled: scaled,
            columnSums: &sums, scratch: ws)
          bar = (0..<4).map { i in (out.start[i]..<out.start[i + 1]).map { (out.col[$0], out.val[$0]) } }
        }
      }
    }
    // The definition, entry by entry in row order.
    var expectedRanks = [T](repeating: .zero, count: n)
    var expectedSums = [T](repeating: .zero, count: n)
    var ok = true
    for i in 0..<4 {
      var vt = T.zero
      var kept: [(Int32, T)] = []
      for k in start[i]..<start[i + 1] {
        let j = Int(col[k])
        let x = val[k]
        let clipped = min(x, consensus[j])
        vt = vt + clipped
        if stake[i] != .zero { expectedRanks[j] = expectedRanks[j] + stake[i] * clipped }
        let notRemoved = x <= consensus[j] || consensus[j] > .zero
        if !scaled {
          if notRemoved { kept.append((col[k], clipped)) }
          continue
        }
        let v = x + beta * ((notRemoved ? clipped : .zero) - x)
        if v > .zero {
          kept.append((col[k], v * stake[i]))
          expectedSums[j] = expectedSums[j] + v * stake[i]
        }
      }
      ok = ok && trust[i] == vt && bar[i].map(\.0) == kept.map(\.0) && bar[i].map(\.1) == kept.map(\.1)
    }
    return ok && ranks == expectedRanks && (!scaled || sums == expectedSums)
  }

  @Test("Runs with removed entries give the definition's W̄, trust and ranks, in both arithmetics")
  func removedEntriesInRuns() {
    #expect(check(Double.self))
    #expect(check(I32F32.self))
  }

  @Test("With 0 < β < 1 runs with removed entries and zero scores give the definition's ΔB, its sums, trust and ranks")
  func scaledRunsWithRemovedEntries() {
    for numerator in [UInt16(1), 32_767, 65_534] {
      #expect(check(Double.self, beta: Double.fraction65535(numerator)))
      #expect(check(I32F32.self, beta: I32F32.fraction65535(numerator)))
    }
  }
}
