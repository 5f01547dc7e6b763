import Foundation

/// A text file produced by a generator, with whether it should be executable.
public struct GeneratedFile: Sendable, Equatable {
  /// File name inside the target folder.
  public var name: String
  /// Full contents (UTF-8).
  public var contents: String
  /// Whether to mark the file executable (0755 rather than 0644).
  public var isExecutable: Bool

  public init(name: String, contents: String, isExecutable: Bool) {
    self.name = name
    self.contents = contents
    self.isExecutable = isExecutable
  }

  /// Writes `files` into `directory` (created with its parents if needed), each one atomically
  /// (temporary file, then rename), and creates the `extraDirectories` too.
  ///
  /// - Returns: the paths written, in the order given.
  /// - Throws: `ClusterError.cannotWrite` naming the first path that failed.
  public static func write(
    _ files: [GeneratedFile], into directory: String, creating extraDirectories: [String] = []
  ) throws -> [String] {
    let manager = FileManager.default
    for folder in [directory] + extraDirectories {
      do {
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw ClusterError.cannotWrite(path: folder, reason: error.localizedDescription)
      }
    }
    var written: [String] = []
    for file in files {
      let path = directory + "/" + file.name
      do {
        try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try manager.setAttributes([.posixPermissions: file.isExecutable ? 0o755 : 0o644], ofItemAtPath: path)
      } catch {
        throw ClusterError.cannotWrite(path: path, reason: error.localizedDescription)
      }
      written.append(path)
    }
    return written
  }
}
