/// The grid of the retention study: honest stakes S_H × honest utilities W_H × cabal self-weights W_C.
///
/// Spec §15.3 step 2: S_H ∈ {0.51, 0.55, 0.60, …, 0.95, 0.99} and W_H, W_C ∈ {1.00, 0.98, …, 0.00}
/// (51 values each), 28 611 networks. Honest stakes are kept in hundredths so that the honest/cabal
/// split ⌊S_H·total⌋ is exact integer arithmetic.
public struct RetentionGrid: Sendable, Equatable {
  /// Honest stakes in hundredths (51 = 0.51), ascending.
  public var honestStakePercents: [Int]
  /// The utility axis has `utilitySteps + 1` values k/utilitySteps for k = utilitySteps…0 (descending,
  /// the order the chain's study walks them).
  public var utilitySteps: Int

  public init(honestStakePercents: [Int], utilitySteps: Int) {
    self.honestStakePercents = honestStakePercents
    self.utilitySteps = utilitySteps
  }

  /// The grid of spec §15.3.
  public static let specification = RetentionGrid(
    honestStakePercents: [51, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99], utilitySteps: 50)

  /// Number of values on each utility axis.
  public var utilityCount: Int { utilitySteps + 1 }
  /// Number of networks in the grid.
  public var networkCount: Int { honestStakePercents.count * utilityCount * utilityCount }

  /// The utility (W_H or W_C) at axis position `index` (0 = 1.00, last = 0.00).
  public func utility(at index: Int) -> Double { Double(utilitySteps - index) / Double(utilitySteps) }

  /// The honest stake S_H at position `index`.
  public func honestStake(at index: Int) -> Double { Double(honestStakePercents[index]) / 100 }

  /// Every problem with this grid (empty when valid).
  public var problems: [String] {
    var found: [String] = []
    if honestStakePercents.isEmpty { found.append("the honest-stake grid is empty") }
    for percent in honestStakePercents where !(1...99).contains(percent) {
      found.append("honest stake \(percent)% is outside 1…99%")
    }
    if zip(honestStakePercents, honestStakePercents.dropFirst()).contains(where: { $0 >= $1 }) {
      found.append("honest stakes must be strictly ascending")
    }
    if !(1...1_000).contains(utilitySteps) { found.append("utility_steps must be in 1…1000, got \(utilitySteps)") }
    return found
  }
}
