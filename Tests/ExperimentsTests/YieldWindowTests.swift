import Metrics
import Simulation
import Testing

@testable import Experiments

/// The whole-run and trailing 30-day yield columns of successive daily records.
@Suite("Yield windows")
struct YieldWindowTests {
  /// Totals after `day` days of one subnet (tempo 360, 20 epochs a day) whose 100 alpha at 1 TAO
  /// earn 0.01 alpha per epoch for the first 40 days and 0.02 after.
  static func totals(day: Int64) -> YieldTotals {
    var t = YieldTotals()
    let epochs = Double(day * 20)
    let late = Double(max(0, day - 40) * 20)
    t.alphaEarned = 0.01 * epochs + 0.01 * late
    t.alphaStakeBlocks = 100 * 360 * epochs
    t.rootIntegratedThrough = day * 7_200
    return t
  }

  @Test("both are empty before day 30, then the run and the window see their own epochs")
  func windows() throws {
    let window = YieldWindow(tempo: 360)
    var rows: [Int64: (run: YieldRates?, window: YieldRates?)] = [:]
    for day in Int64(1)...70 { rows[day] = window.rates(Self.totals(day: day)) }
    #expect(rows[29]?.run == nil && rows[29]?.window == nil)
    // Day 30: both windows are days 0–30, 0.01 / 100 per epoch, 7300 epochs a year.
    #expect(abs(try #require(rows[30]?.run?.alphaApr) - 0.0001 * 7_300) < 1e-12)
    #expect(abs(try #require(rows[30]?.window?.alphaApr) - 0.0001 * 7_300) < 1e-12)
    // Day 70: the window (days 40–70) earns 0.02 per epoch; the run averages 40 days at 0.01 and 30 at 0.02.
    #expect(abs(try #require(rows[70]?.window?.alphaApr) - 0.0002 * 7_300) < 1e-12)
    let runRate: Double = (40 * 0.0001 + 30 * 0.0002) / 70
    #expect(abs(try #require(rows[70]?.run?.alphaApr) - runRate * 7_300) < 1e-12)
    // No root stake: the root yield is undefined, not 0.
    #expect(rows[70]?.window?.rootApyTao == nil)
  }
}
