import Foundation

/// Turns ``ExecutionProgress`` reports into lines a person can follow, on a terminal or in a log.
///
/// On a terminal (``Mode/terminal``) one line is redrawn in place (runs and jobs done of all,
/// elapsed time, an estimate of the time left) and cleared when the last job ends. In a log
/// (``Mode/plain(interval:)``: CI, Slurm output files) a plain line is printed every
/// `interval` and one line each time a run finishes, never redrawn. Lines go only to `write`
/// (the CLI passes stderr); nothing here reaches a result file, and the timing it shows never
/// feeds back into a run.
public final class ProgressReporter: @unchecked Sendable {
  public enum Mode: Sendable, Equatable {
    /// Redraw one line in place (stderr is a terminal).
    case terminal
    /// A line every `interval` seconds and one per finished run (stderr is a file or pipe).
    case plain(interval: Double)
  }

  /// The interval between plain lines unless the caller chooses another.
  public static let defaultInterval = 30.0

  let mode: Mode
  let write: @Sendable (String) -> Void
  let start = ContinuousClock.now
  private let lock = NSLock()
  private var latest: ExecutionProgress?
  /// True after the last job of the current execution: ticks stay silent until the next report.
  private var done = false
  private var timer: DispatchSourceTimer?

  /// Starts reporting: in plain mode a timer prints a line every interval; on a terminal it
  /// redraws the line once a second so the elapsed time moves between reports.
  public init(mode: Mode, write: @escaping @Sendable (String) -> Void) {
    self.mode = mode
    self.write = write
    let seconds: Double
    switch mode {
    case .terminal: seconds = 1
    case .plain(let interval): seconds = max(0.001, interval)
    }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "taosim.progress"))
    timer.schedule(deadline: .now() + seconds, repeating: seconds)
    timer.setEventHandler { [weak self] in self?.tick() }
    timer.resume()
    self.timer = timer
  }

  deinit { timer?.cancel() }

  /// The callback to hand to ``ExperimentRunner``.
  public var callback: @Sendable (ExecutionProgress) -> Void { { [self] in self.report($0) } }

  /// Records a report. Reports of one execution arrive in order (``RunExecutor`` calls back
  /// under its lock); a command may execute several plans (as `check` does), each starting
  /// with a report of no finished jobs.
  public func report(_ progress: ExecutionProgress) {
    var lines: [String] = []
    lock.withLock {
      latest = progress
      let elapsed = elapsedSeconds
      switch mode {
      case .terminal:
        lines.append(Self.terminalLine(progress, elapsed: elapsed))
      case .plain:
        if progress.finishedLatest { lines.append(Self.runLine(progress, elapsed: elapsed) + "\n") }
      }
      done = progress.finishedJobs >= progress.totalJobs
      if done && mode == .terminal { lines.append("\r\u{1B}[K") }
      // Written under the lock, so lines from different threads never overtake each other.
      for line in lines { write(line) }
    }
  }

  private func tick() {
    lock.withLock {
      var line: String?
      guard !done else { return }
      let elapsed = elapsedSeconds
      switch mode {
      case .terminal:
        if let latest { line = Self.terminalLine(latest, elapsed: elapsed) }
      case .plain:
        line = "progress: " + (latest.map { Self.summary($0, elapsed: elapsed) } ?? "starting, \(Self.duration(elapsed)) elapsed") + "\n"
      }
      if let line { write(line) }
    }
  }

  private var elapsedSeconds: Double {
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  // MARK: - Formatting

  /// `3/10 runs, 12/40 jobs, 1m 05s elapsed, ETA 3m 12s`: the estimate assumes the remaining
  /// jobs take as long on average as the finished ones (none before the first job ends).
  public static func summary(_ progress: ExecutionProgress, elapsed: Double) -> String {
    var text =
      "\(progress.finishedRuns)/\(progress.totalRuns) runs, \(progress.finishedJobs)/\(progress.totalJobs) jobs, "
      + "\(duration(elapsed)) elapsed"
    if let eta = eta(progress, elapsed: elapsed) { text += ", ETA \(duration(eta))" }
    return text
  }

  /// The line printed in plain mode when a run finishes.
  public static func runLine(_ progress: ExecutionProgress, elapsed: Double) -> String {
    "finished \(progress.latest) (\(summary(progress, elapsed: elapsed)))"
  }

  /// Seconds left, extrapolated from the finished jobs; `nil` before the first one.
  public static func eta(_ progress: ExecutionProgress, elapsed: Double) -> Double? {
    guard progress.finishedJobs > 0, progress.totalJobs >= progress.finishedJobs else { return nil }
    return elapsed / Double(progress.finishedJobs) * Double(progress.totalJobs - progress.finishedJobs)
  }

  /// `4.2 s`, `3m 05s`, `2h 07m`.
  public static func duration(_ seconds: Double) -> String {
    let seconds = max(0, seconds)
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3_600 { return String(format: "%dm %02ds", whole / 60, whole % 60) }
    return String(format: "%dh %02dm", whole / 3_600, (whole % 3_600) / 60)
  }

  /// The in-place line: carriage return, the summary and the latest run (its start cut, so the
  /// point or run id stays visible), padded to 79 columns so it never wraps.
  static func terminalLine(_ progress: ExecutionProgress, elapsed: Double) -> String {
    let head = "[\(summary(progress, elapsed: elapsed))] "
    let room = max(0, 79 - head.count)
    let latest = progress.latest.count > room ? "…" + progress.latest.suffix(max(0, room - 1)) : progress.latest
    return "\r" + (head + latest).padding(toLength: 79, withPad: " ", startingAt: 0)
  }
}
