/// Why a conformance vector file could not be used.
public enum ConformanceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// The file is not valid JSON.
  case invalidJSON(file: String, reason: String)
  /// The JSON does not follow the vector format of spec §15.1; `path` locates the problem.
  case malformed(file: String, path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
    case .invalidJSON(let file, let reason): "\(file): not valid JSON: \(reason)"
    case .malformed(let file, let path, let reason): "\(file): \(path): \(reason)"
    }
  }
}
