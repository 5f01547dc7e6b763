import Foundation
import Recording

extension ConformanceVector {

  /// The largest vector file read (the shipped one is 66 kB).
  public static let maximumFileBytes = 256 << 20

  /// Reads and checks a vector file (a JSON array of vectors, spec §15.1). Only regular files
  /// are read: a FIFO or a device would block or never end.
  ///
  /// - Throws: `ConformanceError` naming the file, the line and column and the JSON path of the
  ///   first problem.
  public static func load(file path: String) throws -> [ConformanceVector] {
    let bytes: [UInt8]
    do {
      bytes = try RegularFile.read(path: path, limit: maximumFileBytes)
    } catch .notRegular {
      throw ConformanceError.unreadable(file: path, reason: "not a regular file")
    } catch {
      throw ConformanceError.unreadable(file: path, reason: error.message(noun: "a vector file", limit: maximumFileBytes))
    }
    guard bytes.count <= maximumFileBytes else {
      throw ConformanceError.unreadable(
        file: path, reason: RegularFile.Refusal.tooLarge(bytes: bytes.count).message(noun: "a vector file", limit: maximumFileBytes))
    }
    return try parse(Data(bytes), file: path)
  }

  /// Parses vector JSON; `file` is used in error messages only.
  public static func parse(_ data: Data, file: String) throws -> [ConformanceVector] {
    let text = JSONText(bytes: Array(data))
    if let syntax = text.syntaxError() {
      let (line, column) = text.lineAndColumn(syntax.offset)
      throw ConformanceError.invalidJSON(file: file, line: line, column: column, reason: syntax.reason)
    }
    let root: JSONValue
    do {
      root = try JSONValue.parse(String(decoding: data, as: UTF8.self), source: file)
    } catch RecordingError.malformedJSON(_, let reason) {
      throw ConformanceError.invalidJSON(file: file, line: 1, column: 1, reason: reason)
    }
    do {
      return try vectors(root, reader: VectorReader(file: file))
    } catch ConformanceError.malformed(let file, _, _, let path, let reason) {
      let names = root.arrayValue ?? []
      let steps = JSONText.steps(of: path) { k in k < names.count ? names[k].objectValue?["name"]?.stringValue : nil }
      let (line, column) = text.lineAndColumn(text.offset(of: steps))
      throw ConformanceError.malformed(file: file, line: line, column: column, path: path, reason: reason)
    }
  }

  private static func vectors(_ root: JSONValue, reader: VectorReader) throws -> [ConformanceVector] {
    guard let items = root.arrayValue else { throw reader.error("$", "the file must hold a JSON array of vectors") }
    if items.isEmpty { throw reader.error("$", "the file holds no vectors") }
    var names = Set<String>()
    return try items.enumerated().map { k, item in
      let vector = try reader.vector(item, path: "$[\(k)]")
      if !names.insert(vector.name).inserted { throw reader.error("$[\(k)].name", "vector \"\(vector.name)\" appears twice") }
      return vector
    }
  }
}

/// One vector item (spec §15.1): its keys, its kind, and the merged `scenarios[]` form.
extension VectorReader {

  /// The keys of a vector item (spec §15.1); `reference` holds values not asserted by the test.
  static let itemKeys: Set<String> = ["name", "provenance", "params", "inputs", "expected", "tolerance", "notes", "reference"]

