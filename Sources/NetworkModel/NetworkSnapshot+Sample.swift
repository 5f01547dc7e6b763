extension NetworkSnapshot {
  /// A deterministic sample of `count` subnets that spans the range of moving prices: the rows
  /// ranked by moving price (descending, ties by netuid), the row at rank ⌊(k + ½)·M/count⌋ for
  /// k = 0…count−1 taken, returned in ascending netuid order. `count` ≥ M returns every row.
  public func sample(_ count: Int) -> [SubnetRow] {
    let m = subnets.count
    guard count < m else { return subnets }
    let ranked = subnets.sorted { ($1.movingPrice, $0.netuid) < ($0.movingPrice, $1.netuid) }
    let picked = (0..<max(0, count)).map { k in ranked[min(m - 1, (2 * k + 1) * m / (2 * count))] }
    return picked.sorted { $0.netuid < $1.netuid }
  }

  /// `rows` with the TAO side scaled so Σ moving prices equals the whole snapshot's: each row's
  /// pool TAO, spot price and moving price × f, f = Σ_all P̄ / Σ_rows P̄ (1 when either sum is 0).
  /// A sample of M/N of the subnets then stands for the whole network in the quantities that
  /// decide emission (the root sell flag Σ P̄ > 1, each subnet's price share).
  public func rescaled(_ rows: [SubnetRow]) -> [SubnetRow] {
    let all = Self.movingPriceSum(subnets)
    let part = Self.movingPriceSum(rows)
    guard all > 0, part > 0, rows.count < subnets.count else { return rows }
    let f = all / part
    return rows.map { row in
      var r = row
      r.taoIn = UInt64((Double(row.taoIn) * f).rounded())
      r.price *= f
      r.movingPrice *= f
      return r
    }
  }
}
