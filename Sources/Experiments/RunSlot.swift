import Foundation
import Recording

/// One run's claim on its folder while it executes: the folder checked to lie under the output
/// root, its lock, and the staged folder the new result is written into.
///
/// Opening a slot writes nothing except the lock file; ``close(_:)`` swaps the staged folder in
/// when the run completed (or discards it when it failed) and drops the lock.
final class RunSlot: @unchecked Sendable {
  /// The run as planned (its ``PlannedRun/folder`` is the final place).
  let run: PlannedRun
  /// The same run writing into the staged folder.
  let writing: PlannedRun
  private let lock: FolderLock
  private let staged: StagedFolder

  /// Claims `run`'s folder; `nil` when `resume` is set and the folder already holds the
  /// complete run (every file's digest matching its marker).
  ///
  /// - Throws: ``RecordingError/unsafePath(path:reason:)`` for a folder outside the output root,
  ///   ``RecordingError/locked(path:)`` when another process is writing it.
  init?(_ run: PlannedRun, resume: Bool) throws {
    _ = try OutputRoot(run.outputRoot).confined(run.relativeFolder)
    lock = try FolderLock(run.folder)
    if resume, CompletionMarker.isComplete(run.folder, runID: run.runID) {
      lock.release()
      return nil
    }
    staged = try StagedFolder(destination: run.folder)
    self.run = run
    var writing = run
    writing.folder = staged.staging
    self.writing = writing
  }

  /// Swaps the staged result in on success (a failure to swap fails the run), discards it on
  /// failure, and releases the lock.
  func close(_ status: RunOutcome.Status) -> RunOutcome.Status {
    defer { lock.release() }
    guard status == .completed else {
      staged.discard()
      return status
    }
    do {
      try staged.commit()
      return status
    } catch {
      staged.discard()
      return .failed(RunFailure(error))
    }
  }
}
