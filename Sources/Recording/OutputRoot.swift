import Foundation

/// The folder the user named for results (`--out`): every path TaoSim writes is built here from
/// validated names (``PathName``) and checked, after resolving symbolic links, to lie inside it.
public struct OutputRoot: Sendable {
  /// The root as given.
  public let url: URL

  public init(_ url: URL) { self.url = url }

  /// `root/relative`, after checking every component of `relative` and that the resolved path
  /// (symbolic links followed as far as the path exists) stays under the resolved root.
  ///
  /// - Throws: ``RecordingError/unsafePath(path:reason:)``; nothing is created.
  public func confined(_ relative: String) throws(RecordingError) -> URL {
    if let problem = PathName.relativeProblem(relative) {
      throw .unsafePath(path: relative, reason: problem)
    }
    let candidate = url.appendingPathComponent(relative)
    let root = Self.resolved(url)
    let resolved = Self.resolved(candidate)
    guard resolved.hasPrefix(root == "/" ? "/" : root + "/") else {
      throw .unsafePath(path: relative, reason: "resolves to \(resolved), outside the output folder \(url.path)")
    }
    return candidate
  }

  /// The real path of the deepest existing ancestor of `url`, with the remaining components
  /// appended (so a path that does not exist yet still resolves the links above it).
  static func resolved(_ url: URL) -> String {
    var existing = url.standardizedFileURL.path
    var rest: [String] = []
    while true {
      if let real = realpath(existing, nil) {
        defer { free(real) }
        let base = String(cString: real)
        return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
      }
      let parent = (existing as NSString).deletingLastPathComponent
      if parent == existing || parent.isEmpty { return url.standardizedFileURL.path }
      rest.append((existing as NSString).lastPathComponent)
      existing = parent
    }
  }
}
