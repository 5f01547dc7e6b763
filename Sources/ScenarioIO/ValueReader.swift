import Recording

/// Types one value of a scenario tree (or its absence), reporting problems instead of failing.
///
/// Every accessor returns a usable value even when the input is wrong (the default or a
/// neutral value), so that reading goes on and every problem in a file is found in one pass.
/// The second result is the value in canonical JSON form for the resolved scenario; `nil`
/// means "leave it out".
public struct ValueReader {
  /// The value, or `nil` when the key is absent.
  public let node: ConfigNode?
  /// Where it sits, for messages.
  public let path: KeyPath
  /// Path pattern for documentation (`[]` for list items).
  public let docPath: String
  /// `kind: x` when reading a tagged object's parameters (documentation only).
  public let kindNote: String
  /// Where to point when the value is missing.
  public let parentLocation: SourceLocation
  public let context: SpecContext

  public init(
    node: ConfigNode?, path: KeyPath, docPath: String, kindNote: String = "", parentLocation: SourceLocation,
    context: SpecContext
  ) {
    self.node = node
    self.path = path
    self.docPath = docPath
    self.kindNote = kindNote
    self.parentLocation = parentLocation
    self.context = context
  }

  var location: SourceLocation { node?.location ?? parentLocation }

  /// Reports a problem with this value (at the value, or at its mapping when it is absent).
  public func report(_ message: String) { context.report(location, path, message) }

  func document(type: String, unit: String = "", range: String = "", defaultValue: String, kinds: String = "", doc: String) {
    context.document(
      KeyDoc(
        path: docPath, type: type, unit: unit, range: range, defaultValue: defaultValue,
        kinds: kinds.isEmpty ? kindNote : kinds, doc: doc))
  }

  /// The plain scalar text, or a problem naming what was expected.
  func plainText(expected: String) -> String? {
    guard let node else { return nil }
    switch node.content {
    case .scalar(let text, let plain):
      if node.isNull {
        report("expected \(expected), got nothing (null)")
        return nil
      }
      guard plain else {
        report("expected \(expected), got the quoted string '\(text)'")
        return nil
      }
      return text
    default:
      report("expected \(expected), got \(node.kindDescription)")
      return nil
    }
  }

  // MARK: - Scalars

  /// A finite number in `range`.
  public func number(
    default fallback: Double?, in range: NumberRange, unit: String = "", doc: String, defaultText: String? = nil
  ) -> (Double, JSONValue?) {
    document(
      type: "number", unit: unit, range: range.description,
      defaultValue: defaultText ?? fallback.map { NumberRange.text($0) } ?? "required", doc: doc)
    guard node != nil else {
      if fallback == nil { missing() }
      let value = fallback ?? range.lower
      return (value, fallback == nil ? nil : .number(value))
    }
    let neutral = fallback ?? (range.lowerOpen ? range.upper : range.lower)
    guard let text = plainText(expected: "a number") else { return (neutral, nil) }
    guard let value = Self.parseNumber(text) else {
      report("expected a number, got '\(text)'")
      return (neutral, nil)
    }
    guard !value.isNaN else {
      report("is NaN; numbers must be finite")
      return (neutral, nil)
    }
    guard value.isFinite else {
      report("'\(text)' is infinite or too large; numbers must be finite")
      return (neutral, nil)
    }
    guard range.contains(value) else {
      report("\(NumberRange.text(value)) is outside the allowed range \(range.description)")
      return (neutral, nil)
    }
    return (value, .number(value))
  }

