extension NetworkSnapshot {
  /// Columns every snapshot must have.
  public static let requiredColumns = [
    "netuid", "price_tao", "moving_price", "tau_in", "alpha_in", "alpha_out", "total_alpha", "immunity_period", "tempo",
  ]

  /// Parses the CSV text of a snapshot: a header line, then one line per subnet (LF or CRLF line ends) with netuid 0
  /// (root) present once and netuids 1… unique.
  ///
  /// Checks: every required column present; amounts finite and ≥ 0 (and below 2^62 base units);
  /// a dynamic subnet's `tau_in` and `alpha_in` > 0; `total_alpha` = `alpha_in` + `alpha_out`
  /// within 0.01 % (or 1 alpha); `tempo` in 1…65 535 and `immunity_period` in 0…100 000 000 whole
  /// blocks; at least one dynamic subnet. Blank lines are skipped.
  ///
  /// Messages name the line, column and header name but never quote a field's text.
  ///
  /// - Complexity: O(size of the text).
  /// - Throws: ``SnapshotParseError`` at the first problem.
  public static func parse(_ text: String) throws(SnapshotParseError) -> NetworkSnapshot {
    // "\r\n" is one Character, so CRLF and LF files split alike.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    guard let headerLine = lines.first, !headerLine.isEmpty else {
      throw SnapshotParseError(line: 1, column: 1, columnName: "netuid", message: "the file has no header line")
    }
    let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmingSpaces
    }
    var index: [String: Int] = [:]
    for (k, name) in header.enumerated() where index[name] == nil { index[name] = k }
    for name in requiredColumns where index[name] == nil {
      throw SnapshotParseError(line: 1, column: 1, columnName: name, message: "required column is missing from the header")
    }
    var root: UInt64?
    var rows: [SubnetRow] = []
    var seen: Set<Int> = []
    for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy({ $0 == " " }) {
      let fields = Fields(line: line, number: offset + 1, header: header, index: index)
      let netuid = try fields.integer("netuid", in: 0...65_535)
      guard seen.insert(netuid).inserted else {
        throw fields.error("netuid", "netuid \(netuid) appears twice")
      }
      if netuid == 0 {
        root = try fields.amount("total_alpha")
        continue
      }
      var row = SubnetRow(
        netuid: netuid, price: try fields.real("price_tao"), movingPrice: try fields.real("moving_price", emptyAs: 0),
        taoIn: try fields.amount("tau_in"), alphaIn: try fields.amount("alpha_in"), alphaOut: try fields.amount("alpha_out"),
        registrationCost: 0, immunityPeriod: Int64(try fields.integer("immunity_period", in: 0...100_000_000)),
        tempo: Int64(try fields.integer("tempo", in: 1...65_535)))
      if index["reg_cost_tao"] != nil { row.registrationCost = try fields.amount("reg_cost_tao", emptyAs: 0) }
      guard row.taoIn > 0 else { throw fields.error("tau_in", "a subnet's pool needs TAO (got 0)") }
      guard row.alphaIn > 0 else { throw fields.error("alpha_in", "a subnet's pool needs alpha (got 0)") }
      let total = try fields.amount("total_alpha")
      let sum = Double(row.alphaIn) + Double(row.alphaOut)
      guard abs(Double(total) - sum) <= max(1e9, 1e-4 * sum) else {
        throw fields.error("total_alpha", "is not alpha_in + alpha_out (\(Double(total) / 1e9) vs \(sum / 1e9))")
      }
      rows.append(row)
    }
    guard let root else {
      throw SnapshotParseError(line: 1, column: 1, columnName: "netuid", message: "no root row (netuid 0)")
    }
    guard !rows.isEmpty else {
      throw SnapshotParseError(line: 1, column: 1, columnName: "netuid", message: "no dynamic subnet rows (netuid ≥ 1)")
    }
    return NetworkSnapshot(rootStake: root, subnets: rows.sorted { $0.netuid < $1.netuid })
  }

  /// The fields of one data line, read by column name.
  struct Fields {
    let number: Int
    let header: [String]
    let index: [String: Int]
    let values: [Substring]
    let starts: [Int]

    init(line: Substring, number: Int, header: [String], index: [String: Int]) {
      self.number = number
      self.header = header
      self.index = index
      values = line.split(separator: ",", omittingEmptySubsequences: false)
      var column = 1
      var starts: [Int] = []
      for value in values {
        starts.append(column)
        column += value.unicodeScalars.count + 1
      }
      self.starts = starts
    }

    func error(_ name: String, _ message: String) -> SnapshotParseError {
      let k = index[name] ?? 0
      return SnapshotParseError(line: number, column: k < starts.count ? starts[k] : 1, columnName: name, message: message)
    }

    func text(_ name: String) throws(SnapshotParseError) -> String {
      let k = index[name]!
      guard k < values.count else {
        throw SnapshotParseError(
          line: number, column: (starts.last ?? 1), columnName: name,
          message: "the line has \(values.count) fields, the header \(header.count)")
      }
      return String(values[k]).trimmingSpaces
    }

    func real(_ name: String, emptyAs empty: Double? = nil) throws(SnapshotParseError) -> Double {
      let t = try text(name)
      if t.isEmpty, let empty { return empty }
      guard let v = Double(t), v.isFinite, v >= 0 else {
        throw error(name, t.isEmpty ? "empty; expected a number ≥ 0" : "not a finite number ≥ 0")
      }
      return v
    }

    func amount(_ name: String, emptyAs empty: Double? = nil) throws(SnapshotParseError) -> UInt64 {
      let v = try real(name, emptyAs: empty)
      guard v * 1e9 < 4.6e18 else { throw error(name, "\(v) is too large an amount") }
      return UInt64((v * 1e9).rounded())
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(SnapshotParseError) -> Int {
      let t = try text(name)
      guard let v = Int(t), range.contains(v) else {
        throw error(name, "not a whole number in \(range.lowerBound)…\(range.upperBound)")
      }
      return v
    }
  }
}

extension String {
  /// The text without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
