import Consensus
import EpochTypes

/// Timing of `YumaEpoch.run` on synthetic subnets (used by `taosim bench epoch`; never by tests).
///
/// The subnet has `validators` staked validators (UIDs 0..<V, all with permits) and `uids` UIDs
/// in total. Every validator weights the same `density` share of the UIDs (every UID at 100%;
/// UID j iff (7j + 3) mod 100 < 100·density otherwise), with values that vary per validator, so
/// consensus, clipping and bonds all do real work. Bonds are warmed up by a few persisted epochs
/// first. The inputs are a fixed arithmetic pattern (no randomness), identical to
/// `Benchmarks/epoch_numpy.py`.
public enum EpochBenchmark {

  /// The most UIDs a benchmarked subnet can have (what an epoch takes, ``SparseEntry/maximumUIDs``).
  public static let maximumUIDs = SparseEntry.maximumUIDs

  /// One measured configuration.
  public struct Result: Sendable {
    public var validators: Int
    public var uids: Int
    public var density: Double
    public var arithmetic: Arithmetic
    /// Median over repeats of the mean wall-clock time per epoch, in microseconds.
    public var microsecondsPerEpoch: Double
    /// Median over repeats of the mean CPU time of the running thread per epoch, in microseconds
    /// (robust when other processes share the cores).
    public var cpuMicrosecondsPerEpoch: Double
    /// Epochs timed per repeat.
    public var epochsPerRepeat: Int
    /// The output of the timed epoch (for comparisons with other implementations).
    public var output: EpochOutput
    /// A sum over every timed epoch's first emission (keeps the timed loop observable).
    public var checksum: UInt64
  }

  /// Whether validator rows weight UID `j` at `density` (every UID at density 1).
  public static func weighted(uid j: Int, density: Double) -> Bool {
    density >= 1 || (j &* 7 &+ 3) % 100 < Int((density * 100).rounded())
  }

  /// The synthetic weight value of validator `i` on UID `j`, in 1…65535, or nil when not weighted.
  public static func weight(validator i: Int, uid j: Int, density: Double) -> UInt16? {
    if !weighted(uid: j, density: density) { return nil }
    let base = 1 + (j &* 40_503) % 50_000
    let noise = (i &* 2_654_435_761 &+ j &* 97) % 15_000
    return UInt16(base + noise)
  }

  /// The synthetic subnet state after `warmup` persisted epochs.
  public static func state(
    validators: Int, uids: Int, density: Double, hyperparameters hp: EpochHyperparameters, block: Int64,
    arithmetic: Arithmetic, warmup: Int = 3
  ) throws -> SubnetEpochState {
    var state = SubnetEpochState(n: uids, registeredAt: 0)
    for i in 0..<validators {
      state.alphaStake[i] = UInt64(1_000 + 37 * i) * 1_000_000_000
      state.validatorPermit[i] = true
      var row: [SparseEntry] = []
      row.reserveCapacity(uids)
      for j in 0..<uids {
        if let v = weight(validator: i, uid: j, density: density) { row.append(SparseEntry(uid: j, value: v)) }
      }
      state.weights[i] = row
    }
    for j in 0..<uids { state.lastUpdate[j] = block - 1 }
    for k in 0..<warmup {
      let b = block - Int64(warmup - k)
      let out = try YumaEpoch.run(state, hyperparameters: hp, block: b, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
      state.persist(out, block: b)
    }
    return state
  }

  /// Times `repeats` repeats of enough epochs to last about `targetSeconds` each.
  public static func measure(
    validators: Int, uids: Int, density: Double, arithmetic: Arithmetic, hyperparameters hp: EpochHyperparameters,
    repeats: Int = 5, targetSeconds: Double = 0.2
  ) throws -> Result {
    let block: Int64 = 10_000
    let state = try state(validators: validators, uids: uids, density: density, hyperparameters: hp, block: block, arithmetic: arithmetic)
    let clock = ContinuousClock()
    func epoch() throws -> EpochOutput {
      try YumaEpoch.run(state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
    }
    // Calibrate the number of epochs per repeat (the first run also warms the scratch buffers).
    let output = try epoch()
    let t0 = ThreadClock.cpuSeconds()
    _ = try epoch()
    let single = max(ThreadClock.cpuSeconds() - t0, 1e-7)
    let epochs = max(1, min(1_000_000, Int(targetSeconds / single)))
    var samples: [Double] = []
    var cpuSamples: [Double] = []
    var checksum: UInt64 = 0
    for _ in 0..<max(repeats, 1) {
      let cpuStart = ThreadClock.cpuSeconds()
      let start = clock.now
      var sink: UInt64 = 0
      for _ in 0..<epochs { sink &+= try epoch().combinedEmission[0] }
      samples.append(ThreadClock.seconds(clock.now - start) / Double(epochs) * 1e6)
      cpuSamples.append((ThreadClock.cpuSeconds() - cpuStart) / Double(epochs) * 1e6)
      checksum &+= sink
    }
    samples.sort()
    cpuSamples.sort()
    return Result(
      validators: validators, uids: uids, density: density, arithmetic: arithmetic,
      microsecondsPerEpoch: samples[samples.count / 2], cpuMicrosecondsPerEpoch: cpuSamples[cpuSamples.count / 2],
      epochsPerRepeat: epochs, output: output, checksum: checksum)
  }
}
