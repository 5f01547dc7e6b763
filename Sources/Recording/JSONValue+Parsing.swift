extension JSONValue {
  /// Parses a JSON document (RFC 8259); nesting deeper than 256 levels is refused. Integers stay
  /// exact (``integer(_:)``, above `Int64.max` ``unsigned(_:)``); a key repeated in one object
  /// keeps its first value.
  ///
  /// - Throws: ``RecordingError/malformedJSON(path:reason:)`` with `path` = `source`.
  public static func parse(_ text: String, source: String = "<json>") throws -> JSONValue {
    var parser = JSONParser(bytes: Array(text.utf8), source: source)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == parser.bytes.count else { throw parser.failure("unexpected text after the document") }
    return value
  }
}

private struct JSONParser {
  let bytes: [UInt8]
  let source: String
  var index = 0

  init(bytes: [UInt8], source: String) {
    self.bytes = bytes
    self.source = source
  }

  func failure(_ reason: String) -> RecordingError {
    .malformedJSON(path: source, reason: "\(reason) at byte \(index)")
  }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  mutating func expect(_ literal: String) throws {
    let expected = Array(literal.utf8)
    guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
      throw failure("expected '\(literal)'")
    }
    index += expected.count
  }

  mutating func value(depth: Int) throws -> JSONValue {
    guard depth < 256 else { throw failure("nesting too deep") }
    guard index < bytes.count else { throw failure("unexpected end") }
    switch bytes[index] {
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "["):
      index += 1
      var items: [JSONValue] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard index < bytes.count else { throw failure("unclosed array") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        throw failure("expected ',' or ']'")
      }
    case UInt8(ascii: "{"):
      index += 1
      var members: [String: JSONValue] = [:]
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
        let key = try string()
        skipSpace()
        try expect(":")
        skipSpace()
        let member = try value(depth: depth + 1)
        // A repeated key keeps its first value (as a position lookup by path finds the first).
        if members[key] == nil { members[key] = member }
        skipSpace()
        guard index < bytes.count else { throw failure("unclosed object") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        throw failure("expected ',' or '}'")
      }
    default: return try number()
    }
  }

  mutating func number() throws -> JSONValue {
    let start = index
    var isInteger = true
    while index < bytes.count {
      let byte = bytes[index]
      if (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") {
        index += 1
      } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        || byte == UInt8(ascii: "+")
      {
        isInteger = false
        index += 1
      } else {
        break
      }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard !text.isEmpty else { throw failure("unexpected character") }
    if isInteger, let value = Int64(text) { return .integer(value) }
    if isInteger, let value = UInt64(text) { return .unsigned(value) }
    guard let value = Double(text), value.isFinite else { throw failure("bad number '\(text)'") }
    return .number(value)
  }

  mutating func string() throws -> String {
    index += 1  // opening quote
    var scalars = String.UnicodeScalarView()
    var run: [UInt8] = []
    func flushRun() {
      if !run.isEmpty {
        scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
        run.removeAll()
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        flushRun()
        return String(scalars)
      }
      if byte == UInt8(ascii: "\\") {
        flushRun()
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            index += 2
            let low = try hex4()
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw failure("bad \\u escape") }
          scalars.append(scalar)
        default: throw failure("bad escape")
        }
        continue
      }
      run.append(byte)
      index += 1
    }
    throw failure("unclosed string")
  }

  mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { throw failure("bad \\u escape") }
    index += 4
    return code
  }
}
