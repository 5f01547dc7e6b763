import Foundation

extension ConformanceVector {

  /// Reads and checks a vector file (a JSON array of vectors, spec §15.1).
  ///
  /// - Throws: `ConformanceError` naming the file and the JSON path of the first problem.
  public static func load(file path: String) throws -> [ConformanceVector] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ConformanceError.unreadable(file: path, reason: (error as NSError).localizedDescription)
    }
    return try parse(data, file: path)
  }

  /// Parses vector JSON; `file` is used in error messages only.
  public static func parse(_ data: Data, file: String) throws -> [ConformanceVector] {
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      throw ConformanceError.invalidJSON(file: file, reason: Self.describe(error))
    }
    let reader = VectorReader(file: file)
    guard let items = root.array else { throw reader.error("$", "the file must hold a JSON array of vectors") }
    if items.isEmpty { throw reader.error("$", "the file holds no vectors") }
    return try items.enumerated().map { try reader.vector($1, path: "$[\($0)]") }
  }

  private static func describe(_ error: Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error {
      let underlying = (context.underlyingError as NSError?)?.localizedDescription ?? ""
      return underlying.isEmpty ? context.debugDescription : underlying
    }
    return "\(error)"
  }
}

/// Walks the JSON of one file, reporting the first problem with its path.
struct VectorReader {
  let file: String

  func error(_ path: String, _ reason: String) -> ConformanceError {
    .malformed(file: file, path: path, reason: reason)
  }

  // MARK: - Primitive fields

  func object(_ v: JSONValue?, _ path: String) throws -> [String: JSONValue] {
    guard let v else { throw error(path, "missing") }
    guard let o = v.object else { throw error(path, "expected an object") }
    return o
  }

  func array(_ v: JSONValue?, _ path: String) throws -> [JSONValue] {
    guard let v else { throw error(path, "missing") }
    guard let a = v.array else { throw error(path, "expected an array") }
    return a
  }

  func string(_ v: JSONValue?, _ path: String) throws -> String {
    guard let v else { throw error(path, "missing") }
    guard let s = v.string else { throw error(path, "expected a string") }
    return s
  }

  func number(_ v: JSONValue?, _ path: String) throws -> Double {
    guard let v else { throw error(path, "missing") }
    guard let d = v.number, d.isFinite else { throw error(path, "expected a finite number") }
    return d
  }

  func int(_ v: JSONValue?, _ path: String, min lower: Int64 = .min, max upper: Int64 = .max) throws -> Int64 {
    guard let v else { throw error(path, "missing") }
    guard let i = v.integer else { throw error(path, "expected an integer") }
    if i < lower || i > upper { throw error(path, "\(i) is outside \(lower)…\(upper)") }
    return i
  }

  func unsigned(_ v: JSONValue?, _ path: String) throws -> UInt64 {
    guard let v else { throw error(path, "missing") }
    guard let u = v.unsigned else { throw error(path, "expected a non-negative integer") }
    return u
  }

  func u16(_ v: JSONValue?, _ path: String) throws -> UInt16 {
    UInt16(try int(v, path, min: 0, max: 65_535))
  }

  func bool(_ v: JSONValue?, _ path: String) throws -> Bool {
    guard let v else { throw error(path, "missing") }
    guard let b = v.bool else { throw error(path, "expected true or false") }
    return b
  }

  func numbers(_ v: JSONValue?, _ path: String) throws -> [Double] {
    try array(v, path).enumerated().map { try number($1, "\(path)[\($0)]") }
  }

  func tolerance(_ tolerances: [String: JSONValue]?, _ key: String, _ path: String) throws -> Tolerance {
    guard let tolerances else { return .exact }
    guard let text = tolerances[key]?.string ?? tolerances["all"]?.string else { return .exact }
    guard let t = Tolerance.parse(text) else { throw error("\(path).tolerance.\(key)", "cannot read a tolerance from \"\(text)\"") }
    return t
  }

  // MARK: - Per-UID arrays (explicit list or fill/set/range)

