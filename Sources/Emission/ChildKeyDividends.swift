import NetworkModel

/// The validator amounts of one epoch after the split back to parents (spec §17.5.2).
public struct ChildKeySplit: Sendable, Equatable {
  /// Every receiver: the subnet's UID hotkeys in UID order, then parents without a UID here in
  /// the order they first receive.
  public var receivers: [HotkeyID]
  /// The validator amount each receiver gets (base units); Σ ≤ Σ of the epoch's amounts, the
  /// difference being flooring dust.
  public var amounts: [UInt64]
}

/// Splits a child hotkey's epoch dividends back to its parents (spec §17.5.2, `run_coinbase.rs:900-1060`).
public enum ChildKeyDividends {
  /// One child's split. With own stake weights w_x = α_x + τ t_x:
  /// σ_h = ⌊(1 − Σ_c π_{h→c}) w_h⌋, κ_p = π_{p→h} w_p, K = σ_h + Σ_p κ_p; parent p's part
  /// e_p = D κ_p / K; if p's coldkey differs from h's, the take χ e_p stays with h and p receives
  /// ⌊e_p − χ e_p⌋, else ⌊e_p⌋; h receives ⌊D − Σ e_p + Σ takes⌋. `CKBurn` is 0 (default).
  ///
  /// - Parameters:
  ///   - amount: D_h.
  ///   - childWeight: w_h; `childKeep`: 1 − Σ_c π_{h→c}.
  ///   - parents: (π_{p→h}, w_p, same coldkey as h) per parent.
  ///   - take: χ_h as a fraction.
  /// - Returns: (h's amount, each parent's amount); K = 0 gives h everything.
  public static func split(
    amount d: UInt64, childWeight: Double, childKeep: Double, parents: [(fraction: Double, weight: Double, sameColdkey: Bool)],
    take: Double
  ) -> (child: UInt64, parents: [UInt64]) {
    let sigma = (max(0, childKeep) * childWeight).rounded(.down)
    var kappa = [Double](repeating: 0, count: parents.count)
    var k = sigma
    for (i, p) in parents.enumerated() {
      kappa[i] = p.fraction * p.weight
      k += kappa[i]
    }
    guard k > 0, d > 0 else { return (d, Array(repeating: 0, count: parents.count)) }
    var out = [UInt64](repeating: 0, count: parents.count)
    var given = 0.0
    var takes = 0.0
    for (i, p) in parents.enumerated() {
      let e = Double(d) * kappa[i] / k
      given += e
      if p.sameColdkey {
        out[i] = FixedMath.floorAmount(e)
      } else {
        let t = take * e
        takes += t
        out[i] = FixedMath.floorAmount(e - t)
      }
    }
    var child = FixedMath.floorAmount(Double(d) - given + takes)
    // Floors in Double can overshoot by an ulp; keep Σ ≤ D.
    let paid = out.reduce(0, +)
    if paid > d { return (d, Array(repeating: 0, count: parents.count)) }
    child = min(child, d - paid)
    return (child, out)
  }

  /// Splits every UID's validator amount (spec §17.5.2) over the UID hotkeys and their parents.
  ///
  /// - Parameters:
  ///   - hotkeys: the hotkey at each UID; `amounts`: each UID's validator amount D.
  ///   - table: the subnet's child keys.
  ///   - weight: own stake weight α + τ t of any hotkey on this subnet.
  ///   - coldkey: the owner coldkey of any hotkey.
  ///   - take: the effective childkey take of a child hotkey as a fraction.
  public static func distribute(
    hotkeys: [HotkeyID], amounts: [UInt64], table: ChildKeyTable, weight: (HotkeyID) -> Double,
    coldkey: (HotkeyID) -> ColdkeyID, take: (HotkeyID) -> Double
  ) -> ChildKeySplit {
    var receivers = hotkeys
    var out = [UInt64](repeating: 0, count: hotkeys.count)
    var extraIndex: [HotkeyID: Int] = [:]
    var uidOf: [HotkeyID: Int] = [:]
    for (u, h) in hotkeys.enumerated() where uidOf[h] == nil { uidOf[h] = u }
    for (u, h) in hotkeys.enumerated() {
      let d = amounts[u]
      guard d > 0 else { continue }
      let ups = table.parents(of: h)
      if ups.isEmpty {
        out[u] += d
        continue
      }
      let keep = 1 - table.children(of: h).reduce(0.0) { $0 + $1.fraction }
      let own = coldkey(h)
      let split = split(
        amount: d, childWeight: weight(h), childKeep: keep,
        parents: ups.map { (fraction: $0.fraction, weight: weight($0.hotkey), sameColdkey: coldkey($0.hotkey) == own) },
        take: take(h))
      out[u] += split.child
      for (p, a) in zip(ups, split.parents) where a > 0 {
        if let pu = uidOf[p.hotkey] {
          out[pu] += a
        } else if let e = extraIndex[p.hotkey] {
          out[e] += a
        } else {
          extraIndex[p.hotkey] = receivers.count
          receivers.append(p.hotkey)
          out.append(a)
        }
      }
    }
    return ChildKeySplit(receivers: receivers, amounts: out)
  }
}
