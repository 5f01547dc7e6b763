import ArgumentParser
import Foundation
import Simulation

/// `taosim bench network`: wall time and peak memory of whole-network runs.
struct BenchNetwork: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "network",
    abstract: "Wall time and peak RSS of a whole network of honest participants (double arithmetic).",
    discussion: """
      Example:
        taosim bench network                      # 128 subnets × 256 UIDs, 64 permits, 365 days
        taosim bench network --growth             # time and memory vs subnets, UIDs and days
      Targets for the default case: ≤ 60 s on one core, ≤ 2 GiB peak RSS (VmHWM). Peak RSS is reset
      before each case (/proc/self/clear_refs) so growth rows are per case. Columns: cpu_s is the run's
      CPU time; us_per_epoch = cpu_s / epochs; epoch_us is the median CPU time of the Yuma epoch alone
      on the final subnet states; world_us = us_per_epoch − epoch_us (the World's own cost per epoch:
      emission, distribution, agents, commit-reveal, metrics).
      """)

  @Option(help: "Subnets.") var subnets = 128
  @Option(help: "UIDs per subnet.") var uids = 256
  @Option(help: "Validators (permits) per subnet.") var validators = 64
  @Option(help: "Simulated days.") var days: Int64 = 365
  @Option(help: "A subnet record every N epochs (0 = none).") var subnetRecordEvery = 1
  @Option(help: "Root seed.") var seed: UInt64 = 1
  @Flag(help: "Run the growth table instead of one case.") var growth = false

  func validate() throws {
    guard subnets > 0, uids > validators, validators > 0, days > 0, subnetRecordEvery >= 0 else {
      throw ValidationError("need subnets > 0, uids > validators > 0, days > 0, subnet-record-every ≥ 0")
    }
  }

  func run() throws {
    let cases: [(String, NetworkBenchmark.Case)] =
      growth
      ? NetworkBenchmark.growthCases(validators: validators)
      : [("case", NetworkBenchmark.Case(subnets: subnets, uids: uids, validators: validators, days: days, subnetRecordEveryEpochs: subnetRecordEvery))]
    print(
      "dimension  subnets  uids  validators  days  setup_s  run_s  cpu_s  peak_rss_mib  epochs  us_per_epoch  epoch_us  world_us  events  blocks_per_accrual")
    for (dimension, c) in cases {
      Self.resetPeakRSS()
      let r = try NetworkBenchmark.run(c, seed: seed)
      let peak = Self.peakRSSMiB()
      let perEpoch = r.counters.epochs > 0 ? r.runCPUSeconds / Double(r.counters.epochs) * 1e6 : 0
      print(
        String(
          format: "%-9@  %7d  %4d  %10d  %4d  %7.2f  %5.1f  %5.1f  %12.0f  %6d  %12.1f  %8.1f  %8.1f  %6d  %18.1f",
          dimension as NSString, c.subnets, c.uids, c.validators, Int(c.days), r.setupSeconds, r.runSeconds,
          r.runCPUSeconds, peak, r.counters.epochs, perEpoch, r.epochCPUMicroseconds, perEpoch - r.epochCPUMicroseconds,
          r.counters.events, r.blocksPerAccrual))
    }
  }

  /// VmHWM from /proc/self/status in MiB (0 where unavailable).
  static func peakRSSMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kib = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
      return kib / 1_024
    }
    return 0
  }

  /// Resets the kernel's peak-RSS counter (Linux: writing 5 to /proc/self/clear_refs).
  static func resetPeakRSS() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }
}
