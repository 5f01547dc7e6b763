import Recording

/// The math vectors of spec §15.1: plain function inputs and outputs (floats the runner converts
/// to I32F32 by round-to-nearest). Each array may use the fill/set form wherever its length is
/// fixed by another field: a case's `stake` and `score` by each other, `weights_rows` and `stake`
/// by each other, a row by the expected consensus row (or another row), `old`/`new` and expected
/// results by `shape`, expected lists by the number of cases.
extension VectorReader {

  /// The cases of a math vector and, beside them, one expected entry per case under `resultKey`;
  /// `caseKeys` are the keys each case may have.
  func mathCases(
    _ inputs: [String: JSONValue], _ expected: [String: JSONValue], resultKey: String, caseKeys: Set<String>, _ p: String
  ) throws -> [(path: String, fields: [String: JSONValue], result: JSONValue, resultPath: String)] {
    try onlyKeys(inputs, ["cases"], "\(p).inputs", "input")
    try onlyKeys(expected, [resultKey], "\(p).expected", "expected field")
    let cases = try items(inputs["cases"], nil, "\(p).inputs.cases")
    let results = try items(expected[resultKey], Length(count: cases.count, meaning: "one per case"), "\(p).expected.\(resultKey)")
    return try cases.indices.map { k in
      let cp = "\(p).inputs.cases[\(k)]"
      let o = try object(cases[k], cp)
      try onlyKeys(o, caseKeys, cp)
      return (cp, o, results[k], "\(p).expected.\(resultKey)[\(k)]")
    }
  }

  func scalarMedian(_ inputs: [String: JSONValue], _ expected: [String: JSONValue], _ p: String) throws -> [ScalarMedianCase] {
    try mathCases(inputs, expected, resultKey: "median", caseKeys: ["stake", "score", "majority"], p).map { cp, o, result, rp in
      let stake = try numbers(o["stake"], explicitCount(o["score"]).map { Length(count: $0, meaning: "one per score") }, "\(cp).stake")
      let score = try numbers(o["score"], Length(count: stake.count, meaning: "one per stake"), "\(cp).score")
      return ScalarMedianCase(
        stake: stake, score: score, majority: try number(o["majority"], "\(cp).majority"), expected: try number(result, rp))
    }
  }

  func columnMedian(_ inputs: [String: JSONValue], _ expected: [String: JSONValue], _ p: String) throws -> [ColumnMedianCase] {
    try mathCases(inputs, expected, resultKey: "consensus", caseKeys: ["stake", "weights_rows", "kappa"], p).map { cp, o, result, rp in
      let stake = try numbers(
        o["stake"], explicitCount(o["weights_rows"]).map { Length(count: $0, meaning: "one per weights row") }, "\(cp).stake")
      let rawRows = try items(o["weights_rows"], Length(count: stake.count, meaning: "one per stake"), "\(cp).weights_rows")
      let firstExplicit = rawRows.lazy.compactMap { $0.arrayValue?.count }.first
      guard let columns = firstExplicit ?? explicitCount(result) ?? (rawRows.isEmpty ? 0 : nil) else {
        throw error("\(cp).weights_rows", "the number of columns is not known: write a row or \(rp) as a list")
      }
      if rawRows.count * columns > Self.maximumMatrixEntries {
        throw error("\(cp).weights_rows", "\(rawRows.count)×\(columns) has more than \(Self.maximumMatrixEntries) entries")
      }
      let width = Length(count: columns, meaning: "\(columns) columns")
      let rows = try rawRows.enumerated().map { try numbers($1, width, "\(cp).weights_rows[\($0)]") }
      return ColumnMedianCase(
        stake: stake, weights: rows, kappa: try number(o["kappa"], "\(cp).kappa"), expected: try numbers(result, width, rp))
    }
  }

  func ema(_ inputs: [String: JSONValue], _ expected: [String: JSONValue], _ p: String) throws -> [EmaCase] {
    try mathCases(inputs, expected, resultKey: "result", caseKeys: ["variant", "shape", "old", "new", "alpha"], p).map { cp, o, result, rp in
      let variant = try string(o["variant"], "\(cp).variant")
      if variant != "sparse" && variant != "dense" { throw error("\(cp).variant", "must be \"sparse\" or \"dense\"") }
      let shape = try list(o["shape"], Length(count: 2, meaning: "[rows, columns]"), "\(cp).shape") {
        Int(try int($0, $1, min: 0, max: 1 << 20))
      }
      let (rows, columns) = (shape[0], shape[1])
      if rows * columns > Self.maximumMatrixEntries {
        throw error("\(cp).shape", "\(rows)×\(columns) has more than \(Self.maximumMatrixEntries) entries")
      }
      let size = Length(count: rows * columns, meaning: "shape \(rows)×\(columns)")
      return EmaCase(
        sparse: variant == "sparse", rows: rows, columns: columns,
        old: try numbers(o["old"], size, "\(cp).old"), new: try numbers(o["new"], size, "\(cp).new"),
        alpha: try number(o["alpha"], "\(cp).alpha"), expected: try numbers(result, size, rp))
    }
  }

  /// The largest matrix a math case may have (a fill/set matrix of that size is 128 MiB).
  static let maximumMatrixEntries = 1 << 24
}
