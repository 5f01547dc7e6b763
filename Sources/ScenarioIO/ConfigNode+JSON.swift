import Recording

extension ConfigNode {
  /// The node as JSON, typing plain scalars the way YAML's core schema does (integers, finite
  /// numbers, true/false, null); quoted scalars and everything else stay strings.
  public var jsonValue: JSONValue {
    switch content {
    case .sequence(let items): return .array(items.map(\.jsonValue))
    case .mapping(let entries):
      var members: [String: JSONValue] = [:]
      for entry in entries { members[entry.key] = entry.value.jsonValue }
      return .object(members)
    case .scalar(let text, let plain):
      guard plain else { return .string(text) }
      if isNull { return .null }
      switch text {
      case "true", "True", "TRUE": return .bool(true)
      case "false", "False", "FALSE": return .bool(false)
      default: break
      }
      if let integer = Int64(text.replacingOccurrences(of: "_", with: "")) { return .integer(integer) }
      if let number = ValueReader.parseNumber(text), number.isFinite { return .number(number) }
      return .string(text)
    }
  }

  /// A tree holding `json`, every node located at `location` (for re-reading manifests).
  public init(json: JSONValue, at location: SourceLocation) {
    switch json {
    case .null: self.init(.scalar("null", plain: true), at: location)
    case .bool(let value): self.init(.scalar(value ? "true" : "false", plain: true), at: location)
    case .integer(let value): self.init(.scalar(String(value), plain: true), at: location)
    case .unsigned(let value): self.init(.scalar(String(value), plain: true), at: location)
    case .number(let value): self.init(.scalar(CSVFormat.number(value), plain: true), at: location)
    case .string(let value): self.init(.scalar(value, plain: false), at: location)
    case .array(let items): self.init(.sequence(items.map { ConfigNode(json: $0, at: location) }), at: location)
    case .object(let members):
      let entries = members.keys.sorted(by: JSONValue.byteOrder).map {
        Entry(key: $0, keyLocation: location, value: ConfigNode(json: members[$0]!, at: location))
      }
      self.init(.mapping(entries), at: location)
    }
  }
}
