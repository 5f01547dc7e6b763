import Foundation
import Recording

/// The file written last into a finished run folder: the run id and every result file's size
/// and FNV-1a digest. A folder without it (or whose files do not match it) is incomplete;
/// `--resume` and `taosim merge` rely on this.
public struct CompletionMarker: Sendable, Equatable {
  /// The marker's file name.
  public static let fileName = "COMPLETE"

  public struct Entry: Sendable, Equatable {
    public var bytes: Int
    public var digest: String
  }

  public var runID: String
  public var toolVersion: String
  /// File name → size and digest, for every file of the run except the marker.
  public var files: [String: Entry]

  public init(runID: String, toolVersion: String, files: [String: Entry]) {
    self.runID = runID
    self.toolVersion = toolVersion
    self.files = files
  }

  /// The marker as canonical JSON.
  public var json: JSONValue {
    var entries: [String: JSONValue] = [:]
    for (name, entry) in files {
      entries[name] = .object(["bytes": .integer(Int64(entry.bytes)), "fnv1a64": .string(entry.digest)])
    }
    return .object([
      "run_id": .string(runID), "tool_version": .string(toolVersion), "files": .object(entries),
      "results_format": .integer(Int64(ResultsFormat.version)),
    ])
  }

  /// Writes the marker atomically into `folder`.
  public func write(into folder: URL) throws {
    try AtomicFile.write(json.encoded(), to: folder.appendingPathComponent(Self.fileName))
  }

  /// Reads the marker of `folder`, or `nil` when absent or unreadable.
  public static func read(from folder: URL) -> CompletionMarker? {
    let url = folder.appendingPathComponent(fileName)
    guard let data = FileManager.default.contents(atPath: url.path),
      let json = try? JSONValue.parse(String(decoding: data, as: UTF8.self), source: url.path),
      let runID = json["run_id"]?.stringValue, let version = json["tool_version"]?.stringValue,
      let files = json["files"]?.objectValue
    else { return nil }
    var entries: [String: Entry] = [:]
    for (name, value) in files {
      guard let bytes = value["bytes"]?.integerValue, let digest = value["fnv1a64"]?.stringValue else { return nil }
      entries[name] = Entry(bytes: Int(bytes), digest: digest)
    }
    return CompletionMarker(runID: runID, toolVersion: version, files: entries)
  }

  /// Whether every listed file exists with the recorded size (cheap; digests are checked when
  /// files are copied or checked).
  public func sizesMatch(in folder: URL) -> Bool {
    for (name, entry) in files {
      guard PathName.problem(name) == nil,
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path),
        let size = attributes[.size] as? NSNumber, size.intValue == entry.bytes
      else { return false }
    }
    return true
  }

  /// Whether every listed file exists with the recorded size and digest (reads every byte).
  public func digestsMatch(in folder: URL) -> Bool {
    for (name, entry) in files {
      guard PathName.problem(name) == nil, let actual = try? Self.measure(folder.appendingPathComponent(name)),
        actual == entry
      else { return false }
    }
    return true
  }

  /// Whether `folder` holds a complete run named `runID` written by this tool version: the
  /// marker matches and every file's size and digest match it (a same-size file with other
  /// bytes is not complete).
  public static func isComplete(_ folder: URL, runID: String) -> Bool {
    guard let marker = read(from: folder) else { return false }
    return marker.runID == runID && marker.toolVersion == ResultsFormat.toolVersion && marker.sizesMatch(in: folder)
      && marker.digestsMatch(in: folder)
  }

  /// Reads `file` and returns its size and digest.
  public static func measure(_ file: URL) throws -> Entry {
    guard let handle = FileHandle(forReadingAtPath: file.path) else {
      throw RecordingError.cannotRead(path: file.path, reason: "cannot open")
    }
    defer { try? handle.close() }
    var digest = FNV1a64()
    var bytes = 0
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      digest.update(chunk)
      bytes += chunk.count
    }
    return Entry(bytes: bytes, digest: digest.hex)
  }
}
