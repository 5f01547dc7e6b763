import ArgumentParser
import Foundation
import Benchmarks

/// `taosim bench network`: wall time and peak memory of whole-network runs.
struct BenchNetwork: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "network",
    abstract: "Wall time and peak RSS of a whole network of honest participants (double arithmetic).",
    discussion: """
      Example:
        taosim bench network           # 128 subnets × 256 UIDs, 1 year
        taosim bench network --growth  # time and memory vs subnets, UIDs, days

      Targets for the default case: ≤ 60 s on one core, ≤ 2 GiB peak RSS (VmHWM). Peak RSS is reset \
      before each case (/proc/self/clear_refs) so growth rows are per case. Columns: cpu_s is the run's \
      CPU time; us_per_epoch = cpu_s / epochs; epoch_us is the median CPU time of the Yuma epoch alone \
      on the final subnet states; world_us = us_per_epoch − epoch_us (the World's own cost per epoch: \
      emission, distribution, agents, commit-reveal, metrics).
      """)

  @Option(help: "Subnets.") var subnets = 128
  @Option(help: "UIDs per subnet.") var uids = 256
  @Option(help: "Validators (permits) per subnet.") var validators = 64
  @Option(help: "Simulated days.") var days: Int64 = 365
  @Option(help: "A subnet record every N epochs (0 = none).") var subnetRecordEvery = 1
  @Option(help: "Root seed.") var seed: UInt64 = 1
  @Flag(help: "Run the growth table instead of one case (each case in its own process).") var growth = false
  @Flag(help: ArgumentHelp("Print only the result row (used by --growth).", visibility: .hidden)) var rowOnly = false

  func validate() throws {
    guard subnets > 0, uids > validators, validators > 0, days > 0, subnetRecordEvery >= 0 else {
      throw ValidationError("need subnets > 0, uids > validators > 0, days > 0, subnet-record-every ≥ 0")
    }
  }

  static let header =
    "dimension  subnets  uids  validators  days  setup_s  run_s  cpu_s  peak_rss_mib  epochs  us_per_epoch  epoch_us  world_us  events  blocks_per_accrual"

  func run() throws {
    if growth {
      // One process per case, so that each row's peak RSS is that case's alone.
      print(Self.header)
      for (dimension, c) in NetworkBenchmark.growthCases(validators: validators) {
        let row = try Self.runChild(
          ["bench", "network", "--row-only", "--subnets", "\(c.subnets)", "--uids", "\(c.uids)", "--validators",
           "\(c.validators)", "--days", "\(c.days)", "--subnet-record-every", "\(subnetRecordEvery)", "--seed", "\(seed)"])
        print(dimension.padding(toLength: 9, withPad: " ", startingAt: 0) + row.dropFirst(9))
      }
      return
    }
    let c = NetworkBenchmark.Case(
      subnets: subnets, uids: uids, validators: validators, days: days, subnetRecordEveryEpochs: subnetRecordEvery)
    if !rowOnly { print(Self.header) }
    Self.resetPeakRSS()
    let r = try NetworkBenchmark.run(c, seed: seed)
    let peak = Self.peakRSSMiB()
    let perEpoch = r.counters.epochs > 0 ? r.runCPUSeconds / Double(r.counters.epochs) * 1e6 : 0
    print(
      String(
        format: "%-9@  %7d  %4d  %10d  %4d  %7.2f  %5.1f  %5.1f  %12.0f  %6d  %12.1f  %8.1f  %8.1f  %6d  %18.1f",
        "case" as NSString, c.subnets, c.uids, c.validators, Int(c.days), r.setupSeconds, r.runSeconds,
        r.runCPUSeconds, peak, r.counters.epochs, perEpoch, r.epochCPUMicroseconds, perEpoch - r.epochCPUMicroseconds,
        r.counters.events, r.blocksPerAccrual))
  }

  /// Runs this executable with `arguments` and returns its last output line.
  static func runChild(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8),
      let line = text.split(separator: "\n").last
    else { throw ValidationError("a growth case failed: \(arguments.joined(separator: " "))") }
    return String(line)
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
