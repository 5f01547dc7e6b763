import ArgumentParser
import Benchmarks
import Foundation

/// `taosim bench epoch`: microseconds per Yuma epoch for the standard subnet sizes.
struct BenchEpoch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "epoch",
    abstract: "µs per epoch for 64×256, 256×4096 and 1024×16384 (validators × UIDs) at 100% and 10% density.",
    discussion: """
      Example:
        taosim bench epoch --arithmetic double --repeats 5

      Targets (double, CPU time of the thread): within 1.5× of the plain C epoch that \
      Benchmarks/bench-epoch.sh times in the same run; 20×256 at 33% (≈ 85 weights per row) ≤ 10 µs; \
      1024×16384 dense ≤ 300 ms; fixed ≤ 2× double. \
      `--json` prints one JSON object per configuration for scripts (Benchmarks/bench-epoch.sh).
      """)

  @Option(help: "Sizes as VALIDATORSxUIDS, comma-separated.") var sizes = "64x256,256x4096,1024x16384"
  @Option(help: "Weight densities, comma-separated (1 = every UID).") var densities = "1,0.1"
  @Option(help: "Arithmetics: fixed, double or both.") var arithmetic = "both"
  @Option(help: "Bond model: 2 or 3.") var yuma = 3
  @Flag(help: "Turn liquid alpha on (Yuma 3).") var liquidAlpha = false
  @Option(help: "Timed repeats per configuration (the median is reported).") var repeats = 5
  @Option(help: "Approximate seconds per repeat.") var seconds = 0.2
  @Flag(help: "Print JSON lines only.") var json = false
  @Option(help: "Write each timed epoch's outputs to this folder (for Benchmarks/epoch_numpy.py --check).")
  var dump: String?

  func run() throws {
    let parsedSizes: [(Int, Int)] = try sizes.split(separator: ",").map { item in
      let parts = item.lowercased().split(separator: "x").compactMap { Int($0) }
      guard parts.count == 2, parts[0] > 0, parts[1] >= parts[0], parts[1] <= EpochBenchmark.maximumUIDs else {
        throw ValidationError(
          "size \"\(item)\" must be VALIDATORSxUIDS with \(EpochBenchmark.maximumUIDs) ≥ UIDS ≥ VALIDATORS > 0")
      }
      return (parts[0], parts[1])
    }
    let parsedDensities: [Double] = try densities.split(separator: ",").map {
      guard let d = Double($0), d > 0, d <= 1 else { throw ValidationError("density \"\($0)\" must be in (0, 1]") }
      return d
    }
    let arithmetics: [Arithmetic]
    switch arithmetic {
    case "both": arithmetics = [.double, .fixed]
    case "fixed": arithmetics = [.fixed]
    case "double": arithmetics = [.double]
    default: throw ValidationError("--arithmetic must be fixed, double or both")
    }
    guard yuma == 2 || yuma == 3 else { throw ValidationError("--yuma must be 2 or 3") }
    var hp = EpochHyperparameters()
    hp.yuma3 = yuma == 3
    hp.liquidAlpha = liquidAlpha
    let variant = yuma == 2 ? "yuma2" : (liquidAlpha ? "yuma3-liquid" : "yuma3")
    if !json {
      print("validators × uids  density  arithmetic  µs/epoch (cpu)  µs/epoch (wall)  epochs/repeat")
    }
    for (v, n) in parsedSizes {
      for d in parsedDensities {
        var byArithmetic: [Arithmetic: Double] = [:]
        for a in arithmetics {
          hp.maxAllowedValidators = v
          let r = try EpochBenchmark.measure(
            validators: v, uids: n, density: d, arithmetic: a, hyperparameters: hp, repeats: repeats, targetSeconds: seconds)
          byArithmetic[a] = r.cpuMicrosecondsPerEpoch
          if let dump { try r.write(variant: variant, to: dump) }
          if json {
            print(String(format: "{\"impl\":\"taosim\",\"variant\":\"%@\",\"validators\":%d,\"uids\":%d,\"density\":%g,\"arithmetic\":\"%@\",\"us_per_epoch\":%.3f,\"wall_us_per_epoch\":%.3f}",
                         variant, v, n, d, a.rawValue, r.cpuMicrosecondsPerEpoch, r.microsecondsPerEpoch))
          } else {
            print(String(format: "%5d × %-6d      %4.0f%%   %-8@  %14.1f  %15.1f  %d", v, n, d * 100, a.rawValue,
                         r.cpuMicrosecondsPerEpoch, r.microsecondsPerEpoch, r.epochsPerRepeat))
          }
        }
        if !json, let f = byArithmetic[.fixed], let x = byArithmetic[.double] {
          print(String(format: "%31@fixed/double = %.2f×", "", f / x))
        }
      }
    }
  }
}
