/// A scenario document as a tree of located values, before it is typed.
///
/// Loading (YAML), `extends:` merging, `--set` overrides and sweep points all work on this tree;
/// ``SpecReader`` then types it. Mapping order is the file's order; nothing here iterates a
/// dictionary.
public struct ConfigNode: Sendable {
  /// A mapping entry: the key, where the key was written, and the value.
  public struct Entry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: ConfigNode

    public init(key: String, keyLocation: SourceLocation, value: ConfigNode) {
      self.key = key
      self.keyLocation = keyLocation
      self.value = value
    }
  }

  /// The shape of a node.
  public enum Content: Sendable {
    /// A scalar's text; `plain` is false for quoted scalars (always strings).
    case scalar(String, plain: Bool)
    case sequence([ConfigNode])
    case mapping([Entry])
  }

  public var content: Content
  public var location: SourceLocation

  public init(_ content: Content, at location: SourceLocation) {
    self.content = content
    self.location = location
  }

  /// True for `~`, `null` and an empty plain scalar.
  public var isNull: Bool {
    if case .scalar(let text, let plain) = content, plain {
      return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }
    return false
  }

  /// The entries of a mapping, or `nil`.
  public var entries: [Entry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }

  /// The value under `key` in a mapping (the last one wins, as in YAML merging).
  public subscript(key: String) -> ConfigNode? {
    entries?.last(where: { $0.key == key })?.value
  }

  /// A short human description of the node's type for messages ("a mapping", "the string 'x'").
  public var kindDescription: String {
    switch content {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let text, let plain):
      if isNull { return "nothing (null)" }
      let shown = text.count > 40 ? String(text.prefix(37)) + "…" : text
      return plain ? "'\(shown)'" : "the quoted string '\(shown)'"
    }
  }

  /// The node as compact YAML flow text (for sweep indexes and messages).
  public var flowText: String {
    switch content {
    case .scalar(let text, let plain):
      if plain { return text }
      return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    case .sequence(let items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
    case .mapping(let entries):
      return "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
    }
  }
}
