import Consensus
import Metrics
import NetworkModel
import Simulation

/// The whole-network benchmark behind `taosim bench network` (not a unit test).
///
/// One case is a world of honest participants only — miners, validators with permits, root
/// validators, nominators — at the default economics, in `double`, run for a number of days.
public enum NetworkBenchmark {
  /// One benchmark configuration.
  public struct Case: Sendable, Equatable {
    /// Subnets (non-root).
    public var subnets: Int
    /// UIDs per subnet.
    public var uids: Int
    /// Validators (and validator permits) per subnet.
    public var validators: Int
    /// Simulated days (7 200 blocks each).
    public var days: Int64
    /// Subnet records every this many epochs (0 = none).
    public var subnetRecordEveryEpochs: Int

    public init(subnets: Int = 128, uids: Int = 256, validators: Int = 64, days: Int64 = 365, subnetRecordEveryEpochs: Int = 1) {
      self.subnets = subnets
      self.uids = uids
      self.validators = validators
      self.days = days
      self.subnetRecordEveryEpochs = subnetRecordEveryEpochs
    }
  }

  /// What one case did and how long it took.
  public struct Result: Sendable {
    public var benchmarkCase: Case
    /// Wall-clock seconds for building the world (genesis).
    public var setupSeconds: Double
    /// Wall-clock seconds for the run.
    public var runSeconds: Double
    /// CPU seconds of the run (this thread).
    public var runCPUSeconds: Double
    /// Median CPU µs of one Yuma epoch on the final states of up to 8 subnets (re-run after the
    /// run), so that `runCPUSeconds / epochs − epochCPUMicroseconds` is the World's own cost.
    public var epochCPUMicroseconds: Double
    /// The run's counters.
    public var counters: WorldCounters
    /// Records received by the observer (network, subnet).
    public var networkRecords: Int
    public var subnetRecords: Int
    /// Subnet-blocks simulated (subnets × blocks) ÷ closed-form accruals: how many blocks one
    /// accrual covers on average (per-block stepping would be 1).
    public var blocksPerAccrual: Double
  }

  /// The world configuration of `c`.
  public static func config(_ c: Case) -> WorldConfig {
    var w = WorldConfig()
    w.subnetCount = c.subnets
    w.chain.subnetLimit = max(w.chain.subnetLimit, c.subnets)
    w.uidsPerSubnet = c.uids
    w.hyperparameters.maxAllowedUids = max(w.hyperparameters.maxAllowedUids, c.uids)
    w.validatorsPerSubnet = c.validators
    w.hyperparameters.epoch.maxAllowedValidators = c.validators
    w.rootValidators = min(8, c.validators)
    w.nominators.count = 4 * c.subnets
    w.arithmetic = .double
    w.horizonBlocks = c.days * 7_200
    w.recording.networkEveryBlocks = 7_200
    w.recording.subnetEveryEpochs = c.subnetRecordEveryEpochs
    return w
  }

  struct Counter: RecordObserver {
    var network = 0
    var subnets = 0
    var checksum = 0.0
    mutating func record(_ r: NetworkEpochRecord) {
      network += 1
      checksum += r.stake.gini
    }
    mutating func record(_ r: SubnetEpochRecord) {
      subnets += 1
      checksum += r.stake.topShare
    }
  }

  /// Runs `c` once with root seed `seed`.
  public static func run(_ c: Case, seed: UInt64 = 1) throws -> Result {
    let clock = ContinuousClock()
    let t0 = clock.now
    var world = try World(config: config(c), rootSeed: seed)
    let t1 = clock.now
    var counter = Counter()
    let cpu0 = ThreadClock.cpuSeconds()
    let summary = world.run(observer: &counter)
    let cpu1 = ThreadClock.cpuSeconds()
    let t2 = clock.now
    let epochMicros = epochCost(world)
    let subnetBlocks = Double(c.subnets) * Double(c.days * 7_200)
    return Result(
      benchmarkCase: c, setupSeconds: ThreadClock.seconds(t1 - t0), runSeconds: ThreadClock.seconds(t2 - t1), runCPUSeconds: cpu1 - cpu0,
      epochCPUMicroseconds: epochMicros, counters: summary.counters,
      networkRecords: counter.network, subnetRecords: counter.subnets,
      blocksPerAccrual: summary.counters.accruals > 0 ? subnetBlocks / Double(summary.counters.accruals) : 0)
  }

  /// Median CPU µs per epoch over the final states of up to 8 subnets, 10 repeats each.
  static func epochCost(_ world: World) -> Double {
    var samples: [Double] = []
    for index in world.state.subnets.indices.prefix(9) {
      guard let s = world.state.subnets[index] else { continue }
      let hp = World.epochHyperparameters(s, chain: world.state.chain)
      let start = ThreadClock.cpuSeconds()
      for _ in 0..<10 {
        _ = try? YumaEpoch.run(
          s.chain, hyperparameters: hp, block: world.state.block, tempo: s.hyper.tempo, emission: 1_000_000_000,
          arithmetic: world.config.arithmetic)
      }
      samples.append((ThreadClock.cpuSeconds() - start) / 10 * 1e6)
    }
    return samples.isEmpty ? 0 : samples.sorted()[samples.count / 2]
  }

  /// The growth cases: subnets, UIDs and simulated time varied one at a time around
  /// (32 subnets, 256 UIDs, 30 days).
  public static func growthCases(validators: Int = 64) -> [(dimension: String, Case)] {
    var out: [(String, Case)] = []
    for s in [16, 32, 64, 128] { out.append(("subnets", Case(subnets: s, uids: 256, validators: validators, days: 30))) }
    for u in [128, 256, 512, 1_024] { out.append(("uids", Case(subnets: 32, uids: u, validators: validators, days: 30))) }
    for d in [Int64(15), 30, 60, 120] { out.append(("days", Case(subnets: 32, uids: 256, validators: validators, days: d))) }
    return out
  }
}
