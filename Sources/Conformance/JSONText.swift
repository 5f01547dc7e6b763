/// Positions in a JSON text, for messages: where the text stops being JSON, and where the value at
/// a JSON path starts. (`JSONDecoder` says neither.)
///
/// Nesting deeper than `maximumDepth` is a syntax error here, so no input can exhaust the stack.
/// Complexity: O(length of the text) per call.
struct JSONText {
  let bytes: [UInt8]

  static let maximumDepth = 256

  /// One step of a JSON path: an object key or an array index.
  enum Step: Equatable {
    case key(String)
    case index(Int)
  }

  struct SyntaxError: Error {
    var offset: Int
    var reason: String
  }

  /// The first syntax error, or nil when the text is exactly one JSON value (with white space around).
  func syntaxError() -> SyntaxError? {
    var i = 0
    do {
      skipSpace(&i)
      try value(&i, depth: 0)
      skipSpace(&i)
      if i < bytes.count { throw SyntaxError(offset: i, reason: "unexpected text after the JSON value") }
      return nil
    } catch let error as SyntaxError {
      return error
    } catch {
      return SyntaxError(offset: i, reason: "\(error)")
    }
  }

  /// Where the value at `path` starts; when part of the path is absent (a missing key), where its
  /// deepest present ancestor starts. The text must be valid JSON (`syntaxError() == nil`).
  func offset(of path: [Step]) -> Int {
    var i = 0
    skipSpace(&i)
    for step in path {
      guard let next = try? child(at: i, step) else { break }
      i = next
    }
    return i
  }

