import Agents
import Metrics
import NetworkModel
import ScenarioIO
import SimStats
import Simulation

/// The weight-copier experiment: a copier's relative dividend against the commit-reveal interval
/// and the honest miners' churn, with replicates (spec §10 "What a copier sees").
///
/// Every point (interval p, churn c) runs the scenario's world with commit-reveal interval p on
/// every subnet (0 = off), honest-miner exit probability c per utility update, and one copier
/// validator (``WeightCopier``) on every subnet. Replicate r of every point uses substream r of the
/// run's seed, so all points see the same random world (common random numbers) and differ only by
/// p and c. A replicate's value is the mean of `copier_relative_dividend` (copier dividend per unit
/// stake ÷ median honest-validator dividend per unit stake) over every subnet epoch after the
/// warm-up; a point reports the mean over replicates and its 95% Student-t interval.
public struct CopierSweep: Sendable, Equatable {
  /// Commit-reveal intervals in tempos (0 = off). Default 0, 1, 2, 4, 8, 12, 16, 20, 24.
  public var revealIntervals: [Int] = [0, 1, 2, 4, 8, 12, 16, 20, 24]
  /// Honest-miner exit probabilities per utility update (the miners' churn). Default 0, 0.02, 0.1.
  public var churn: [Double] = [0, 0.02, 0.1]
  /// Replicates per point. Default 8.
  public var replicates: Int = 8
  /// Epochs recorded before this many days are left out (bonds need time to form). Default 10.
  public var warmupDays: Double = 10
  /// The copier's alpha stake per subnet, base units. Default 20 000 alpha (the median genesis stake).
  public var copierStake: UInt64 = 20_000_000_000_000
  /// What the copier copies.
  public var copier = WeightCopierParameters()

  public init() {}

  /// The points in output order: interval-major, churn within.
  public var points: [(interval: Int, churn: Double)] {
    revealIntervals.flatMap { p in churn.map { (p, $0) } }
  }

  /// The world of one point: `base` with the interval, the churn and the copier applied.
  public func world(_ base: WorldConfig, interval: Int, churn: Double) -> WorldConfig {
    var config = base
    config.hyperparameters.commitRevealInterval = interval
    for k in config.subnetOverrides.indices { config.subnetOverrides[k].commitRevealInterval = nil }
    config.miners.exitProbability = churn
    config.recording.subnetEveryEpochs = 1
    let subnets = config.subnetCount >= 1 ? Array(1...config.subnetCount) : []
    config.agents.append(.copier(parameters: copier, subnets: subnets, count: 1, stake: copierStake))
    return config
  }

  /// One replicate's time-averaged relative dividend (nil when no epoch after the warm-up defined it).
  public func replicate(_ config: WorldConfig, seed: UInt64, replication: Int) throws -> Double? {
    var observer = CopierDividendObserver(fromBlock: Int64((warmupDays * 7_200).rounded()))
    try WorldKernel.simulate(config, run: "copier study", rootSeed: seed, replication: replication, observer: &observer)
    return observer.count > 0 ? observer.sum / Double(observer.count) : nil
  }

  /// Summarises one point's replicate values.
  public static func summary(interval: Int, churn: Double, samples: [Double?]) -> CopierPoint {
    let values = samples.compactMap { $0 }
    let ci = Statistics.meanConfidenceInterval(values)
    return CopierPoint(
      revealInterval: interval, churn: churn, relativeDividend: Statistics.mean(values), ciLow: ci?.low,
      ciHigh: ci?.high, replicates: values.count)
  }
}

/// One point of the copier sweep.
public struct CopierPoint: Sendable, Equatable {
  public var revealInterval: Int
  public var churn: Double
  /// Mean over replicates (nil if no replicate defined it).
  public var relativeDividend: Double?
  public var ciLow: Double?
  public var ciHigh: Double?
  /// Replicates that contributed.
  public var replicates: Int
}

/// Sums `copier_relative_dividend` over subnet records from `fromBlock` on.
struct CopierDividendObserver: RecordObserver {
  let fromBlock: Int64
  var sum = 0.0
  var count = 0

  init(fromBlock: Int64) { self.fromBlock = fromBlock }

  mutating func record(_ record: SubnetEpochRecord) {
    guard record.block >= fromBlock, let value = record.copierRelativeDividend, value.isFinite else { return }
    sum += value
    count += 1
  }
}
