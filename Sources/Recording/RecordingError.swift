/// Why a result file could not be written or read.
public enum RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file or folder could not be created.
  case cannotCreate(path: String, reason: String)
  /// Writing to an open file failed (disk full, closed handle…).
  case writeFailed(path: String, reason: String)
  /// The final rename of a finished temporary file failed.
  case renameFailed(from: String, to: String, reason: String)
  /// A file could not be read.
  case cannotRead(path: String, reason: String)
  /// A JSON document is malformed.
  case malformedJSON(path: String, reason: String)
  /// A name or relative path would leave the output folder (see ``PathName`` and ``OutputRoot``).
  case unsafePath(path: String, reason: String)
  /// Another process holds the lock of an output folder.
  case locked(path: String)
  /// zlib refused to compress or decompress (a corrupt or truncated `.gz` file).
  case compression(String)

  public var description: String {
    switch self {
    case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
    case .writeFailed(let path, let reason): "cannot write \(path): \(reason)"
    case .renameFailed(let from, let to, let reason): "cannot rename \(from) to \(to): \(reason)"
    case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
    case .malformedJSON(let path, let reason): "\(path) is not valid JSON: \(reason)"
    case .unsafePath(_, let reason): "refusing to write outside the output folder: \(reason)"
    case .compression(let reason): "gzip: \(reason)"
    case .locked(let path):
      "\(path) is being written by another taosim process (its lock is held); wait for it or use another --out"
    }
  }
}
