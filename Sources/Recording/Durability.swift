import Foundation

/// `fsync` for files and folders, so a completion marker is only written once the bytes it
/// vouches for (and the folder entries naming them) are on stable storage.
public enum Durability {
  /// Flushes the file or folder at `url` to stable storage.
  ///
  /// - Throws: ``RecordingError/writeFailed(path:reason:)`` when it cannot be opened or synced.
  public static func sync(_ url: URL) throws(RecordingError) {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .writeFailed(path: url.path, reason: "cannot open to sync: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    // Some file systems refuse fsync on folders (EINVAL); their entries are durable by other means.
    if fsync(fd) != 0, errno != EINVAL {
      throw .writeFailed(path: url.path, reason: "fsync failed: \(String(cString: strerror(errno)))")
    }
  }

  /// Syncs every regular file directly inside `folder`, then `folder` itself.
  public static func syncContents(of folder: URL) throws(RecordingError) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names.sorted() {
      var isDirectory: ObjCBool = false
      let url = folder.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        try sync(url)
      }
    }
    try sync(folder)
  }
}
