#if canImport(Glibc)
import EpochTypes
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timing of `YumaEpoch.run` on synthetic subnets (used by `taosim bench epoch`; never by tests).
///
/// The subnet has `validators` staked validators (UIDs 0..<V, all with permits) and `uids` UIDs
/// in total. Every validator weights the same `density` share of the UIDs (every UID at 100%;
/// a fixed 1-in-10 pattern at 10%), with values that vary per validator, so consensus, clipping
/// and bonds all do real work. Bonds are warmed up by a few persisted epochs first. The inputs
/// are a fixed arithmetic pattern (no randomness), identical to `Benchmarks/epoch_numpy.py`.
public enum EpochBenchmark {

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
    /// Σ combined emission of the timed state (a checksum that the work was done).
    public var checksum: UInt64
  }

  /// The synthetic weight value of validator `i` on UID `j`, in 1…65535, or nil when not weighted.
  public static func weight(validator i: Int, uid j: Int, density: Double) -> UInt16? {
    if density < 1 && (j &* 7 &+ 3) % 10 != 0 { return nil }
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
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    // Calibrate the number of epochs per repeat.
    var checksum: UInt64 = 0
    let t0 = clock.now
    let probe = try YumaEpoch.run(state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
    let single = max(seconds(clock.now - t0), 1e-7)
    for e in probe.combinedEmission { checksum &+= e }
    let epochs = max(1, min(1_000_000, Int(targetSeconds / single)))
    var samples: [Double] = []
    var cpuSamples: [Double] = []
    for _ in 0..<max(repeats, 1) {
      let cpuStart = threadCPUSeconds()
      let start = clock.now
      var sink: UInt64 = 0
      for _ in 0..<epochs {
        let out = try YumaEpoch.run(state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
        sink &+= out.combinedEmission[0]
      }
      samples.append(seconds(clock.now - start) / Double(epochs) * 1e6)
      cpuSamples.append((threadCPUSeconds() - cpuStart) / Double(epochs) * 1e6)
      if sink == UInt64.max { checksum &+= 1 }  // keeps the loop observable
    }
    samples.sort()
    cpuSamples.sort()
    return Result(
      validators: validators, uids: uids, density: density, arithmetic: arithmetic,
      microsecondsPerEpoch: samples[samples.count / 2], cpuMicrosecondsPerEpoch: cpuSamples[cpuSamples.count / 2],
      epochsPerRepeat: epochs, checksum: checksum)
  }

  /// CPU time consumed by the calling thread, in seconds.
  public static func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }
}
