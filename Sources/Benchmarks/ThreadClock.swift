#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clocks the benchmarks read (never the model: timing stays out of the model modules).
public enum ThreadClock {
  /// CPU time consumed by the calling thread, in seconds (robust when other processes share the
  /// cores; the same kind of clock as Python's `time.thread_time`).
  public static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// A `Duration` in seconds.
  public static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
