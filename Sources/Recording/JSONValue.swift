/// A JSON document as a value: what manifests, shard manifests and completion markers hold.
///
/// Encoding is canonical (see ``JSONValue/encoded(pretty:)``): object keys sorted by their
/// UTF-8 bytes, integers in plain decimal, doubles in ``CSVFormat/number(_:)`` form, so the same
/// value always gives the same bytes.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// An integer written without a fraction or exponent.
  case integer(Int64)
  /// An integer above `Int64.max` (up to `UInt64.max`), kept exact: u64 amounts of the chain's
  /// conformance vectors must not pass through `Double`. The parser gives it only to integers
  /// that do not fit ``integer(_:)``.
  case unsigned(UInt64)
  /// A finite double (non-finite doubles encode as `null`).
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The member `key` of an object, or `nil`.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string payload, or `nil`.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The integer payload (also an integral double), or `nil`.
  public var integerValue: Int64? {
    switch self {
    case .integer(let value): return value
    case .unsigned(let value): return value <= UInt64(Int64.max) ? Int64(value) : nil
    case .number(let value) where value.rounded() == value && abs(value) < 9.0e18: return Int64(value)
    default: return nil
    }
  }

  /// The numeric payload as a double, or `nil`.
  public var doubleValue: Double? {
    switch self {
    case .integer(let value): return Double(value)
    case .unsigned(let value): return Double(value)
    case .number(let value): return value
    default: return nil
    }
  }

  /// The payload as an exact unsigned integer (also a non-negative integral double below 2⁶⁴),
  /// or `nil`.
  public var unsignedValue: UInt64? {
    switch self {
    case .integer(let value): return value >= 0 ? UInt64(value) : nil
    case .unsigned(let value): return value
    case .number(let value) where value.rounded() == value && value >= 0 && value < 1.8e19: return UInt64(value)
    default: return nil
    }
  }

  /// The boolean payload, or `nil`.
  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  /// True for `null`.
  public var isNull: Bool { self == .null }

  /// The array payload, or `nil`.
  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// The object payload, or `nil`.
  public var objectValue: [String: JSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The canonical text: sorted keys; with `pretty`, two-space indentation and a final newline.
  public func encoded(pretty: Bool = true) -> String {
    var text = ""
    append(to: &text, indent: pretty ? 0 : nil)
    if pretty { text.append("\n") }
    return text
  }

  private func append(to text: inout String, indent: Int?) {
    switch self {
    case .null: text.append("null")
    case .bool(let value): text.append(value ? "true" : "false")
    case .integer(let value): text.append(String(value))
    case .unsigned(let value): text.append(String(value))
    case .number(let value): text.append(value.isFinite ? CSVFormat.number(value) : "null")
    case .string(let value): Self.appendQuoted(value, to: &text)
    case .array(let items):
      guard !items.isEmpty else { return text.append("[]") }
      text.append("[")
      for (index, item) in items.enumerated() {
        if index > 0 { text.append(",") }
        Self.newline(&text, indent.map { $0 + 1 })
        item.append(to: &text, indent: indent.map { $0 + 1 })
      }
      Self.newline(&text, indent)
      text.append("]")
    case .object(let members):
      guard !members.isEmpty else { return text.append("{}") }
      text.append("{")
      for (index, key) in members.keys.sorted(by: Self.byteOrder).enumerated() {
        if index > 0 { text.append(",") }
        Self.newline(&text, indent.map { $0 + 1 })
        Self.appendQuoted(key, to: &text)
        text.append(indent == nil ? ":" : ": ")
        members[key]!.append(to: &text, indent: indent.map { $0 + 1 })
      }
      Self.newline(&text, indent)
      text.append("}")
    }
  }

  /// Orders strings by their UTF-8 bytes (locale-free, the same on every platform).
  public static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  private static func newline(_ text: inout String, _ indent: Int?) {
    guard let indent else { return }
    text.append("\n")
    text.append(String(repeating: "  ", count: indent))
  }

  private static func appendQuoted(_ value: String, to text: inout String) {
    text.append("\"")
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text.append("\\\"")
      case "\\": text.append("\\\\")
      case "\n": text.append("\\n")
      case "\r": text.append("\\r")
      case "\t": text.append("\\t")
      case _ where scalar.value < 0x20:
        let hex = Hex.word(UInt64(scalar.value))
        text.append("\\u" + hex.suffix(4))
      default: text.unicodeScalars.append(scalar)
      }
    }
    text.append("\"")
  }
}
