import SimCore
import SimStats
import Simulation

/// The network yield columns, over the whole run and a trailing 30-day window (formulas in
/// ``yieldFormulas``, printed by `taosim describe metrics`).
public enum YieldColumns {
  /// The trailing window of the `_30d` columns.
  public static let windowBlocks: Int64 = 30 * SimTime.blocksPerDay

  /// The yield columns of `network.csv`: each yield over the whole run (`_run`), then each over
  /// the trailing 30 days (`_30d`).
  static let metrics: [Metric<NetworkRow>] = {
    let base: [(String, String, ValueBounds, @Sendable (YieldRates) -> Double?)] = [
      ("alpha_apr", "alpha compounded to validators' stakers after take per alpha staked, simple", .nonNegative, { $0.alphaApr }),
      ("alpha_apy", "alpha_apr's rate compounded every epoch", .nonNegative, { $0.alphaApy }),
      ("tao_apy", "TAO value of the alpha stake, dividends and price change: (end value / start value) annualised",
        ValueBounds(lower: -1), { $0.taoApy }),
      ("root_apy_tao", "root stakers' TAO from root claims after take per TAO on root, compounded every epoch", .nonNegative,
        { $0.rootApyTao }),
    ]
    let run = base.map { name, doc, bounds, value in
      Metric<NetworkRow>(name + "_run", .network, unit: "1/year", doc + "; whole run (empty before day 30)", bounds: bounds) {
        $0.run.flatMap(value)
      }
    }
    let window = base.map { name, doc, bounds, value in
      Metric<NetworkRow>(name + "_30d", .network, unit: "1/year", doc + "; trailing 30 days (empty before day 30)", bounds: bounds) {
        $0.window.flatMap(value)
      }
    }
    return run + window
  }()

  /// One table of the yield formulas.
  public static let yieldFormulas = """
    yields (network.csv; _run from block 0, _30d over the trailing 30 days, both empty before day 30; B = blocks per year = 2 628 000,
    T = tempo, Σ over every subnet epoch e in the window, α_e = Σ alpha stake of the permit holders at the epoch,
    c_e = Σ alpha compounded to their stakers after take (spec §8.2 step 6), p_e = spot price after the epoch,
    p′_e = spot price after the subnet's previous epoch, T_e = the subnet's tempo):
        alpha_apr     a·B                     a = Σ c_e·p_e / Σ α_e·p_e·T_e   (alpha per alpha per block, TAO-weighted over subnets)
        alpha_apy     (1 + a·T)^(B/T) − 1
        tao_apy       exp(g·B) − 1            g = Σ α_e·p′_e·ln((α_e + c_e)·p_e / (α_e·p′_e)) / Σ α_e·p′_e·T_e   (epochs after a
                                              subnet's first): (value at end / value at start)^(year / window) − 1 for one subnet
        root_apy_tao  (1 + q·T)^(B/T) − 1     q = Σ TAO from selling root claims after take (step 7) / ∫ Σ root stake d(block)
        apy_<class>   (1 + v/α)^(B/T) − 1     per class, last epoch: v = Σ val_i·α_i/(α_i + τ·t_i), the alpha part of the
                                              permit holders' dividends, over α = Σ α_i (root dividends and root stake both left out)
    """
}

/// The whole-run and trailing-window yields of successive network records of one replication.
/// The window starts at the latest earlier record at least 30 days back; both are empty before
/// day 30, since annualising a few days of price moves and dividends compounds noise into numbers
/// without meaning.
public final class YieldWindow {
  public let tempo: Int64
  /// Totals at earlier records still needed as window starts (oldest first).
  private var checkpoints: [YieldTotals] = []

  public init(tempo: Int64) { self.tempo = tempo }

  /// The yields at a record with `totals` (records come in block order).
  public func rates(_ totals: YieldTotals) -> (run: YieldRates?, window: YieldRates?) {
    defer { checkpoints.append(totals) }
    let from = totals.rootIntegratedThrough - YieldColumns.windowBlocks
    guard from >= 0 else { return (nil, nil) }
    let start = checkpoints.last(where: { $0.rootIntegratedThrough <= from }) ?? YieldTotals()
    checkpoints.removeAll(where: { $0.rootIntegratedThrough < start.rootIntegratedThrough })
    return (YieldRates.between(YieldTotals(), totals, tempo: tempo), YieldRates.between(start, totals, tempo: tempo))
  }
}
