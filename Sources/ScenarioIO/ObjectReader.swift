import Recording

/// Types a mapping key by key; keys nobody asked for are reported as unknown by ``finish()``.
///
/// Each accessor reads one key (absent keys take the documented default), records the value
/// in ``resolved`` (the canonical, fully defaulted form written to the manifest) and returns a
/// usable value even when the input is wrong. See ``ValueReader`` for the value rules.
public final class ObjectReader {
  /// The mapping being read.
  public let value: ValueReader
  private let entries: [ConfigNode.Entry]
  private var known: [String] = []
  /// The resolved mapping so far.
  public private(set) var resolved: [String: JSONValue] = [:]

  init(_ value: ValueReader) {
    self.value = value
    if let node = value.node, !node.isNull {
      if let entries = node.entries {
        self.entries = entries
      } else {
        value.report("expected a mapping, got \(node.kindDescription)")
        self.entries = []
      }
    } else {
      self.entries = []
    }
  }

  /// The path of this mapping.
  public var path: KeyPath { value.path }
  /// The context (problems, documentation mode).
  public var context: SpecContext { value.context }

  /// The reader for `key`, which is marked as known.
  public func field(_ key: String) -> ValueReader {
    if !known.contains(key) { known.append(key) }
    let node = entries.last(where: { $0.key == key })?.value
    let docPath = value.docPath.isEmpty ? key : value.docPath + "." + key
    return value.child(node: node, path: value.path.appending(key), docPath: docPath)
  }

  /// True when the document has `key` (and it is not null).
  public func has(_ key: String) -> Bool {
    entries.contains { $0.key == key && !$0.value.isNull }
  }

  /// Stores a resolved value (nil leaves the key out).
  public func store(_ key: String, _ json: JSONValue?) {
    if let json { resolved[key] = json }
  }

  // MARK: - Typed accessors

  /// See ``ValueReader/number(default:in:unit:doc:)``.
  public func number(
    _ key: String, default fallback: Double?, in range: NumberRange, unit: String = "", doc: String,
    defaultText: String? = nil
  ) -> Double {
    let (result, json) = field(key).number(default: fallback, in: range, unit: unit, doc: doc, defaultText: defaultText)
    store(key, json)
    return result
  }

  /// See ``ValueReader/integer(default:in:unit:doc:)``.
  public func integer(
    _ key: String, default fallback: Int?, in range: ClosedRange<Int>, unit: String = "", doc: String,
    defaultText: String? = nil
  ) -> Int {
    let (result, json) = field(key).integer(default: fallback, in: range, unit: unit, doc: doc, defaultText: defaultText)
    store(key, json)
    return result
  }

  /// See ``ValueReader/boolean(default:doc:)``.
  public func boolean(_ key: String, default fallback: Bool?, doc: String) -> Bool {
    let (result, json) = field(key).boolean(default: fallback, doc: doc)
    store(key, json)
    return result
  }

  /// See ``ValueReader/string(default:doc:check:)``.
  public func string(_ key: String, default fallback: String?, doc: String, check: ((String) -> String?)? = nil)
    -> String
  {
    let (result, json) = field(key).string(default: fallback, doc: doc, check: check)
    store(key, json)
    return result
  }

  /// See ``ValueReader/choice(_:default:doc:)``.
  public func choice(_ key: String, _ options: [String], default fallback: String?, doc: String) -> String {
    let (result, json) = field(key).choice(options, default: fallback, doc: doc)
    store(key, json)
    return result
  }

  /// A nested mapping (absent = all defaults).
  public func object<T>(_ key: String, doc: String, _ body: (ObjectReader) -> T) -> T {
    let (result, json) = field(key).object(doc: doc, body)
    store(key, json)
    return result
  }

  /// A nested mapping that may be absent altogether (`nil`, left out of the resolved form).
  public func optionalObject<T>(_ key: String, doc: String, _ body: (ObjectReader) -> T) -> T? {
    let reader = field(key)
    if reader.context.documenting {
      reader.document(type: "mapping", defaultValue: "(none)", doc: doc)
      let inner = ObjectReader(reader)
      _ = body(inner)
      return nil
    }
    guard let node = reader.node, !node.isNull else { return nil }
    let (result, json) = reader.object(doc: doc, body)
    store(key, json)
    return result
  }

