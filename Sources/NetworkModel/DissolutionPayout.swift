/// The TAO payout of a dissolved subnet (spec §17.4, `remove_stake.rs:442-667`): pure arithmetic
/// on the values the World collects.
public enum DissolutionPayout {
  /// Who gets what.
  public struct Split: Sendable, Equatable {
    /// TAO credited to each staker, in the order given.
    public var stakers: [UInt64]
    /// The protocol's share: not paid to anyone (it stays on the subnet account and is recycled).
    public var protocolShare: UInt64
  }

  /// Splits the pot P over the stakers' alpha values v and the protocol's value v_p: each gets
  /// ⌊P·v/V⌋ with V = Σv + v_p, then the leftover units go +1 each to the largest remainders
  /// (ties: stakers in order, the protocol last). Nothing is split when P or V is 0 (all shares
  /// 0). Exact: Σ stakers + protocol = P whenever V > 0. O(n log n).
  public static func split(pot: UInt64, stakerValues: [UInt64], protocolValue: UInt64) -> Split {
    var total = protocolValue
    for v in stakerValues { total += v }
    var shares = [UInt64](repeating: 0, count: stakerValues.count + 1)
    guard pot > 0, total > 0 else { return Split(stakers: Array(shares.dropLast()), protocolShare: 0) }
    var remainders = [UInt64](repeating: 0, count: shares.count)
    var distributed: UInt64 = 0
    for (k, v) in (stakerValues + [protocolValue]).enumerated() {
      let (q, r) = total.dividingFullWidth(pot.multipliedFullWidth(by: v))
      shares[k] = q
      remainders[k] = r
      distributed += q
    }
    let leftover = Int(pot - distributed)  // < number of portions
    if leftover > 0 {
      let order = shares.indices.sorted { (remainders[$1], $0) < (remainders[$0], $1) }
      for k in order.prefix(leftover) { shares[k] += 1 }
    }
    return Split(stakers: Array(shares.dropLast()), protocolShare: shares[shares.count - 1])
  }

  /// The legacy owner refund before its cap: max(0, lock − ⌊⌊I_α·κ_o⌋·p⌋) with I_α the alpha
  /// issuance, κ_o the owner cut and p the spot price (`remove_stake.rs:455-485`).
  public static func legacyRefund(locked: UInt64, alphaIssuance: UInt64, ownerCut: Double, spotPrice: Double) -> UInt64 {
    let ownerAlpha = FixedMath.floorAmount(Double(alphaIssuance) * ownerCut)
    let value = FixedMath.floorAmount(Double(ownerAlpha) * spotPrice)
    return locked > value ? locked - value : 0
  }
}
