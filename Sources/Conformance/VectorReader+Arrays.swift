import Recording

/// The array forms of spec §15.1.
///
/// Every array field of a vector may be written as an explicit list or as
/// `{"fill": x, "set": [{"range": [a, b], "value": v}, …]}`: `count` copies of `x`, then each
/// `set` entry in order writes `v` at the half-open index range `[a, b)` (later entries win; `set`
/// may be omitted). The fill/set form needs the array's length from elsewhere: `n` for per-UID
/// fields, the number of dests for `set_weights.values`, the shape for matrices, the number of
/// cases for expected results. Where nothing fixes the length (lists of cases, steps, actions,
/// scenarios) only the list form is accepted.
extension VectorReader {

  /// How many entries an array field has, and the words that say why (`n = 4`, `one per dest`).
  struct Length {
    var count: Int
    var meaning: String

    /// A per-UID field: one entry per UID.
    static func perUID(_ n: Int) -> Length { Length(count: n, meaning: "n = \(n)") }
  }

  /// An array field: an explicit list (of `length.count` entries when a length is given) or the
  /// fill/set form (only when a length is given).
  func list<V>(
    _ v: JSONValue?, _ length: Length?, _ path: String, _ element: (JSONValue?, String) throws -> V
  ) throws -> [V] {
    guard let v else { throw error(path, "missing") }
    if let items = v.arrayValue {
      if let length, items.count != length.count {
        throw error(path, "has \(items.count) entries, expected \(length.count) (\(length.meaning))")
      }
      return try items.enumerated().map { try element($1, "\(path)[\($0)]") }
    }
    guard let o = v.objectValue, o["fill"] != nil || o["set"] != nil else {
      throw error(path, length == nil ? "expected a list" : "expected a list or {\"fill\": x, \"set\": [{\"range\": [a, b], \"value\": v}]}")
    }
    guard let length else {
      throw error(path, "the {\"fill\", \"set\"} form needs a length known from elsewhere; write this array as a list")
    }
    try onlyKeys(o, ["fill", "set"], path)
    let fill = try element(o["fill"], "\(path).fill")
    var result = [V](repeating: fill, count: length.count)
    guard let sets = o["set"] else { return result }
    var writes: [(range: Range<Int>, value: V)] = []
    for (k, item) in try items(sets, nil, "\(path).set").enumerated() {
      let p = "\(path).set[\(k)]"
      let entry = try object(item, p)
      try onlyKeys(entry, ["range", "value"], p)
      let (a, b) = try range(entry["range"], count: length.count, "\(p).range")
      writes.append((a..<b, try element(entry["value"], "\(p).value")))
    }
    Self.paint(&result, writes)
    return result
  }

  /// Applies range writes in order (later ones win) in O(count + writes), however much the
  /// ranges overlap: the writes are visited last to first and each index is written once,
  /// skipping written runs through a path-compressed "next unwritten index" table.
  static func paint<V>(_ result: inout [V], _ writes: [(range: Range<Int>, value: V)]) {
    var next = Array(0...result.count)
    func unwritten(_ i: Int) -> Int {
      var root = i
      while next[root] != root { root = next[root] }
      var j = i
      while next[j] != root {
        let up = next[j]
        next[j] = root
        j = up
      }
      return root
    }
    for write in writes.reversed() {
      var i = unwritten(write.range.lowerBound)
      while i < write.range.upperBound {
        result[i] = write.value
        next[i] = i + 1
        i = unwritten(i + 1)
      }
    }
  }

  /// An array field of JSON values, read further by the caller.
  func items(_ v: JSONValue?, _ length: Length?, _ path: String) throws -> [JSONValue] {
    try list(v, length, path) { v, p in
      guard let v else { throw error(p, "missing") }
      return v
    }
  }

  /// An array field of finite numbers.
  func numbers(_ v: JSONValue?, _ length: Length?, _ path: String) throws -> [Double] {
    try list(v, length, path) { try number($0, $1) }
  }

  /// The number of entries of `v` if it is written as an explicit list.
  func explicitCount(_ v: JSONValue?) -> Int? { v?.arrayValue?.count }

  /// A half-open index range `[a, b)` with 0 ≤ a ≤ b ≤ count, written `[a, b]`.
  func range(_ v: JSONValue?, count: Int, _ path: String) throws -> (Int, Int) {
    let bounds = try items(v, Length(count: 2, meaning: "a range is [start, end)"), path)
    let a = Int(try int(bounds[0], "\(path)[0]", min: 0, max: Int64(count)))
    let b = Int(try int(bounds[1], "\(path)[1]", min: Int64(a), max: Int64(count)))
    return (a, b)
  }

  /// A UID list (`set_weights.uid` and `dests`, `add_stake.uids`): one UID, an explicit list,
  /// `{"range": [a, b]}` (the UIDs a..<b), or a per-UID array of length n in fill/set form whose
  /// entries are either true/false (the UIDs marked true, ascending; `{"fill": true}` is every UID)
  /// or UIDs themselves (the list as written, n entries).
  func uids(_ v: JSONValue?, n: Int, _ path: String) throws -> [Int] {
    guard let v else { throw error(path, "missing") }
    let forms = "a uid, a list of uids, {\"range\": [a, b]} or a per-UID {\"fill\", \"set\"} array"
    if v.integerValue != nil { return [try uid(v, n: n, path)] }
    if v.arrayValue == nil && v.objectValue == nil { throw error(path, "expected \(forms)") }
    if let o = v.objectValue, o["range"] == nil && o["fill"] == nil && o["set"] == nil { throw error(path, "expected \(forms)") }
    if let o = v.objectValue, o["range"] != nil {
      try onlyKeys(o, ["range"], path)
      let (a, b) = try range(o["range"], count: n, "\(path).range")
      return Array(a..<b)
    }
    if let o = v.objectValue, o["fill"]?.boolValue != nil {
      let selected = try list(v, .perUID(n), path) { try bool($0, $1) }
      return selected.indices.filter { selected[$0] }
    }
    return try list(v, v.arrayValue == nil ? .perUID(n) : nil, path) { try uid($0, n: n, $1) }
  }
}