  /// A per-UID array of length n: a list, or `{"fill": x, "set": [{"range": [a, b), "value": v}]}`.
  func perUID<V>(_ v: JSONValue?, n: Int, _ path: String, _ element: (JSONValue?, String) throws -> V) throws -> [V] {
    guard let v else { throw error(path, "missing") }
    if let list = v.array {
      if list.count != n { throw error(path, "has \(list.count) entries, expected n = \(n)") }
      return try list.enumerated().map { try element($1, "\(path)[\($0)]") }
    }
    guard let o = v.object else { throw error(path, "expected a list or {\"fill\": …, \"set\": […]}") }
    for key in o.keys where key != "fill" && key != "set" { throw error("\(path).\(key)", "unknown key") }
    let fill = try element(o["fill"], "\(path).fill")
    var result = [V](repeating: fill, count: n)
    if let sets = o["set"] {
      for (k, item) in try array(sets, "\(path).set").enumerated() {
        let p = "\(path).set[\(k)]"
        let entry = try object(item, p)
        let (a, b) = try range(entry["range"], n: n, "\(p).range")
        let value = try element(entry["value"], "\(p).value")
        for i in a..<b { result[i] = value }
      }
    }
    return result
  }

  /// A half-open range [a, b) inside 0…n.
  func range(_ v: JSONValue?, n: Int, _ path: String) throws -> (Int, Int) {
    let bounds = try array(v, path)
    if bounds.count != 2 { throw error(path, "a range is [start, end)") }
    let a = Int(try int(bounds[0], "\(path)[0]", min: 0, max: Int64(n)))
    let b = Int(try int(bounds[1], "\(path)[1]", min: Int64(a), max: Int64(n)))
    return (a, b)
  }

  /// A UID list: explicit, or `{"range": [a, b)}`.
  func uids(_ v: JSONValue?, n: Int, _ path: String) throws -> [Int] {
    guard let v else { throw error(path, "missing") }
    if let o = v.object {
      let (a, b) = try range(o["range"], n: n, "\(path).range")
      return Array(a..<b)
    }
    if let i = v.integer {
      if i < 0 || i >= n { throw error(path, "uid \(i) outside 0..<\(n)") }
      return [Int(i)]
    }
    return try array(v, path).enumerated().map { Int(try int($1, "\(path)[\($0)]", min: 0, max: Int64(n - 1))) }
  }

  // MARK: - Vectors

  func vector(_ v: JSONValue, path: String) throws -> ConformanceVector {
    let o = try object(v, path)
    let name = try string(o["name"], "\(path).name")
    let p = "\(path) (\(name))"
    let params = try object(o["params"], "\(p).params")
    let inputs = try object(o["inputs"], "\(p).inputs")
    let expected = try object(o["expected"], "\(p).expected")
    let tolerances = o["tolerance"]?.object
    let function = params["function"]?.string ?? ""
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
    if let scenarios = inputs["scenarios"] {
      let list = try array(scenarios, "\(p).inputs.scenarios")
      let expectations = try array(expected["scenarios"], "\(p).expected.scenarios")
      if list.count != expectations.count {
        throw error("\(p).expected.scenarios", "has \(expectations.count) entries for \(list.count) scenarios")
      }
      var shared = inputs
      shared["scenarios"] = nil
      return ConformanceVector(name: name, kind: .epoch(try list.indices.map { k in
        let sp = "\(p).inputs.scenarios[\(k)]"
        var merged = shared
        let own = try object(list[k], sp)
        var ownParams = params
        for (key, value) in own {
          if key == "params" {
            for (pk, pv) in try object(value, "\(sp).params") { ownParams[pk] = pv }
          } else {
            merged[key] = value
          }
        }
        let label = own["name"]?.string.map { "\(name)/\($0)" } ?? "\(name)#\(k)"
        return try scenario(
          name: label, params: ownParams, inputs: merged,
          expected: try object(expectations[k], "\(p).expected.scenarios[\(k)]"), fraction: fraction, sp)
      }))
    }
    return ConformanceVector(name: name, kind: .epoch([
      try scenario(name: name, params: params, inputs: inputs, expected: expected, fraction: fraction, p)
    ]))
  }

