import Foundation

/// A results folder built whole beside its destination (`parent/.<name>.new`) and swapped in
/// only on success, so a failed or interrupted re-write leaves the earlier folder as it was.
///
/// The caller holds the destination's ``FolderLock``. ``commit()`` syncs the staged folder,
/// exchanges it with the destination in one `renameat2(RENAME_EXCHANGE)` where the system
/// offers it (otherwise: destination → `.<name>.old`, staging → destination, and an
/// interrupted swap is undone by the next writer), syncs the parent, then deletes the old copy.
public struct StagedFolder {
  /// The folder's final place.
  public let destination: URL
  /// Where it is built.
  public let staging: URL
  /// Where the old folder waits during a two-step swap.
  let old: URL

  /// Prepares an empty staging folder, removing any left by an interrupted writer, and puts
  /// back a destination an interrupted two-step swap had moved aside.
  public init(destination: URL) throws(RecordingError) {
    self.destination = destination
    let parent = destination.deletingLastPathComponent()
    staging = parent.appendingPathComponent(".\(destination.lastPathComponent).new")
    old = parent.appendingPathComponent(".\(destination.lastPathComponent).old")
    let manager = FileManager.default
    if manager.fileExists(atPath: old.path) {
      if !manager.fileExists(atPath: destination.path) {
        guard rename(old.path, destination.path) == 0 else {
          throw .renameFailed(from: old.path, to: destination.path, reason: String(cString: strerror(errno)))
        }
      } else {
        try? manager.removeItem(at: old)
      }
    }
    try? manager.removeItem(at: staging)
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreate(path: staging.path, reason: (error as NSError).localizedDescription)
    }
  }

  /// Syncs the staged folder's files and entries, swaps it in and removes the old folder.
  public func commit() throws(RecordingError) {
    try Durability.syncContents(of: staging)
    let manager = FileManager.default
    if manager.fileExists(atPath: destination.path) {
      if Self.exchange(staging.path, destination.path) {
        try Durability.sync(destination.deletingLastPathComponent())
        try? manager.removeItem(at: staging)
        return
      }
      guard rename(destination.path, old.path) == 0 else {
        throw .renameFailed(from: destination.path, to: old.path, reason: String(cString: strerror(errno)))
      }
    }
    guard rename(staging.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      _ = rename(old.path, destination.path)
      throw .renameFailed(from: staging.path, to: destination.path, reason: reason)
    }
    try Durability.sync(destination.deletingLastPathComponent())
    try? manager.removeItem(at: old)
  }

  /// Deletes the staged folder; the destination is untouched.
  public func discard() {
    try? FileManager.default.removeItem(at: staging)
  }

  private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  /// `renameat2(…, RENAME_EXCHANGE)` looked up at run time (not every C library declares it);
  /// false when unavailable or refused, and then nothing has moved.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    #if os(Linux)
      guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let renameExchange: UInt32 = 2
      return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    #else
      return false
    #endif
  }
}
