import Foundation

/// What `taosim report` can draw: run folders (a `manifest.json` beside `network.csv`, plain or
/// gzip-compressed, or a study's tables) and compare folders (`compare.csv` and `compare.json`,
/// written by `taosim compare`).
public enum ReportInput: Sendable, Equatable {
  case run(URL)
  case compare(URL)

  /// The folder.
  public var folder: URL {
    switch self {
    case .run(let url), .compare(let url): url
    }
  }

  /// The kind of `folder`, or `nil` when it is neither a run folder nor a compare folder.
  public static func classify(_ folder: URL) -> ReportInput? {
    let files = FileManager.default
    func has(_ name: String) -> Bool { files.fileExists(atPath: folder.appendingPathComponent(name).path) }
    if has(ComparisonFiles.tableName) && has(ComparisonFiles.manifestName) { return .compare(folder) }
    if has("manifest.json") { return .run(folder) }
    return nil
  }

  /// Why `folder` cannot be reported on, for the error line.
  public static func refusal(_ folder: URL) -> String {
    "\(folder.path): not a run folder (no manifest.json) nor a compare folder (no \(ComparisonFiles.tableName) and \(ComparisonFiles.manifestName))"
  }
}
