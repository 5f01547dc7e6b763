import NetworkModel

/// The issuance-based halving schedule (spec §9.1), for TAO and for each subnet's alpha.
///
/// For issuance X < cap: era k = ⌊log₂(cap / (cap − X))⌋ and block emission = ⌊base / 2ᵏ⌋.
/// In integers: X is in era ≥ k+1 exactly when cap − X ≤ ⌊cap / 2ᵏ⁺¹⌋, so the thresholds are
/// T_k = cap − ⌊cap / 2ᵏ⌋ (10.5 M, 15.75 M, 18.375 M, … TAO). Emission is 0 at or above the cap.
///
/// Simplification: the chain evaluates the logarithm in fixed point; this integer form is the
/// exact mathematical rule and could differ from the chain only within a few rao of a threshold.
public struct HalvingSchedule: Sendable, Equatable, Hashable {
  /// The supply cap in base units.
  public var cap: UInt64
  /// Emission per block in era 0, base units.
  public var base: UInt64

  public init(cap: UInt64 = 21_000_000_000_000_000, base: UInt64 = 1_000_000_000) {
    self.cap = cap
    self.base = base
  }

  /// The era of issuance `x` (0 before the first halving); `nil` at or above the cap.
  public func era(_ x: UInt64) -> Int? {
    guard x < cap else { return nil }
    var k = 0
    while k < 63 && x >= threshold(k + 1) { k += 1 }
    return k
  }

  /// T_k = cap − ⌊cap / 2ᵏ⌋: the issuance at which era k begins.
  @inlinable public func threshold(_ k: Int) -> UInt64 { k >= 64 ? cap : cap - (cap >> UInt64(k)) }

  /// The block emission at issuance `x`.
  public func blockEmission(_ x: UInt64) -> UInt64 {
    guard let k = era(x) else { return 0 }
    return k >= 64 ? 0 : base >> UInt64(k)
  }

  /// The issuance after `blocks` blocks of emission starting from `x`, exact across any number
  /// of halvings (each block adds the emission of the issuance *before* it).
  ///
  /// - Complexity: O(number of eras crossed).
  public func advance(_ x: UInt64, blocks: Int64) -> UInt64 {
    var issuance = x
    var left = UInt64(max(0, blocks))
    while left > 0, let k = era(issuance) {
      let perBlock = k >= 64 ? 0 : base >> UInt64(k)
      guard perBlock > 0 else { break }
      let next = threshold(k + 1)
      // Blocks spent in this era: the smallest m with issuance + m·perBlock ≥ next.
      let needed = (next - issuance + perBlock - 1) / perBlock
      let m = min(needed, left)
      issuance += m * perBlock
      left -= m
    }
    return issuance
  }

  /// TAO's schedule from chain parameters.
  public init(tao chain: ChainParameters) { self.init(cap: chain.supplyCap, base: chain.baseBlockEmission) }

  /// The default per-subnet alpha schedule: 21 M alpha cap, 1 alpha per block (spec §9.1).
  public static let alpha = HalvingSchedule()
}
