import NetworkModel

/// The Hill emission gate on subnets' TAO shares (spec §17.1, live since 2026-07-27; rank-pinned
/// bar since 2026-08-03).
///
/// A stage after any policy's shares s (Σ s = 1 over the emit-eligible subnets, emission-disabled
/// ones included, spec §17.1.1 steps 3–4):
/// - **Bar θ** (recomputed when θ = 0 or at every multiple of ``barUpdateInterval`` blocks, global
///   alignment): in rank mode the N-th largest positive share (the smallest positive one if fewer
///   than N are positive); in q-mass mode the share at which the descending running sum first
///   reaches q (the last share walked if it never does). θ is stored only when positive.
/// - **Gain** g(s) = 1 / (1 + (θ/s)ʰ) for s > 0 (zeros stay zero), then renormalise; if every
///   gated share is 0 the ungated shares are kept (the chain's restore, 2026-07-27). θ = 0 means
///   the gate is off (identity).
///
/// Written as one formula (all enabled): share ∝ s^(h+1) / (sʰ + θʰ). Worked values (§17.1.4):
/// g(θ) = ½, g(2θ) = 8/9, g(θ/2) = 1/9.
///
/// Simplification (§17.1.3): the chain computes (θ/s)ʰ as exp(h·ln(θ/s)) in I32F32, which makes
/// g = 1 for θ/s < 2⁻³² and saturates g at ≈ 4.66·10⁻¹⁰ for θ/s ≳ 1 290 (h = 3); this gate uses
/// `Double`, which differs from the chain only in those tails.
///
/// Pure: the bar is returned, never stored; the World keeps it.
public struct EmissionGate: Sendable, Equatable, Hashable {
  /// How the bar is chosen.
  public enum Mode: String, Sendable, CaseIterable {
    /// θ = the N-th largest positive share (`EmissionBarRank` N > 0).
    case rank
    /// θ = the share where the descending cumulative share first reaches q (`EmissionBarRank` = 0).
    case quantile
    /// No gate (before 2026-07-27).
    case off
  }

  /// `EMISSION_BAR_UPDATE_INTERVAL`: a code constant, blocks between bar recomputations.
  public static let barUpdateInterval: Int64 = 360

  /// The bar mode. Default `rank` (live since 2026-08-03).
  public var mode: Mode
  /// `EmissionBarRank` N ≥ 1 (rank mode). Default 32.
  public var rank: Int
  /// `EmissionBarQuantile` q in (0, 1] (q-mass mode). Default 0.61.
  public var quantile: Double
  /// `EmissionGateExponent` h > 0. Default 3.
  public var exponent: Double

  public init(mode: Mode = .rank, rank: Int = 32, quantile: Double = 0.61, exponent: Double = 3) {
    self.mode = mode
    self.rank = rank
    self.quantile = quantile
    self.exponent = exponent
  }

  /// The gate switched off.
  public static let off = EmissionGate(mode: .off)

  /// Problems with the parameters (empty when valid).
  public func problems() -> [String] {
    var out: [String] = []
    if rank < 1 { out.append("emission.gate.rank must be ≥ 1, got \(rank)") }
    if !(quantile.isFinite && quantile > 0 && quantile <= 1) {
      out.append("emission.gate.quantile must be in (0, 1], got \(quantile)")
    }
    if !(exponent.isFinite && exponent > 0) { out.append("emission.gate.exponent must be > 0, got \(exponent)") }
    return out
  }

  /// Whether the bar is recomputed at a share evaluation at `block`, the previous evaluation
  /// having been at `previous` (`nil` before the first): when θ = 0, or when a multiple of
  /// ``barUpdateInterval`` lies in (previous, block]. With evaluations every block this is the
  /// chain's rule `θ = 0 ∨ b mod 360 = 0`.
  public static func barDue(bar: Double, block: Int64, previous: Int64?) -> Bool {
    if bar <= 0 { return true }
    guard let previous else { return block % barUpdateInterval == 0 }
    return block.floorDivided(by: barUpdateInterval) > previous.floorDivided(by: barUpdateInterval)
  }

  /// θ′ from `shares` (step 3), 0 when no share is positive.
  ///
  /// - Complexity: O(n log n).
  public func bar(_ shares: [Double]) -> Double {
    let sorted = shares.map { $0.isFinite ? max(0, $0) : 0 }.sorted(by: >)
    switch mode {
    case .off:
      return 0
    case .rank:
      let positive = sorted.prefix { $0 > 0 }
      guard !positive.isEmpty else { return 0 }
      return positive.count >= rank ? positive[rank - 1] : positive.last!
    case .quantile:
      var cumulative = 0.0
      for s in sorted {
        cumulative += s
        if cumulative >= quantile { return s }
      }
      return sorted.last ?? 0
    }
  }

  /// g(s) = 1 / (1 + (θ/s)ʰ) for s > 0 and θ > 0; 0 for s ≤ 0; 1 when θ ≤ 0.
  public func gain(share s: Double, bar theta: Double) -> Double {
    guard theta > 0 else { return 1 }
    guard s > 0 else { return 0 }
    let ratio = theta / s
    let power = exponent == 3 ? ratio * ratio * ratio : RealMath.pow(ratio, exponent)
    return 1 / (1 + power)
  }

  /// Gates `shares` with bar `theta` (step 4): s′ = s·g(s), renormalised; the input itself when
  /// θ = 0, the mode is off, or every gated share is 0 (ungated restore).
  public func gated(_ shares: [Double], bar theta: Double) -> [Double] {
    guard mode != .off, theta > 0 else { return shares }
    var out = shares.map { $0 > 0 && $0.isFinite ? $0 * gain(share: $0, bar: theta) : 0 }
    var total = 0.0
    for x in out { total += x }
    guard total > 0, total.isFinite else { return shares }
    for i in out.indices { out[i] /= total }
    return out
  }

  /// The outcome of one evaluation: gated shares and the bar to keep.
  public struct Outcome: Sendable, Equatable {
    /// The gated shares ŝ (parallel to the input).
    public var shares: [Double]
    /// θ after this evaluation (unchanged unless recomputed to a positive value).
    public var bar: Double
  }

  /// Steps 3–4 together: recomputes the bar if `recomputeBar` (keeping the old one when the new
  /// one is 0), then gates.
  public func apply(_ shares: [Double], bar theta: Double, recomputeBar: Bool) -> Outcome {
    guard mode != .off else { return Outcome(shares: shares, bar: 0) }
    var bar = theta
    if recomputeBar {
      let fresh = self.bar(shares)
      if fresh > 0 { bar = fresh }
    }
    return Outcome(shares: gated(shares, bar: bar), bar: bar)
  }
}

extension Int64 {
  /// ⌊self / d⌋ for d > 0 (rounds toward −∞, unlike `/`).
  @inlinable func floorDivided(by d: Int64) -> Int64 {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
}
