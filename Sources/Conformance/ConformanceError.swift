/// Why a conformance vector file could not be used. Printed as `FILE:LINE:COLUMN: what is wrong`
/// (line and column from 1, the column in Unicode scalars; 0:0 when the place is not known).
public enum ConformanceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read, or is not a regular file.
  case unreadable(file: String, reason: String)
  /// The file is not valid JSON; line and column locate the first problem.
  case invalidJSON(file: String, line: Int, column: Int, reason: String)
  /// The JSON does not follow the vector format of spec §15.1; `path` names the value (or the
  /// object that lacks a key), line and column locate it.
  case malformed(file: String, line: Int, column: Int, path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
    case .invalidJSON(let file, let line, let column, let reason): "\(file):\(line):\(column): not valid JSON: \(reason)"
    case .malformed(let file, let line, let column, let path, let reason): "\(file):\(line):\(column): \(path): \(reason)"
    }
  }
}
