import SimCore
import SimStats
import Simulation

/// The yield columns, network-wide and per validator class, over the whole run and a trailing
/// 30-day window (formulas in ``yieldFormulas``, printed by `taosim describe metrics`).
public enum YieldColumns {
  /// The trailing window of the `_30d` columns.
  public static let windowBlocks: Int64 = 30 * SimTime.blocksPerDay

  /// The four yields: name, meaning, bounds and the field of ``YieldRates``.
  static let yields: [(name: String, doc: String, bounds: ValueBounds, value: @Sendable (YieldRates) -> Double?)] = [
    ("alpha_apr", "alpha compounded to validators' stakers after take per alpha staked, simple", .nonNegative, { $0.alphaApr }),
    ("alpha_apy", "alpha_apr's rate compounded every epoch", .nonNegative, { $0.alphaApy }),
    ("tao_apy", "TAO value of the staked alpha portfolio, dividends and price change, flows excluded: its time-weighted return annualised",
      ValueBounds(lower: -1), { $0.taoApy }),
    ("root_apy_tao", "root stakers' TAO from root claims after take per TAO on root, compounded every epoch", .nonNegative,
      { $0.rootApyTao }),
  ]

  /// The two windows: column suffix, meaning, and which rates of a row.
  static let windows = [("run", "whole run"), ("30d", "trailing 30 days")]

  /// The network-wide yield columns of `network.csv`: each yield over the whole run (`_run`), then
  /// each over the trailing 30 days (`_30d`).
  static let metrics: [Metric<NetworkRow>] = windows.flatMap { suffix, span in
    yields.map { name, doc, bounds, value in
      Metric<NetworkRow>(name + "_" + suffix, .network, unit: "1/year", doc + "; \(span) (empty before day 30)", bounds: bounds) {
        (suffix == "run" ? $0.run : $0.window).flatMap(value)
      }
    }
  }

  /// The class token of a column: the class label with `:` and `-` as `_`.
  public static func token(_ neuronClass: String) -> String {
    String(neuronClass.map { $0 == ":" || $0 == "-" ? "_" : $0 })
  }

  /// The column of yield `yield` of class `neuronClass` over window `suffix` (`run`, `30d`):
  /// `<yield>_<class>_<window>`, e.g. `tao_apy_attacker_cabal_30d`.
  public static func classColumn(_ yield: String, _ neuronClass: String, _ suffix: String) -> String {
    yield + "_" + token(neuronClass) + "_" + suffix
  }

  /// The per-class yield columns of `classes`: for each class, each window, each yield; the same
  /// yield as the network column restricted to the class's hotkeys (empty while the class holds
  /// no such stake).
  static func classMetrics(_ classes: [String]) -> [Metric<NetworkRow>] {
    classes.flatMap { neuronClass in
      windows.flatMap { suffix, span in
        yields.map { name, doc, bounds, value in
          Metric<NetworkRow>(
            classColumn(name, neuronClass, suffix), .network, unit: "1/year",
            "\(name) of the stake on \(neuronClass) hotkeys (alpha: their permits; root: their root stake); \(span) (empty before day 30)",
            bounds: bounds
          ) { row in (suffix == "run" ? row.classRun : row.classWindow)[neuronClass].flatMap(value) }
        }
      }
    }
  }

  /// Whether `name` is a column the per-class rule can produce for some run: a yield, then
  /// `honest_validator` or `attacker_<name>` (letters, digits, `_`, `.`), then `_run` or `_30d`.
  public static func isClassColumn(_ name: String) -> Bool {
    for (yield, _, _, _) in yields where name.hasPrefix(yield + "_") {
      for (suffix, _) in windows where name.hasSuffix("_" + suffix) {
        let middle = name.dropFirst(yield.count + 1).dropLast(suffix.count + 1)
        if middle == "honest_validator" { return true }
        let prefix = "attacker_"
        if middle.hasPrefix(prefix), middle.count > prefix.count,
          middle.dropFirst(prefix.count).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
        {
          return true
        }
      }
    }
    return false
  }

  /// One table of the yield formulas.
  public static let yieldFormulas = """
    yields (network.csv; _run from block 0, _30d over the trailing 30 days, both empty before day 30; B = blocks per year = 2 628 000,
    T = tempo, Σ over every subnet epoch e in the window, α_e = Σ alpha stake of the permit holders at the epoch,
    c_e = Σ alpha compounded to their stakers after take (spec §8.2 step 6), p_e = spot price after the epoch,
    p′_e = spot price after the subnet's previous epoch, T_e = the subnet's tempo):
        alpha_apr     a·B                     a = Σ c_e·p_e / Σ α_e·p_e·T_e   (alpha per alpha per block, TAO-weighted over subnets)
        alpha_apy     (1 + a·T)^(B/T) − 1
        tao_apy       exp(g·B) − 1            g = Σ ln(V_e⁺ / V_e⁻) / blocks covered (epochs after a subnet's first), the staked
                                              portfolio chained epoch by epoch (a time-weighted return, flows excluded):
                                              V_e⁻ = O_e + α_e·p′_e, V_e⁺ = O_e + (α_e + c_e)·p_e, O_e = the other subnets'
                                              positions at their last epochs; one subnet without flows: (end / start)^(year / window) − 1
        root_apy_tao  (1 + q·T)^(B/T) − 1     q = Σ TAO from selling root claims after take (step 7) / ∫ Σ root stake d(block)
    per class, <yield>_<class>_<window> (class honest_validator or attacker_<name>; window run or 30d): the same formula with
        α_e, c_e over the class's permit holders only and q over the class's hotkeys only (their root stake in the integral;
        their share of the claimed alpha times the epoch's root TAO in the numerator), so numerator and denominator cover
        the same stake. The network columns are what a staker (nominator) earns after take on all validators; root_apy_tao
        is the root stakers' class.
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
    let all = classRates(totals)
    return (all.run, all.window)
  }

  /// The network yields and each class's at a record with `totals` (records come in block order).
  public func classRates(_ totals: YieldTotals) -> (
    run: YieldRates?, window: YieldRates?, classRun: [String: YieldRates], classWindow: [String: YieldRates]
  ) {
    defer { checkpoints.append(totals) }
    let from = totals.rootIntegratedThrough - YieldColumns.windowBlocks
    guard from >= 0 else { return (nil, nil, [:], [:]) }
    let start = checkpoints.last(where: { $0.rootIntegratedThrough <= from }) ?? YieldTotals()
    checkpoints.removeAll(where: { $0.rootIntegratedThrough < start.rootIntegratedThrough })
    var classRun: [String: YieldRates] = [:]
    var classWindow: [String: YieldRates] = [:]
    for entry in totals.byClass {
      classRun[entry.label] = YieldRates.between(YieldTotals(), entry.totals, tempo: tempo)
      classWindow[entry.label] = YieldRates.between(start.of(entry.label) ?? YieldTotals(), entry.totals, tempo: tempo)
    }
    return (
      YieldRates.between(YieldTotals(), totals, tempo: tempo), YieldRates.between(start, totals, tempo: tempo), classRun,
      classWindow
    )
  }
}
