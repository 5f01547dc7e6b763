import Consensus
import EpochTypes
import ScenarioIO
import Simulation

/// The `retention` study kind: the collusion Monte-Carlo of spec §15.3 run from a scenario's
/// `study:` block, writing `retention.csv` and `retention_thresholds.csv`.
///
/// The networks are independent, so the (S_H, W_H) cells run on the context's workers and are
/// combined in index order: the files do not depend on the worker count. The scenario's seed keys
/// the stake and weight-noise streams; `replications` is not used (the study is one pass over the
/// grid, with common random numbers across it, as in the chain's study).
public struct RetentionMonteCarlo: Study {
  public typealias Parameters = RetentionParameters

  public static let kind = "retention"
  public static let summary =
    "honest stake retention against a colluding cabal over the S_H × W_H × W_C grid, one Yuma-2 epoch each (spec §15.3)"

  public static func readParameters(_ reader: ObjectReader) -> RetentionParameters {
    var p = RetentionParameters()
    p.weightSigma = reader.number(
      "weight_sigma", default: 0.4, in: .closed(0, 10), unit: "ratio",
      doc: "σ_W: sd of the N(1, σ_W²) noise spreading each validator's weight inside a server block (spec §15.3 step 5)")
    p.bondsPenalty = reader.number(
      "bonds_penalty", default: 1, in: .closed(0, 1), unit: "share",
      doc: "β, the bonds penalty (spec §5.1), stored as ⌊β·65534⌋ like the chain's study")
    p.validatorShare = reader.number(
      "validator_share", default: 0.5, in: .closed(0, 1), unit: "share",
      doc: "ξ, the fraction of the epoch emission paid as dividends, the rest as incentive (0.5 = the chain's split, spec §6)")
    p.kappa = reader.number(
      "kappa", default: 0.5, in: .closed(0, 1), unit: "share",
      doc: "κ, the consensus majority (spec §4.1), stored as ⌊κ·65534⌋ (0.5 → 32767, the chain's default)")
    p.utilitySteps = reader.integer(
      "utility_steps", default: 50, in: 1...1_000, unit: "count",
      doc: "W_H and W_C each take the values k/utility_steps, k = utility_steps…0 (spec §15.3: 50, i.e. steps of 0.02)")
    let arithmetic = reader.choice(
      "arithmetic", Arithmetic.allCases.map(\.rawValue), default: Arithmetic.double.rawValue,
      doc: "epoch arithmetic: double (fast) or fixed (bit-exact I32F32, spec §0.3)")
    p.arithmetic = Arithmetic(rawValue: arithmetic) ?? .double
    return p
  }

  let parameters: RetentionParameters

  public init(parameters: RetentionParameters) { self.parameters = parameters }

  /// The parameter checks ``RetentionStudy`` would refuse at run time.
  public static func problems(_ parameters: RetentionParameters, world: WorldConfig) -> [String] {
    parameters.problems
  }

  public func run(in context: StudyContext) throws -> StudyResult {
    var parameters = self.parameters
    parameters.seed = context.run.seed
    let study: RetentionStudy
    do {
      study = try RetentionStudy(parameters: parameters)
    } catch let error as RetentionParameterError {
      throw ExperimentError.studyRefused(kind: "retention", error)
    }
    let grid = parameters.grid
    let slices = try context.parallelMap(grid.honestStakePercents.count) { try study.slice($0) }
    let cells = try context.parallelMap(study.cellCount) { index in
      try study.rows(of: slices[index / grid.utilityCount], utilityIndex: index % grid.utilityCount)
    }
    let result = study.result(cells: cells)
    try write(result, in: context)
    let retained = Double(result.rows.filter(\.retained).count) / Double(max(result.rows.count, 1))
    let missing = Double(result.thresholds.filter { $0.requiredHonestUtility == nil }.count)
    return StudyResult(metrics: [
      StudyMetric(
        MetricColumn("retained_network_share", unit: "share", "share of grid networks with honest emission ≥ honest stake"),
        samples: [retained], aggregates: ["final"]),
      StudyMetric(
        MetricColumn("stakes_without_threshold", unit: "count", "honest stakes for which even W_H = 1 loses against some W_C"),
        samples: [missing], aggregates: ["final"]),
    ])
  }

  /// Writes both tables (spec §15.3 steps 7–8).
  func write(_ result: RetentionResult, in context: StudyContext) throws {
    let rows = try context.table("retention.csv", columns: [
      MetricColumn("honest_stake", unit: "share", "S_H, the honest validators' share of stake"),
      MetricColumn("honest_utility", unit: "share", "W_H, honest validators' weight on honest servers"),
      MetricColumn("cabal_self_weight", unit: "share", "W_C, cabal validators' weight on cabal servers"),
      MetricColumn("honest_emission", unit: "share", "E_H, honest validators' and servers' share of the epoch emission"),
    ])
    for row in result.rows {
      try rows.append([row.honestStake, row.honestUtility, row.cabalSelfWeight, row.honestEmission])
    }
    try rows.commit()
    let thresholds = try context.table("retention_thresholds.csv", columns: [
      MetricColumn("honest_stake", unit: "share", "S_H"),
      MetricColumn(
        "required_honest_utility", unit: "share",
        "smallest grid W_H with E_H ≥ S_H for every W_C at it and every larger W_H; empty when there is none"),
    ])
    for threshold in result.thresholds {
      try thresholds.append([threshold.honestStake, threshold.requiredHonestUtility])
    }
    try thresholds.commit()
  }
}
