import Foundation

/// A file written under a temporary name in its destination folder, synced to stable storage
/// and renamed into place only when complete, so that a reader never sees a partial file and a
/// crash never leaves a renamed file whose bytes are not on disk.
///
/// Writes are buffered (256 KiB) and counted; a running ``FNV1a64`` digest of every byte is kept
/// for completion markers. With `gzip: true` the bytes pass through a ``Gzip/Encoder`` first
/// (size and digest are those of the compressed file). If the writer is dropped without
/// ``commit()`` the temporary file is removed. Not thread-safe: one writer per file per task.
public final class AtomicFile {
  /// Where the file ends up.
  public let destination: URL
  /// The temporary file being written (same folder, hidden name).
  public let temporary: URL
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var finished = false
  private let encoder: Gzip.Encoder?
  /// Bytes written so far.
  public private(set) var byteCount = 0
  /// Digest of the bytes written so far.
  public private(set) var digest = FNV1a64()

  private static let bufferLimit = 256 * 1024

  /// Opens a temporary file next to `destination`, creating the folder if needed; with `gzip`
  /// the file is a gzip stream of what is written (name `destination` accordingly, `….gz`).
  ///
  /// - Throws: ``RecordingError/cannotCreate(path:reason:)``.
  public init(destination: URL, gzip: Bool = false) throws {
    self.destination = destination
    encoder = gzip ? try Gzip.Encoder() : nil
    let folder = destination.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw RecordingError.cannotCreate(path: folder.path, reason: Self.reason(error))
    }
    temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(TemporaryName.next()).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary.path)
    else {
      throw RecordingError.cannotCreate(path: temporary.path, reason: "the folder is not writable")
    }
    self.handle = handle
    buffer.reserveCapacity(Self.bufferLimit)
  }

  deinit {
    if !finished { discard() }
  }

  /// Appends the UTF-8 bytes of `text`.
  public func write(_ text: String) throws {
    var text = text
    text.withUTF8 { bytes in buffer.append(contentsOf: bytes) }
    if buffer.count >= Self.bufferLimit { try flush() }
  }

  /// Appends raw bytes.
  public func write(bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferLimit { try flush() }
  }

  private func flush(final: Bool = false) throws {
    var bytes = buffer
    if let encoder {
      bytes = try encoder.compress(buffer)
      if final { bytes += try encoder.finish() }
    }
    buffer.removeAll(keepingCapacity: true)
    guard !bytes.isEmpty else { return }
    digest.update(bytes)
    byteCount += bytes.count
    do {
      try handle.write(contentsOf: bytes)
    } catch {
      throw RecordingError.writeFailed(path: temporary.path, reason: Self.reason(error))
    }
  }

  /// Flushes, syncs (`fsync`), closes and renames the temporary file onto the destination
  /// (replacing it), then syncs the folder so the new name is durable too.
  ///
  /// - Returns: The final size and digest.
  @discardableResult
  public func commit() throws -> (bytes: Int, digest: FNV1a64) {
    precondition(!finished, "\(destination.path) was already committed or discarded")
    try flush(final: true)
    finished = true
    do {
      try handle.synchronize()
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
      throw RecordingError.writeFailed(path: temporary.path, reason: "fsync failed: \(Self.reason(error))")
    }
    try? handle.close()
    guard rename(temporary.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw RecordingError.renameFailed(from: temporary.path, to: destination.path, reason: reason)
    }
    try Durability.sync(destination.deletingLastPathComponent())
    return (byteCount, digest)
  }

  /// Closes and deletes the temporary file; the destination is left as it was.
  public func discard() {
    guard !finished else { return }
    finished = true
    try? handle.close()
    try? FileManager.default.removeItem(at: temporary)
  }

  /// Writes `text` to `destination` atomically in one call.
  @discardableResult
  public static func write(_ text: String, to destination: URL) throws -> (bytes: Int, digest: FNV1a64) {
    let file = try AtomicFile(destination: destination)
    try file.write(text)
    return try file.commit()
  }

  static func reason(_ error: any Error) -> String {
    if let error = error as? RecordingError { return error.description }
    return (error as NSError).localizedDescription
  }
}

/// Unique temporary-name suffixes within this process (process id and a counter).
enum TemporaryName {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var counter = 0

  static func next() -> String {
    lock.lock()
    defer { lock.unlock() }
    counter += 1
    return "\(ProcessInfo.processInfo.processIdentifier)-\(counter)"
  }
}