  /// Line and column (both from 1; the column counted in Unicode scalars) of a byte offset.
  func lineAndColumn(_ offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for b in bytes[..<min(offset, bytes.count)] {
      if b == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  // MARK: - Walking

  /// The start of the member `step` of the container starting at `i`, or nil if it has none.
  private func child(at start: Int, _ step: Step) throws -> Int? {
    var i = start
    switch (step, byte(i)) {
    case (.key(let key), UInt8(ascii: "{")):
      i += 1
      skipSpace(&i)
      if byte(i) == UInt8(ascii: "}") { return nil }
      while true {
        let name = try string(&i)
        skipSpace(&i)
        try expect(&i, ":")
        skipSpace(&i)
        if name == key { return i }
        try value(&i, depth: 1)
        skipSpace(&i)
        guard byte(i) == UInt8(ascii: ",") else { return nil }
        i += 1
        skipSpace(&i)
      }
    case (.index(let index), UInt8(ascii: "[")):
      i += 1
      skipSpace(&i)
      if byte(i) == UInt8(ascii: "]") { return nil }
      for _ in 0..<index {
        try value(&i, depth: 1)
        skipSpace(&i)
        guard byte(i) == UInt8(ascii: ",") else { return nil }
        i += 1
        skipSpace(&i)
      }
      return i
    default:
      return nil
    }
  }

  // MARK: - Scanning (RFC 8259)

  private func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

  private func skipSpace(_ i: inout Int) {
    while let b = byte(i), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
  }

  private func expect(_ i: inout Int, _ c: Unicode.Scalar) throws {
    guard byte(i) == UInt8(ascii: c) else { throw SyntaxError(offset: i, reason: "expected \"\(c)\"") }
    i += 1
  }

  /// Skips one value starting at `i` (no leading space).
  private func value(_ i: inout Int, depth: Int) throws {
    if depth > Self.maximumDepth { throw SyntaxError(offset: i, reason: "nested deeper than \(Self.maximumDepth) levels") }
    guard let b = byte(i) else { throw SyntaxError(offset: i, reason: "unexpected end of the file") }
    switch b {
    case UInt8(ascii: "{"):
      try container(&i, close: "}", depth: depth) { i in
        _ = try string(&i)
        skipSpace(&i)
        try expect(&i, ":")
        skipSpace(&i)
        try value(&i, depth: depth + 1)
      }
    case UInt8(ascii: "["):
      try container(&i, close: "]", depth: depth) { i in try value(&i, depth: depth + 1) }
    case UInt8(ascii: "\""):
      _ = try string(&i)
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      for word in ["true", "false", "null"] where bytes[i...].starts(with: word.utf8) {
        i += word.utf8.count
        return
      }
      throw SyntaxError(offset: i, reason: "expected a value")
    default:
      try number(&i)
    }
  }

  private func container(_ i: inout Int, close: Unicode.Scalar, depth: Int, _ member: (inout Int) throws -> Void) throws {
    i += 1
    skipSpace(&i)
    if byte(i) == UInt8(ascii: close) {
      i += 1
      return
    }
    while true {
      try member(&i)
      skipSpace(&i)
      guard let b = byte(i) else { throw SyntaxError(offset: i, reason: "unexpected end of the file") }
      i += 1
      if b == UInt8(ascii: close) { return }
      if b != UInt8(ascii: ",") { throw SyntaxError(offset: i - 1, reason: "expected \",\" or \"\(close)\"") }
      skipSpace(&i)
      if byte(i) == UInt8(ascii: close) { throw SyntaxError(offset: i, reason: "a trailing comma is not JSON") }
    }
  }

  private func number(_ i: inout Int) throws {
    let start = i
    func digits() -> Int {
      let from = i
      while let b = byte(i), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { i += 1 }
      return i - from
    }
    if byte(i) == UInt8(ascii: "-") { i += 1 }
    if byte(i) == UInt8(ascii: "0") {
      i += 1
    } else if digits() == 0 {
      throw SyntaxError(offset: start, reason: "expected a value")
    }
    if byte(i) == UInt8(ascii: ".") {
      i += 1
      if digits() == 0 { throw SyntaxError(offset: i, reason: "expected a digit after \".\"") }
    }
    if byte(i) == UInt8(ascii: "e") || byte(i) == UInt8(ascii: "E") {
      i += 1
      if byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-") { i += 1 }
      if digits() == 0 { throw SyntaxError(offset: i, reason: "expected a digit in the exponent") }
    }
  }

  /// Reads a string starting at its opening quote, decoding escapes.
  private func string(_ i: inout Int) throws -> String {
    guard let first = byte(i) else { throw SyntaxError(offset: i, reason: "unexpected end of the file") }
    guard first == UInt8(ascii: "\"") else { throw SyntaxError(offset: i, reason: "expected a string in double quotes") }
    i += 1
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
      raw.removeAll()
    }
    while true {
      guard let b = byte(i) else { throw SyntaxError(offset: i, reason: "unterminated string") }
      i += 1
      switch b {
      case UInt8(ascii: "\""):
        flush()
        return String(scalars)
      case 0..<0x20:
        throw SyntaxError(offset: i - 1, reason: "a control character inside a string")
      case UInt8(ascii: "\\"):
        flush()
        guard let e = byte(i) else { throw SyntaxError(offset: i, reason: "unterminated string") }
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(e))
        case UInt8(ascii: "b"): scalars.append("\u{8}")
        case UInt8(ascii: "f"): scalars.append("\u{C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"): scalars.append(try unicodeEscape(&i))
        default: throw SyntaxError(offset: i - 2, reason: "an unknown escape in a string")
        }
      default:
        raw.append(b)
      }
    }
  }

  /// The scalar of `XXXX` (after `\u`), joining a surrogate pair; a lone surrogate reads as U+FFFD.
  private func unicodeEscape(_ i: inout Int) throws -> Unicode.Scalar {
    func hex4() throws -> UInt32 {
      let digits = bytes[i..<min(i + 4, bytes.count)]
      guard digits.count == 4, digits.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
        let v = UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
      else {
        throw SyntaxError(offset: i, reason: "expected four hex digits after \\u")
      }
      i += 4
      return v
    }
    let high = try hex4()
    if (0xD800..<0xDC00).contains(high), bytes[i...].starts(with: "\\u".utf8) {
      let save = i
      i += 2
      let low = try hex4()
      if (0xDC00..<0xE000).contains(low) {
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
      }
      i = save
    }
    return Unicode.Scalar(high) ?? "\u{FFFD}"
  }

  /// The steps of a reader path (`$[3] (name).inputs.steps[2].values`); `name(k)` is the name the
  /// reader wrote after item k. A key holding "." or "[" ends early; the location is then that
  /// of an ancestor.
  static func steps(of path: String, name: (Int) -> String?) -> [Step] {
    var rest = Substring(path)
    guard rest.first == "$" else { return [] }
    rest = rest.dropFirst()
    var steps: [Step] = []
    while let c = rest.first {
      if c == "[", let close = rest.firstIndex(of: "]"), let k = Int(rest[rest.index(after: rest.startIndex)..<close]) {
        steps.append(.index(k))
        rest = rest[rest.index(after: close)...]
        if steps.count == 1, let name = name(k), rest.hasPrefix(" (\(name))") { rest = rest.dropFirst(name.count + 3) }
      } else if c == "." {
        rest = rest.dropFirst()
        let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
        steps.append(.key(String(rest[..<end])))
        rest = rest[end...]
      } else {
        break
      }
    }
    return steps
  }
}