  func vector(_ v: JSONValue, path: String) throws -> ConformanceVector {
    let o = try object(v, path)
    let name = try string(o["name"], "\(path).name")
    let p = "\(path) (\(name))"
    try onlyKeys(o, Self.itemKeys, p)
    for key in ["provenance", "notes"] where o[key] != nil { _ = try string(o[key], "\(p).\(key)") }
    let params = try object(o["params"], "\(p).params")
    let inputs = try object(o["inputs"], "\(p).inputs")
    let expected = try object(o["expected"], "\(p).expected")
    let tolerances = try o["tolerance"].map { try object($0, "\(p).tolerance") }
    let function = params["function"]?.stringValue ?? ""
    if name == "weighted_median_scalar" || function.hasPrefix("weighted_median(") {
      return ConformanceVector(name: name, kind: .weightedMedianScalar(
        try scalarMedian(inputs, expected, p), try tolerance(tolerances, "median", p)))
    }
    if name == "weighted_median_col" || function.hasPrefix("weighted_median_col(") {
      return ConformanceVector(name: name, kind: .weightedMedianColumns(
        try columnMedian(inputs, expected, p), try tolerance(tolerances, "consensus", p)))
    }
    if name.hasPrefix("mat_ema_alpha") || function.hasPrefix("B_new") {
      return ConformanceVector(name: name, kind: .emaAlpha(
        try ema(inputs, expected, p), try tolerance(tolerances, "result", p)))
    }
    if params["n"] == nil && inputs["scenarios"] == nil {
      throw error("\(p).params", "neither a known math function nor an epoch scenario (no \"n\")")
    }
    let fraction = try tolerance(tolerances, "dividends_fraction", p)
    if inputs["scenarios"] != nil {
      return ConformanceVector(name: name, kind: .epoch(try merged(
        name: name, params: params, inputs: inputs, expected: expected, fraction: fraction, p)))
    }
    let source = ScenarioSource(
      name: name, params: params, paramPath: { "\(p).params.\($0)" }, inputs: inputs, inputPath: { "\(p).inputs.\($0)" },
      expected: expected, expectedPath: "\(p).expected", fraction: fraction)
    return ConformanceVector(name: name, kind: .epoch([try scenario(source)]))
  }

  /// The merged form: `inputs.scenarios[k]` and `expected.scenarios[k]` are run independently;
  /// scenario k's keys replace the shared inputs of the same name, its `params` replace single
  /// parameters, and its optional `name` names it in messages (`vector/name`, else `vector#k`).
  func merged(
    name: String, params: [String: JSONValue], inputs: [String: JSONValue], expected: [String: JSONValue],
    fraction: Tolerance, _ p: String
  ) throws -> [EpochScenario] {
    let list = try items(inputs["scenarios"], nil, "\(p).inputs.scenarios")
    if list.isEmpty { throw error("\(p).inputs.scenarios", "holds no scenarios") }
    try onlyKeys(expected, ["scenarios"], "\(p).expected", "expected field of a merged vector")
    let expectations = try items(
      expected["scenarios"], Length(count: list.count, meaning: "one per entry of inputs.scenarios"), "\(p).expected.scenarios")
    var shared = inputs
    shared["scenarios"] = nil
    var labels = Set<String>()
    return try list.indices.map { k in
      let sp = "\(p).inputs.scenarios[\(k)]"
      let own = try object(list[k], sp)
      var ownInputs = shared
      var ownParams = params
      var overridden = Set<String>()
      for (key, value) in own where key != "name" && key != "params" { ownInputs[key] = value }
      if let o = own["params"] {
        for (key, value) in try object(o, "\(sp).params") {
          ownParams[key] = value
          overridden.insert(key)
        }
      }
      let label = try own["name"].map { "\(name)/\(try string($0, "\(sp).name"))" } ?? "\(name)#\(k)"
      if !labels.insert(label).inserted { throw error("\(sp).name", "scenario name \"\(label)\" is used twice") }
      let ep = "\(p).expected.scenarios[\(k)]"
      return try scenario(ScenarioSource(
        name: label, params: ownParams,
        paramPath: { overridden.contains($0) ? "\(sp).params.\($0)" : "\(p).params.\($0)" },
        inputs: ownInputs, inputPath: { own[$0] != nil ? "\(sp).\($0)" : "\(p).inputs.\($0)" },
        expected: try object(expectations[k], ep), expectedPath: ep, fraction: fraction))
    }
  }
}
