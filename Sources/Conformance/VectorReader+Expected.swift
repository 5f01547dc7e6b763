import Recording

/// Expected states (spec §15.1 `expected[label]`).
///
/// `emission`, `dividends_u16`, `consensus_u16` and `incentive_u16` are `{uid: value}` maps of the
/// UIDs to check, or per-UID arrays of all n (a list or the fill/set form); `bonds_u16` is an
/// `{"i,j": value}` map; `validator_permit` and `dividends_fraction` are per-UID arrays.
extension VectorReader {

  func expectedState(_ v: JSONValue, n: Int, _ p: String) throws -> ExpectedState {
    let o = try object(v, p)
    var e = ExpectedState()
    let perUID = Length.perUID(n)
    for key in o.keys.sorted() {
      let kp = "\(p).\(key)"
      switch key {
      case "emission": e.emission = try uidValues(o[key], n: n, kp) { try unsigned($0, $1) }
      case "dividends_u16": e.dividendsU16 = try uidValues(o[key], n: n, kp) { try u16($0, $1) }
      case "consensus_u16": e.consensusU16 = try uidValues(o[key], n: n, kp) { try u16($0, $1) }
      case "incentive_u16": e.incentiveU16 = try uidValues(o[key], n: n, kp) { try u16($0, $1) }
      case "bonds_u16": e.bondsU16 = try bonds(o[key], n: n, kp)
      case "validator_permit": e.validatorPermit = try list(o[key], perUID, kp) { try bool($0, $1) }
      case "dividends_fraction": e.dividendsFraction = try numbers(o[key], perUID, kp)
      default:
        throw error(kp, "unknown expected field (emission, dividends_u16, consensus_u16, incentive_u16, bonds_u16, validator_permit, dividends_fraction)")
      }
    }
    return e
  }

  /// `{uid: value}` for some UIDs (ascending), or a per-UID array giving every UID's value.
  func uidValues<V>(_ v: JSONValue?, n: Int, _ p: String, _ element: (JSONValue?, String) throws -> V) throws -> [(uid: Int, value: V)] {
    guard let o = v?.objectValue, o["fill"] == nil && o["set"] == nil else {
      return try list(v, .perUID(n), p, element).enumerated().map { ($0, $1) }
    }
    return try o.map { k, value in
      guard let uid = Int(k), uid >= 0, uid < n else { throw error("\(p).\(k)", "key must be a uid in 0..<\(n)") }
      return (uid, try element(value, "\(p).\(k)"))
    }.sorted { $0.uid < $1.uid }
  }

  /// `{"i,j": u16}`: the stored bond of validator i on miner j.
  func bonds(_ v: JSONValue?, n: Int, _ p: String) throws -> [(row: Int, col: Int, value: UInt16)] {
    try object(v, p).map { k, value in
      let parts = k.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 2, let i = parts[0], let j = parts[1], i >= 0, i < n, j >= 0, j < n else {
        throw error("\(p).\(k)", "key must be \"i,j\" with uids in 0..<\(n)")
      }
      return (i, j, try u16(value, "\(p).\(k)"))
    }.sorted { ($0.row, $0.col) < ($1.row, $1.col) }
  }
}
