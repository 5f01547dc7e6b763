import Foundation
import TestSupport
import Testing

@testable import Experiments

/// Collects what a reporter writes.
final class WrittenLines: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  func append(_ line: String) { lock.withLock { text += line } }
  var all: String { lock.withLock { text } }
}

@Suite("Progress you can follow")
struct ProgressReporterTests {
  func progress(jobs: Int, of totalJobs: Int, runs: Int, of totalRuns: Int, latest: String = "s/run", finished: Bool = false)
    -> ExecutionProgress
  {
    ExecutionProgress(
      finishedJobs: jobs, totalJobs: totalJobs, finishedRuns: runs, totalRuns: totalRuns, latest: latest,
      finishedLatest: finished)
  }

  @Test("the summary shows runs and jobs done of all, the elapsed time and an estimate of the rest")
  func summaryLine() {
    let line = ProgressReporter.summary(progress(jobs: 10, of: 40, runs: 2, of: 8), elapsed: 30)
    #expect(line == "2/8 runs, 10/40 jobs, 30.0 s elapsed, ETA 1m 30s")
    #expect(ProgressReporter.summary(progress(jobs: 0, of: 4, runs: 0, of: 1), elapsed: 2) == "0/1 runs, 0/4 jobs, 2.0 s elapsed")
  }

  @Test("durations read as seconds, minutes and hours")
  func durations() {
    #expect(ProgressReporter.duration(4.25) == "4.2 s")
    #expect(ProgressReporter.duration(185) == "3m 05s")
    #expect(ProgressReporter.duration(7_620) == "2h 07m")
  }

  @Test("in a log, a plain line comes at the interval and one line when a run finishes, never a carriage return")
  func plainLines() async throws {
    let written = WrittenLines()
    let reporter = ProgressReporter(mode: .plain(interval: 0.02), write: { written.append($0) })
    reporter.report(progress(jobs: 0, of: 2, runs: 0, of: 1, latest: ""))
    try await Task.sleep(for: .milliseconds(200))
    reporter.report(progress(jobs: 1, of: 2, runs: 0, of: 1))
    reporter.report(progress(jobs: 2, of: 2, runs: 1, of: 1, finished: true))
    let lines = written.all.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("progress: 0/1 runs, 0/2 jobs, ") })
    #expect(lines.filter { $0.hasPrefix("finished s/run (1/1 runs, 2/2 jobs, ") }.count == 1)
    #expect(!written.all.contains("\r"))
    // After the last job the timer stays silent.
    let count = lines.count
    try await Task.sleep(for: .milliseconds(100))
    #expect(written.all.split(separator: "\n").count == count)
  }

  @Test("on a terminal the line is redrawn in place, kept within 79 columns and cleared at the end")
  func terminalLine() {
    let written = WrittenLines()
    let reporter = ProgressReporter(mode: .terminal, write: { written.append($0) })
    reporter.report(progress(jobs: 1, of: 2, runs: 0, of: 1, latest: String(repeating: "x", count: 200)))
    reporter.report(progress(jobs: 2, of: 2, runs: 1, of: 1, finished: true))
    let parts = written.all.split(separator: "\r", omittingEmptySubsequences: true)
    #expect(parts.first?.count == 79)
    #expect(parts.first?.hasPrefix("[0/1 runs, 1/2 jobs, ") == true)
    #expect(parts.first?.contains("] …xxx") == true)
    #expect(parts.first?.hasSuffix("xxx") == true)
    #expect(written.all.hasSuffix("\r\u{1B}[K"))
  }

  @Test("an execution reports once before any job ends and once per finished job, in order")
  func executorReports() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("tiny.yaml", tinyScenario)
    let seen = Reports()
    let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: 2, progress: { seen.append($0) })
    _ = runner.run(try runner.load(path), outputRoot: folder.url.appendingPathComponent("out"))
    let reports = seen.all
    #expect(reports.map(\.finishedJobs) == [0, 1, 2, 3])
    #expect(reports.filter(\.finishedLatest).map(\.latest).count == 1)
    #expect(reports.last?.finishedLatest == true)
    #expect(reports.last?.latest.hasPrefix("tiny/seed-11_reps-3_") == true)
  }
}

/// Collects reports from worker threads.
final class Reports: @unchecked Sendable {
  private let lock = NSLock()
  private var reports: [ExecutionProgress] = []
  func append(_ report: ExecutionProgress) { lock.withLock { reports.append(report) } }
  var all: [ExecutionProgress] { lock.withLock { reports } }
}
