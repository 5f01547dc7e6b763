import Agents
import Recording
import ScenarioIO
import Simulation

/// The `copier` study kind: a weight copier's relative dividend against the commit-reveal
/// interval and miner churn (``CopierSweep``), written to `copier.csv`.
///
/// The scenario's model is the base world (its network, miners, validators, nominators, policy,
/// horizon and any attacks); the study sets the interval and the churn per point and adds the
/// copier. The scenario's `replications` are the replicates of every point; the runs are spread
/// over the workers and combined in index order, so the file does not depend on the worker count.
public struct CopierStudy: Study {
  public typealias Parameters = CopierSweep

  public static let kind = "copier"
  public static let summary =
    "weight copier's relative dividend vs commit-reveal interval and miner churn, with replicates (spec §10)"

  public static func readParameters(_ reader: ObjectReader) -> CopierSweep {
    var p = CopierSweep()
    let (intervals, _) = reader.field("reveal_intervals_tempos").list(
      doc: "commit-reveal intervals to compare, in tempos (0 = off, spec §10; default 0, 1, 2, 4, 8, 12, 16, 20, 24)",
      default: p.revealIntervals
    ) { item in
      item.integer(default: nil, in: 0...100, unit: "tempos", doc: "an interval")
    }
    reader.store("reveal_intervals_tempos", .array(intervals.map { .integer(Int64($0)) }))
    p.revealIntervals = intervals
    let (churn, _) = reader.field("churn").list(
      doc: "honest-miner exit probabilities per utility update (miners.exit_probability) to compare (default 0, 0.02, 0.1)",
      default: p.churn
    ) { item in
      item.number(default: nil, in: .closed(0, 1), unit: "share", doc: "an exit probability")
    }
    reader.store("churn", .array(churn.map { .number($0) }))
    p.churn = churn
    if !reader.context.documenting {
      if intervals.isEmpty { reader.field("reveal_intervals_tempos").report("list at least one interval") }
      if churn.isEmpty { reader.field("churn").report("list at least one exit probability") }
    }
    p.warmupDays = reader.number(
      "warmup_days", default: p.warmupDays, in: .closed(0, 36_500), unit: "days",
      doc: "epochs before this day are left out of each replicate's mean")
    p.copierStake = UInt64(
      (reader.number("copier_stake_alpha", default: 20_000, in: .closed(0, 1e9), unit: "alpha",
        doc: "the copier's alpha stake on each subnet at genesis") * 1e9).rounded(.down))
    p.copier.source = CopySource(
      rawValue: reader.choice("source", CopySource.allCases.map(\.rawValue), default: CopySource.stakeMean.rawValue,
        doc: "what the copier copies: stake-mean, consensus or validator")) ?? .stakeMean
    p.copier.targetRank = reader.integer("target_rank", default: 1, in: 1...4_096,
      doc: "source validator: the stake rank of the validator copied (1 = largest)")
    p.copier.leadBlocks = Int64(reader.integer("lead_blocks", default: 1, in: 1...100_000, unit: "blocks",
      doc: "the copier submits this many blocks before each epoch"))
    return p
  }

  let sweep: CopierSweep

  public init(parameters: CopierSweep) { sweep = parameters }

  /// The problems of every point's world (the base world with the point's interval, churn and copier).
  public static func problems(_ parameters: CopierSweep, world: WorldConfig) -> [String] {
    let points = parameters.points
    return Array(Set(points.flatMap { parameters.world(world, interval: $0.interval, churn: $0.churn).problems().map(\.description) }))
      .sorted()
  }

  public func run(in context: StudyContext) throws -> StudyResult {
    guard !sweep.revealIntervals.isEmpty, !sweep.churn.isEmpty else {
      throw ExperimentError.model("copier study: reveal_intervals_tempos and churn need at least one value each")
    }
    let sweep = self.sweep
    let base = WorldBuilder.config(context.run.scenario.spec)
    let seed = context.run.seed
    let replicates = context.run.replications
    let points = sweep.points
    let worlds = points.map { sweep.world(base, interval: $0.interval, churn: $0.churn) }
    if let problem = worlds.first?.problems().first { throw ExperimentError.model("copier study: \(problem)") }
    let values = try context.parallelMap(points.count * replicates) { index in
      try sweep.replicate(worlds[index / replicates], seed: seed, replication: index % replicates)
    }
    let summaries = points.indices.map { k in
      CopierSweep.summary(
        interval: points[k].interval, churn: points[k].churn,
        samples: Array(values[(k * replicates)..<((k + 1) * replicates)]))
    }
    let table = try context.table("copier.csv", columns: [
      MetricColumn("reveal_interval_tempos", unit: "count", "commit-reveal interval in tempos (0 = off)"),
      MetricColumn("churn", unit: "share", "honest-miner exit probability per utility update"),
      MetricColumn(
        "copier_relative_dividend", unit: "ratio",
        "copier dividend per unit stake ÷ median honest dividend per unit stake, mean over replicates"),
      MetricColumn("ci_low", unit: "ratio", "95% Student-t interval over replicates, low end"),
      MetricColumn("ci_high", unit: "ratio", "95% Student-t interval over replicates, high end"),
    ])
    for point in summaries {
      try table.append([Double(point.revealInterval), point.churn, point.relativeDividend, point.ciLow, point.ciHigh])
    }
    try table.commit()
    // The corners for summary.csv and expect: the first and last interval at the highest churn.
    let highest = sweep.churn.indices.max { sweep.churn[$0] < sweep.churn[$1] }!
    func samples(interval k: Int) -> [Double] {
      let point = k * sweep.churn.count + highest
      return values[(point * replicates)..<((point + 1) * replicates)].compactMap { $0 }
    }
    return StudyResult(metrics: [
      StudyMetric(
        MetricColumn("copier_relative_dividend_first_interval", unit: "ratio",
          "per replicate, at the first listed interval and the highest churn"),
        samples: samples(interval: 0), aggregates: ["mean"]),
      StudyMetric(
        MetricColumn("copier_relative_dividend_last_interval", unit: "ratio",
          "per replicate, at the last listed interval and the highest churn"),
        samples: samples(interval: sweep.revealIntervals.count - 1), aggregates: ["mean"]),
    ])
  }
}
