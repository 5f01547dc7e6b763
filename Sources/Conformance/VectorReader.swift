import Recording

/// Walks the JSON of one vector file, reporting the first problem with its JSON path
/// (`$[3] (name).inputs.steps[2].actions[0].values`).
///
/// The array forms of spec §15.1 are in `VectorReader+Arrays.swift`, the math vectors in
/// `VectorReader+Math.swift`, the epoch scenarios in `VectorReader+Scenario.swift`.
struct VectorReader {
  let file: String

  /// A problem at `path`; `ConformanceVector.parse` fills in its line and column.
  func error(_ path: String, _ reason: String) -> ConformanceError {
    .malformed(file: file, line: 0, column: 0, path: path, reason: reason)
  }

  /// Rejects any key of `o` outside `known`, naming the first one (in sorted order) and what is allowed.
  func onlyKeys(_ o: [String: JSONValue], _ known: Set<String>, _ path: String, _ what: String = "key") throws {
    for key in o.keys.sorted() where !known.contains(key) {
      throw error("\(path).\(key)", "unknown \(what) (expected one of: \(known.sorted().joined(separator: ", ")))")
    }
  }

  // MARK: - Scalars

  /// A present value converted by `convert`, or an error saying what was expected.
  func value<T>(_ v: JSONValue?, _ path: String, _ expected: String, _ convert: (JSONValue) -> T?) throws -> T {
    guard let v else { throw error(path, "missing") }
    guard let t = convert(v) else { throw error(path, "expected \(expected)") }
    return t
  }

  func object(_ v: JSONValue?, _ path: String) throws -> [String: JSONValue] {
    try value(v, path, "an object") { $0.objectValue }
  }

  func string(_ v: JSONValue?, _ path: String) throws -> String {
    try value(v, path, "a string") { $0.stringValue }
  }

  func number(_ v: JSONValue?, _ path: String) throws -> Double {
    try value(v, path, "a finite number") { $0.doubleValue.flatMap { $0.isFinite ? $0 : nil } }
  }

  func int(_ v: JSONValue?, _ path: String, min lower: Int64 = .min, max upper: Int64 = .max) throws -> Int64 {
    let i = try value(v, path, "an integer") { $0.integerValue }
    if i < lower || i > upper { throw error(path, "\(i) is outside \(lower)…\(upper)") }
    return i
  }

  func unsigned(_ v: JSONValue?, _ path: String) throws -> UInt64 {
    try value(v, path, "a non-negative integer (at most \(UInt64.max))") { $0.unsignedValue }
  }

  func u16(_ v: JSONValue?, _ path: String) throws -> UInt16 {
    UInt16(try int(v, path, min: 0, max: 65_535))
  }

  func bool(_ v: JSONValue?, _ path: String) throws -> Bool {
    try value(v, path, "true or false") { $0.boolValue }
  }

  /// A UID in 0..<n.
  func uid(_ v: JSONValue?, n: Int, _ path: String) throws -> Int {
    let i = try value(v, path, "a uid (an integer in 0..<\(n))") { $0.integerValue }
    if i < 0 || i >= Int64(n) { throw error(path, "uid \(i) is outside 0..<\(n)") }
    return Int(i)
  }

  // MARK: - Tolerances

  /// The tolerance statement for `key` (or `all`), exact when the vector states none.
  func tolerance(_ tolerances: [String: JSONValue]?, _ key: String, _ path: String) throws -> Tolerance {
    guard let tolerances else { return .exact }
    let name = tolerances[key] != nil ? key : "all"
    guard let statement = tolerances[name] else { return .exact }
    let text = try string(statement, "\(path).tolerance.\(name)")
    guard let t = Tolerance.parse(text) else { throw error("\(path).tolerance.\(name)", "cannot read a tolerance from \"\(text)\"") }
    return t
  }
}
