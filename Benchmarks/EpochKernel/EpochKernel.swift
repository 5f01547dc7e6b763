import Benchmark
import Benchmarks
import Consensus

/// One Yuma epoch (`YumaEpoch.run`) on the synthetic subnets of `taosim bench epoch`
/// (`EpochBenchmark.state`: bonds warmed up by three persisted epochs), per size, bond model and
/// arithmetic. Metrics: wall time per epoch, allocations per epoch and peak memory (the harness's
/// CPU-time metric counts in 10 ms steps on Linux, too coarse for one epoch; `make bench-epoch`
/// reports the thread's CPU time next to numpy and the C limit).
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .microseconds, warmupIterations: 3, maxDuration: .seconds(2), maxIterations: 2_000)

  struct Case {
    var validators: Int
    var uids: Int
    var density: Double
    var yuma3: Bool
    var liquidAlpha: Bool
    var name: String { "\(validators)x\(uids) \(Int(density * 100))% \(yuma3 ? (liquidAlpha ? "yuma3-liquid" : "yuma3") : "yuma2")" }
  }
  let cases = [
    Case(validators: 64, uids: 256, density: 1, yuma3: false, liquidAlpha: false),
    Case(validators: 64, uids: 256, density: 1, yuma3: true, liquidAlpha: true),
    Case(validators: 20, uids: 256, density: 0.33, yuma3: false, liquidAlpha: false),
    Case(validators: 20, uids: 256, density: 0.33, yuma3: true, liquidAlpha: true),
    Case(validators: 256, uids: 4_096, density: 1, yuma3: false, liquidAlpha: false),
  ]
  for c in cases {
    for arithmetic in [Arithmetic.double, .fixed] {
      var hp = EpochHyperparameters()
      hp.yuma3 = c.yuma3
      hp.liquidAlpha = c.liquidAlpha
      hp.maxAllowedValidators = max(hp.maxAllowedValidators, c.validators)
      let block: Int64 = 10_000
      Benchmark("epoch \(c.name) \(arithmetic.rawValue)") { benchmark in
        let state = try EpochBenchmark.state(
          validators: c.validators, uids: c.uids, density: c.density, hyperparameters: hp, block: block,
          arithmetic: arithmetic)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
          blackHole(
            try YumaEpoch.run(
              state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic))
        }
      }
    }
  }
}
