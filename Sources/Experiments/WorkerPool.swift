import Foundation

/// Runs numbered jobs on a fixed number of worker threads; jobs are taken in index order.
///
/// Results must not depend on which worker ran a job or when: callers store each job's result
/// under its index and combine them in index order.
enum WorkerPool {
  /// Calls `job(i)` for every i in 0..<count on `workers` threads and returns when all are done.
  static func run(count: Int, workers: Int, _ job: @escaping @Sendable (Int) -> Void) {
    guard count > 0 else { return }
    let threads = max(1, min(workers, count))
    if threads == 1 {
      for index in 0..<count { job(index) }
      return
    }
    let counter = LockedCounter()
    let group = DispatchGroup()
    for _ in 0..<threads {
      group.enter()
      let thread = Thread {
        while let index = counter.next(below: count) { job(index) }
        group.leave()
      }
      thread.stackSize = 16 << 20
      thread.start()
    }
    group.wait()
  }
}

/// A counter shared by worker threads.
final class LockedCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// The next value, or `nil` once `bound` is reached.
  func next(below bound: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < bound else { return nil }
    value += 1
    return value - 1
  }
}
