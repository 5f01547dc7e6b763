import Foundation

/// An exclusive, non-blocking `flock` on a hidden lock file beside an output folder
/// (`parent/.<folder>.lock`): one writer per folder, and a clear error for the second.
///
/// The lock file is removed on release (the lock is dropped after the unlink, and a taker
/// checks that the file it locked is still the one on disk, so no two writers can both hold
/// it). A crashed writer's lock is released by the kernel; its stale file is reused. On a file
/// system that does not support `flock` the lock is not enforced (``enforced`` is false) and the
/// write goes ahead, as it did before locks existed.
public final class FolderLock {
  /// The folder guarded.
  public let folder: URL
  /// `parent/.<folder name>.lock`.
  public let lockFile: URL
  private var descriptor: Int32
  /// False when the file system does not support `flock` (the lock file exists but locks nothing).
  public private(set) var enforced = true

  /// `flock` errors that mean "not supported here" rather than "held by another process".
  static let unsupported: Set<Int32> = [ENOLCK, EOPNOTSUPP, ENOSYS, EINVAL]

  /// Takes the lock of `folder`, creating its parent if needed.
  ///
  /// - Throws: ``RecordingError/locked(path:)`` when another process holds it,
  ///   ``RecordingError/cannotCreate(path:reason:)`` when the lock file cannot be made.
  public init(_ folder: URL) throws(RecordingError) {
    self.folder = folder
    let parent = folder.deletingLastPathComponent()
    lockFile = parent.appendingPathComponent(".\(folder.lastPathComponent).lock")
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreate(path: parent.path, reason: (error as NSError).localizedDescription)
    }
    for _ in 0..<100 {
      let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw .cannotCreate(path: lockFile.path, reason: String(cString: strerror(errno))) }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let error = errno
        guard Self.unsupported.contains(error) else {
          close(fd)
          throw .locked(path: folder.path)
        }
        // A file system without flock (e.g. Lustre mounted without -o flock): no lock to take.
        enforced = false
      }
      // The holder before us may have unlinked the file after we opened it: retry on the new one.
      var held = stat()
      var onDisk = stat()
      if fstat(fd, &held) == 0, stat(lockFile.path, &onDisk) == 0, held.st_ino == onDisk.st_ino,
        held.st_dev == onDisk.st_dev
      {
        descriptor = fd
        return
      }
      close(fd)
    }
    throw .locked(path: folder.path)
  }

  /// Removes the lock file and drops the lock (idempotent).
  public func release() {
    guard descriptor >= 0 else { return }
    unlink(lockFile.path)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