  func scalarMedian(_ inputs: [String: JSONValue], _ expected: [String: JSONValue], _ p: String) throws -> [ScalarMedianCase] {
    let cases = try array(inputs["cases"], "\(p).inputs.cases")
    let medians = try numbers(expected["median"], "\(p).expected.median")
    if medians.count != cases.count { throw error("\(p).expected.median", "has \(medians.count) values for \(cases.count) cases") }
    return try cases.enumerated().map { k, c in
      let cp = "\(p).inputs.cases[\(k)]"
      let o = try object(c, cp)
      let stake = try numbers(o["stake"], "\(cp).stake")
      let score = try numbers(o["score"], "\(cp).score")
      if stake.count != score.count { throw error(cp, "stake and score differ in length") }
      return ScalarMedianCase(stake: stake, score: score, majority: try number(o["majority"], "\(cp).majority"), expected: medians[k])
    }
  }

  func columnMedian(_ inputs: [String: JSONValue], _ expected: [String: JSONValue], _ p: String) throws -> [ColumnMedianCase] {
    let cases = try array(inputs["cases"], "\(p).inputs.cases")
    let results = try array(expected["consensus"], "\(p).expected.consensus")
    if results.count != cases.count { throw error("\(p).expected.consensus", "has \(results.count) rows for \(cases.count) cases") }
    return try cases.enumerated().map { k, c in
      let cp = "\(p).inputs.cases[\(k)]"
      let o = try object(c, cp)
      let stake = try numbers(o["stake"], "\(cp).stake")
      let rows = try array(o["weights_rows"], "\(cp).weights_rows").enumerated().map { try numbers($1, "\(cp).weights_rows[\($0)]") }
      if rows.count != stake.count { throw error("\(cp).weights_rows", "has \(rows.count) rows for \(stake.count) stakes") }
      let columns = rows.first?.count ?? 0
      if rows.contains(where: { $0.count != columns }) { throw error("\(cp).weights_rows", "rows differ in length") }
      let want = try numbers(results[k], "\(p).expected.consensus[\(k)]")
      if want.count != columns { throw error("\(p).expected.consensus[\(k)]", "has \(want.count) values for \(columns) columns") }
      return ColumnMedianCase(stake: stake, weights: rows, kappa: try number(o["kappa"], "\(cp).kappa"), expected: want)
    }
  }

  func ema(_ inputs: [String: JSONValue], _ expected: [String: JSONValue], _ p: String) throws -> [EmaCase] {
    let cases = try array(inputs["cases"], "\(p).inputs.cases")
    let results = try array(expected["result"], "\(p).expected.result")
    if results.count != cases.count { throw error("\(p).expected.result", "has \(results.count) entries for \(cases.count) cases") }
    return try cases.enumerated().map { k, c in
      let cp = "\(p).inputs.cases[\(k)]"
      let o = try object(c, cp)
      let variant = try string(o["variant"], "\(cp).variant")
      if variant != "sparse" && variant != "dense" { throw error("\(cp).variant", "must be \"sparse\" or \"dense\"") }
      let shape = try array(o["shape"], "\(cp).shape")
      if shape.count != 2 { throw error("\(cp).shape", "must be [rows, columns]") }
      let rows = Int(try int(shape[0], "\(cp).shape[0]", min: 0, max: 1 << 20))
      let columns = Int(try int(shape[1], "\(cp).shape[1]", min: 0, max: 1 << 20))
      let old = try numbers(o["old"], "\(cp).old")
      let new = try numbers(o["new"], "\(cp).new")
      let want = try numbers(results[k], "\(p).expected.result[\(k)]")
      for (field, values) in [("old", old), ("new", new)] where values.count != rows * columns {
        throw error("\(cp).\(field)", "has \(values.count) values for shape \(rows)×\(columns)")
      }
      if want.count != rows * columns { throw error("\(p).expected.result[\(k)]", "has \(want.count) values for shape \(rows)×\(columns)") }
      return EmaCase(
        sparse: variant == "sparse", rows: rows, columns: columns, old: old, new: new,
        alpha: try number(o["alpha"], "\(cp).alpha"), expected: want)
    }
  }
}
