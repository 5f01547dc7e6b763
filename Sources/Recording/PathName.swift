/// The one rule for every name that becomes a component of a results path: scenario names, run
/// ids, sweep folders, point folders and the file names listed in completion markers and shard
/// manifests.
///
/// A valid name is not empty, at most ``maxBytes`` UTF-8 bytes, not `.` or `..` (nor only
/// dots), not hidden (leading `.`, reserved for TaoSim's staging and lock files) and holds no
/// `/`, `\`, NUL or other control character. Names read from files (`COMPLETE`, shard
/// manifests) are untrusted and checked with this before any path is built from them.
public enum PathName {
  /// The longest name allowed, in UTF-8 bytes.
  public static let maxBytes = 128

  /// Why `name` cannot be one path component, or `nil` when it can.
  public static func problem(_ name: String) -> String? {
    if name.isEmpty { return "a name is empty" }
    if name.utf8.count > maxBytes { return "'\(shown(name))' is longer than \(maxBytes) bytes" }
    if name.allSatisfy({ $0 == "." }) { return "'\(shown(name))' is only dots" }
    if name.hasPrefix(".") { return "'\(shown(name))' starts with '.' (hidden names are reserved)" }
    for scalar in name.unicodeScalars {
      if scalar == "/" || scalar == "\\" { return "'\(shown(name))' contains a path separator" }
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        return "'\(shown(name))' contains a control character"
      }
    }
    return nil
  }

  /// Why the relative path `path` (components joined by `/`) cannot lie under an output root,
  /// or `nil`: it must not be absolute and every component must pass ``problem(_:)``.
  public static func relativeProblem(_ path: String) -> String? {
    if path.hasPrefix("/") { return "'\(shown(path))' is an absolute path" }
    for component in path.split(separator: "/", omittingEmptySubsequences: false) {
      if let problem = problem(String(component)) { return "'\(shown(path))': \(problem)" }
    }
    return nil
  }

  /// `name` with control characters escaped, cut to 80 characters, for messages.
  static func shown(_ name: String) -> String {
    var out = ""
    for scalar in name.unicodeScalars.prefix(80) {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return name.unicodeScalars.count > 80 ? out + "…" : out
  }
}
