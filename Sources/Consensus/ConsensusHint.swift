/// Where each column's consensus came from in a subnet's previous epoch: per UID column, the row
/// (validator UID) whose weight was the stake-weighted median (spec §4.2), or −1.
///
/// Only a starting guess for the lane median (``WeightedMedian/narrow(_:stride:rows:stake:setting:probe:)``):
/// its first probe in each column is that row's current score, which closes the column in one pass
/// when the same validator still holds the median (weights that move together, stakes that drift).
/// The answer never depends on it (the narrowing finds the unique score of spec §4.2 from any
/// probe, and the sums it checks are the same sets of stakes in the same order), so a stale,
/// foreign or empty hint only costs passes. A caller that runs a subnet's epochs one after the
/// other keeps one value per subnet (``YumaEpoch/run(reusingBondsOf:hint:hyperparameters:block:tempo:emission:arithmetic:)``).
public struct ConsensusHint: Sendable {
  /// Per column, the median's row in the last epoch that used this hint, or −1 (n entries once used).
  @usableFromInline var rows: [Int32] = []

  public init() {}

  /// Makes ``rows`` hold `n` entries (all −1 when the count changes).
  @inlinable mutating func fit(_ n: Int) {
    if rows.count != n { rows = Array(repeating: -1, count: n) }
  }
}
