import Emission
import Metrics
import Recording
import ScenarioIO
import SimStats
import Simulation

/// The `concentration` study kind: the network-wide top-10 validator stake share over time under
/// several subnet emission policies, on the same random world (spec §9.3), written to
/// `stake_concentration.csv`.
///
/// Each policy runs the scenario's world (its network, participants, attacks and horizon) with
/// only `emission.policy` replaced (the policy's default parameters, or the scenario's own when it
/// names the same policy). Replicate r of every policy uses substream r of the seed (common random
/// numbers). Every `record_every_days` the network record gives the top-10 share of validators'
/// stake value (alpha at spot price + root TAO), its Gini coefficient and the attackers' stake
/// share; a row reports each as the mean over replicates, the top-10 share with its 95% t interval.
public struct ConcentrationStudy: Study {
  public struct Parameters: Sendable, Equatable {
    /// Policy identifiers to compare (default price-ema, tao-flow, equal).
    public var policies: [String] = ["price-ema", "tao-flow", "equal"]
    /// Days between rows (default 30).
    public var recordEveryDays: Int = 30
  }

  public static let kind = "concentration"
  public static let summary =
    "top-10 validator stake share over time under several subnet emission policies, same random world (spec §9.3)"

  public static func readParameters(_ reader: ObjectReader) -> Parameters {
    var p = Parameters()
    let known = EmissionPolicies.all.map(\.identifier)
    let (policies, _) = reader.field("policies").list(
      doc: "emission policies to compare (" + known.joined(separator: ", ") + "; default price-ema, tao-flow, equal)",
      default: p.policies
    ) { item in
      item.choice(known, default: nil, doc: "a policy identifier")
    }
    reader.store("policies", .array(policies.map { .string($0) }))
    p.policies = policies
    if !reader.context.documenting, policies.isEmpty { reader.field("policies").report("list at least one policy") }
    p.recordEveryDays = reader.integer(
      "record_every_days", default: p.recordEveryDays, in: 1...36_500, unit: "days", doc: "days between rows")
    return p
  }

  let parameters: Parameters

  public init(parameters: Parameters) { self.parameters = parameters }

  /// The world of each policy: `base` with only the emission policy (and the record interval) replaced.
  static func worlds(_ parameters: Parameters, base: WorldConfig) -> [WorldConfig] {
    parameters.policies.map { policy -> WorldConfig in
      var config = base
      if config.emissionPolicy != policy {
        config.emissionPolicy = policy
        config.emissionPolicyParameters = [:]
      }
      config.recording.networkEveryBlocks = Int64(parameters.recordEveryDays) * 7_200
      return config
    }
  }

  /// The problems of every policy's world.
  public static func problems(_ parameters: Parameters, world: WorldConfig) -> [String] {
    Array(Set(worlds(parameters, base: world).flatMap { $0.problems().map(\.description) })).sorted()
  }

  public func run(in context: StudyContext) throws -> StudyResult {
    let policies = parameters.policies
    guard !policies.isEmpty else { throw ExperimentError.model("concentration study: list at least one policy") }
    let worlds = Self.worlds(parameters, base: WorldBuilder.config(context.run.scenario.spec))
    if let problem = worlds.flatMap({ $0.problems() }).first {
      throw ExperimentError.model("concentration study: \(problem)")
    }
    let seed = context.run.seed
    let replicates = context.run.replications
    let runs = try context.parallelMap(policies.count * replicates) { index in
      var observer = CollectingObserver()
      try WorldKernel.simulate(
        worlds[index / replicates], run: "concentration study", rootSeed: seed, replication: index % replicates,
        observer: &observer)
      return observer.network
    }
    let table = try context.table("stake_concentration.csv", columns: [
      MetricColumn("policy", unit: "text", "subnet emission policy"),
      MetricColumn("day", unit: "days", "simulated day (7 200 blocks)"),
      MetricColumn("top10_validator_share", unit: "share", "top-10 share of validators' stake value, mean over replicates"),
      MetricColumn("ci_low", unit: "share", "95% Student-t interval over replicates, low end"),
      MetricColumn("ci_high", unit: "share", "95% Student-t interval over replicates, high end"),
      MetricColumn("gini_stake", unit: "share", "Gini coefficient of validators' stake value, mean over replicates"),
      MetricColumn("attacker_stake_share", unit: "share", "attackers' share of stake value, mean over replicates"),
    ])
    var metrics: [StudyMetric] = []
    for (k, policy) in policies.enumerated() {
      let replicateRecords = Array(runs[(k * replicates)..<((k + 1) * replicates)])
      let rows = replicateRecords.map(\.count).min() ?? 0
      for row in 0..<rows {
        let top = replicateRecords.map { $0[row].stake.topShare }
        let ci = Statistics.meanConfidenceInterval(top)
        let numbers: [Double?] = [
          Double(replicateRecords[0][row].block) / 7_200, Statistics.mean(top), ci?.low, ci?.high,
          Statistics.mean(replicateRecords.map { $0[row].stake.gini }),
          Statistics.mean(replicateRecords.map { $0[row].attackerStakeShare }),
        ]
        try table.append(fields: [policy] + numbers.map { CSVFormat.number($0) })
      }
      metrics.append(
        StudyMetric(
          MetricColumn(
            "top10_validator_share_" + policy.replacingOccurrences(of: "-", with: "_"), unit: "share",
            "final top-10 validator stake share under \(policy), per replicate"),
          samples: replicateRecords.compactMap { $0.last?.stake.topShare }, aggregates: ["final"]))
    }
    try table.commit()
    return StudyResult(metrics: metrics)
  }
}