  /// A list of items read by `item`.
  public func list<T>(
    _ key: String, doc: String, maximumCount: Int = 10_000, _ item: (ValueReader) -> (T, JSONValue?)
  ) -> [T] {
    let (result, json) = field(key).list(doc: doc, maximumCount: maximumCount, item)
    store(key, json)
    return result
  }

  /// A tagged mapping (`kind:` plus that kind's keys); `nil` when the kind is missing or unknown.
  public func tagged<T>(
    _ key: String, doc: String, default defaultKind: String?, variants: [TaggedVariant<T>]
  ) -> T? {
    let (result, json) = field(key).tagged(doc: doc, default: defaultKind, variants: variants)
    store(key, json)
    return result
  }

  /// Reports every key of the mapping that no accessor asked for.
  func finish() {
    for entry in entries where !known.contains(entry.key) {
      let note = value.kindNote.isEmpty ? "" : " for \(value.kindNote.replacingOccurrences(of: "kind: ", with: "kind '"))'"
      let hint = ValueReader.suggestion(entry.key, known)
      let list = hint.isEmpty ? "; known keys: " + known.joined(separator: ", ") : hint
      value.context.report(entry.keyLocation, value.path.appending(entry.key), "unknown key '\(entry.key)'\(note)\(list)")
    }
  }
}

/// One kind of a tagged value: its tag, a one-line description and how to read its keys.
public struct TaggedVariant<T> {
  public var kind: String
  public var doc: String
  public var read: (ObjectReader) -> T

  public init(_ kind: String, doc: String, read: @escaping (ObjectReader) -> T) {
    self.kind = kind
    self.doc = doc
    self.read = read
  }
}

extension ValueReader {
  /// A mapping tagged by `kind`; unknown kinds are errors (never a fallback).
  ///
  /// - Parameter defaultKind: The kind used when the value or its `kind` key is absent;
  ///   `nil` makes `kind` required.
  public func tagged<T>(doc: String, default defaultKind: String?, variants: [TaggedVariant<T>]) -> (T?, JSONValue?) {
    let kinds = variants.map(\.kind)
    if context.documenting {
      document(type: "mapping with kind", defaultValue: defaultKind.map { "kind: \($0)" } ?? "(none)",
        kinds: kinds.joined(separator: ", "), doc: doc)
      for variant in variants {
        let inner = child(node: nil, path: path, docPath: docPath, kindNote: "kind: \(variant.kind)")
        context.document(
          KeyDoc(path: docPath + ".kind", type: "one of: " + kinds.joined(separator: ", "), unit: "", range: "",
            defaultValue: defaultKind ?? "required", kinds: "", doc: "selects the kind; the keys below depend on it"))
        context.document(
          KeyDoc(path: docPath, type: "kind", unit: "", range: "", defaultValue: "", kinds: "kind: \(variant.kind)",
            doc: variant.doc))
        _ = variant.read(ObjectReader(inner))
      }
      return (nil, nil)
    }
    var chosen = defaultKind
    if let node, !node.isNull {
      guard node.entries != nil else {
        report("expected a mapping with a 'kind' (one of: \(kinds.joined(separator: ", "))), got \(node.kindDescription)")
        return (nil, nil)
      }
      if let kindNode = node["kind"] {
        guard case .scalar(let text, _) = kindNode.content, !kindNode.isNull else {
          context.report(kindNode.location, path.appending("kind"), "expected a kind name, got \(kindNode.kindDescription)")
          return (nil, nil)
        }
        guard kinds.contains(text) else {
          context.report(
            kindNode.location, path.appending("kind"),
            "unknown kind '\(text)'; known kinds: \(kinds.joined(separator: ", "))\(Self.suggestion(text, kinds))")
          return (nil, nil)
        }
        chosen = text
      } else if defaultKind == nil {
        report("missing 'kind'; one of: \(kinds.joined(separator: ", "))")
        return (nil, nil)
      }
    } else if defaultKind == nil {
      missing()
      return (nil, nil)
    }
    guard let kind = chosen, let variant = variants.first(where: { $0.kind == kind }) else { return (nil, nil) }
    let inner = child(node: node, path: path, docPath: docPath, kindNote: "kind: \(kind)")
    let reader = ObjectReader(inner)
    _ = reader.field("kind")
    reader.store("kind", .string(kind))
    let result = variant.read(reader)
    reader.finish()
    return (result, .object(reader.resolved))
  }
}