  /// A whole number in `range`.
  public func integer(
    default fallback: Int?, in range: ClosedRange<Int>, unit: String = "", doc: String, defaultText: String? = nil
  ) -> (Int, JSONValue?) {
    document(
      type: "integer", unit: unit, range: "[\(range.lowerBound), \(range.upperBound)]",
      defaultValue: defaultText ?? fallback.map(String.init) ?? "required", doc: doc)
    guard node != nil else {
      if fallback == nil { missing() }
      let value = fallback ?? range.lowerBound
      return (value, fallback == nil ? nil : .integer(Int64(value)))
    }
    let neutral = fallback ?? range.lowerBound
    guard let text = plainText(expected: "a whole number") else { return (neutral, nil) }
    let digits = text.replacingOccurrences(of: "_", with: "")
    let value: Int
    if let exact = Int(digits) {
      value = exact
    } else if digits.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }), !digits.isEmpty {
      report("'\(text)' is too large; the largest allowed value is \(range.upperBound)")
      return (neutral, nil)
    } else if let real = Self.parseNumber(text), real.isFinite, real == real.rounded(), abs(real) < 9.0e15 {
      value = Int(real)
    } else if let real = Self.parseNumber(text), real.isNaN || real.isInfinite {
      report("'\(text)' is not a finite whole number")
      return (neutral, nil)
    } else {
      report("expected a whole number, got '\(text)'")
      return (neutral, nil)
    }
    guard range.contains(value) else {
      report("\(value) is outside the allowed range [\(range.lowerBound), \(range.upperBound)]")
      return (neutral, nil)
    }
    return (value, .integer(Int64(value)))
  }

  /// `true` or `false`.
  public func boolean(default fallback: Bool?, doc: String) -> (Bool, JSONValue?) {
    document(type: "true/false", defaultValue: fallback.map { $0 ? "true" : "false" } ?? "required", doc: doc)
    guard node != nil else {
      if fallback == nil { missing() }
      return (fallback ?? false, fallback.map(JSONValue.bool))
    }
    guard let text = plainText(expected: "true or false") else { return (fallback ?? false, nil) }
    switch text {
    case "true", "True", "TRUE": return (true, .bool(true))
    case "false", "False", "FALSE": return (false, .bool(false))
    default:
      report("expected true or false, got '\(text)'")
      return (fallback ?? false, nil)
    }
  }

  /// Text; `check` returns a complaint or `nil`.
  public func string(default fallback: String?, doc: String, check: ((String) -> String?)? = nil)
    -> (String, JSONValue?)
  {
    document(type: "text", defaultValue: fallback.map { $0.isEmpty ? "\"\"" : $0 } ?? "required", doc: doc)
    guard let node else {
      if fallback == nil { missing() }
      return (fallback ?? "", fallback.map(JSONValue.string))
    }
    guard case .scalar(let text, _) = node.content, !node.isNull else {
      report("expected text, got \(node.kindDescription)")
      return (fallback ?? "", nil)
    }
    guard text.count <= 10_000 else {
      report("text is longer than 10000 characters")
      return (fallback ?? "", nil)
    }
    if let complaint = check?(text) {
      report(complaint)
      return (fallback ?? "", nil)
    }
    return (text, .string(text))
  }

  /// One of `options` (a closed vocabulary such as `grid`/`zip`).
  public func choice(_ options: [String], default fallback: String?, doc: String) -> (String, JSONValue?) {
    document(type: "one of: " + options.joined(separator: ", "), defaultValue: fallback ?? "required", doc: doc)
    guard node != nil else {
      if fallback == nil { missing() }
      return (fallback ?? options[0], fallback.map(JSONValue.string))
    }
    guard let text = plainText(expected: "one of " + options.joined(separator: ", ")) else {
      return (fallback ?? options[0], nil)
    }
    guard options.contains(text) else {
      report("unknown value '\(text)'; expected one of: \(options.joined(separator: ", "))\(Self.suggestion(text, options))")
      return (fallback ?? options[0], nil)
    }
    return (text, .string(text))
  }

  func missing() {
    context.report(parentLocation, path, "required key is missing")
  }

  // MARK: - Collections

  /// A mapping read by `body`; an absent value is read as an empty mapping (all defaults).
  public func object<T>(doc: String, _ body: (ObjectReader) -> T) -> (T, JSONValue) {
    if !docPath.isEmpty { document(type: "mapping", defaultValue: "(see keys below)", doc: doc) }
    let reader = ObjectReader(self)
    let value = body(reader)
    reader.finish()
    return (value, .object(reader.resolved))
  }

  /// A list whose items are read by `item` (which gets a reader per item, at `path[i]`, and
  /// returns the item and its resolved form).
  public func list<T>(
    doc: String, maximumCount: Int = 10_000, default fallback: [T] = [], _ item: (ValueReader) -> (T, JSONValue?)
  ) -> ([T], JSONValue) {
    document(type: "list", defaultValue: fallback.isEmpty ? "[]" : "(see file)", doc: doc)
    if context.documenting {
      _ = item(child(node: nil, path: path.appending(index: 0), docPath: docPath + "[]"))
      return (fallback, .array([]))
    }
    guard let node, !node.isNull else { return (fallback, .array([])) }
    guard case .sequence(let nodes) = node.content else {
      report("expected a list, got \(node.kindDescription)")
      return (fallback, .array([]))
    }
    guard nodes.count <= maximumCount else {
      report("has \(nodes.count) items; at most \(maximumCount) are allowed")
      return (fallback, .array([]))
    }
    var values: [T] = []
    var resolved: [JSONValue] = []
    for (index, itemNode) in nodes.enumerated() {
      let (value, json) = item(child(node: itemNode, path: path.appending(index: index), docPath: docPath + "[]"))
      values.append(value)
      resolved.append(json ?? .null)
    }
    return (values, .array(resolved))
  }

  func child(node: ConfigNode?, path: KeyPath, docPath: String, kindNote: String? = nil) -> ValueReader {
    ValueReader(
      node: node, path: path, docPath: docPath, kindNote: kindNote ?? self.kindNote,
      parentLocation: self.node?.location ?? parentLocation, context: context)
  }

  // MARK: - Helpers

  /// Parses YAML 1.2 core-schema floats (with `_` separators) and `.inf`/`.nan`.
  static func parseNumber(_ text: String) -> Double? {
    switch text {
    case ".nan", ".NaN", ".NAN": return .nan
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
    case "-.inf", "-.Inf", "-.INF": return -.infinity
    default: break
    }
    let cleaned = text.replacingOccurrences(of: "_", with: "")
    guard !cleaned.isEmpty, cleaned.allSatisfy({ "0123456789+-.eE".contains($0) }),
      cleaned.contains(where: \.isNumber)
    else { return nil }
    return Double(cleaned)
  }

  /// ` (did you mean 'x'?)` for the closest option within edit distance 2, else empty.
  static func suggestion(_ text: String, _ options: [String]) -> String {
    var best: (String, Int)?
    for option in options {
      let distance = editDistance(Array(text), Array(option))
      if distance <= 2, distance < (best?.1 ?? Int.max) { best = (option, distance) }
    }
    return best.map { " (did you mean '\($0.0)'?)" } ?? ""
  }

  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

