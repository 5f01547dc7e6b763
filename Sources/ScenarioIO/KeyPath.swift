/// A path to a value in a scenario: `network.subnets`, `attacks[0].stake_share`.
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
  /// One step: a mapping key or a list index.
  public enum Component: Sendable, Hashable {
    case key(String)
    case index(Int)
  }

  public var components: [Component]

  public init(_ components: [Component] = []) { self.components = components }

  /// Most steps a path may have (a scenario nests at most ``YAMLLoader/maximumDepth`` levels).
  public static let maximumComponents = 64

  /// The number of steps `text` would have (keys plus `[n]` indices), counted without parsing.
  public static func stepCount(_ text: String) -> Int {
    text.reduce(1) { $0 + ($1 == "." || $1 == "[" ? 1 : 0) }
  }

  /// Parses dotted text with optional `[n]` indices; `nil` when malformed or deeper than
  /// ``maximumComponents``.
  public init?(parsing text: String) {
    guard Self.stepCount(text) <= Self.maximumComponents else { return nil }
    var components: [Component] = []
    for part in text.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      let name = rest.prefix(while: { $0 != "[" })
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
        return nil
      }
      components.append(.key(String(name)))
      rest = rest.dropFirst(name.count)
      while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]"),
          let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
        else { return nil }
        components.append(.index(index))
        rest = rest[rest.index(after: close)...]
      }
    }
    guard !components.isEmpty else { return nil }
    self.components = components
  }

  /// The path with `key` appended.
  public func appending(_ key: String) -> KeyPath { KeyPath(components + [.key(key)]) }
  /// The path with list index `index` appended.
  public func appending(index: Int) -> KeyPath { KeyPath(components + [.index(index)]) }

  /// Dotted text; `(document)` for the empty path.
  public var description: String {
    guard !components.isEmpty else { return "(document)" }
    var text = ""
    for component in components {
      switch component {
      case .key(let key): text += text.isEmpty ? key : "." + key
      case .index(let index): text += "[\(index)]"
      }
    }
    return text
  }
}
