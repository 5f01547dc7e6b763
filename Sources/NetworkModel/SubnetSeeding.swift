/// How a new subnet's pool is seeded from the owner's lock (spec §17.2).
public enum SubnetSeeding: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Before 2026-04: the pool gets `NetworkMinLockCost` TAO and as much alpha (price 1); the rest
  /// of the lock is recycled (`TotalIssuance` falls).
  case minLockAtParity = "min-lock-at-parity"
  /// Since 2026-04-16 (owner alpha removed 2026-05-08): the whole lock T₀ = max(L, min lock) stays
  /// in the pool with α₀ = ⌊T₀/m⌋ alpha, m the median spot price of the existing subnets; no
  /// owner alpha.
  case lockAtMedianPrice = "lock-at-median-price"

  /// The alpha supply cap in base units (21 M alpha, spec §9.1).
  public static let alphaCap: UInt64 = 21_000_000_000_000_000

  /// A seeded pool: its TAO and alpha, and the lock TAO recycled.
  public struct Seed: Sendable, Equatable {
    /// TAO put in the pool (`SubnetTAO`).
    public var tao: UInt64
    /// Alpha put in the pool (`SubnetAlphaIn`).
    public var alpha: UInt64
    /// Lock TAO recycled (removed from issuance).
    public var recycled: UInt64
  }

  /// The median of the positive prices (`get_median_subnet_alpha_price`, `stake_utils.rs:74-140`):
  /// the middle value of an odd count, the mean of the two middle values of an even count, 1 when
  /// there is none. O(n log n).
  public static func medianPrice(_ prices: [Double]) -> Double {
    let sorted = prices.filter { $0 > 0 && $0.isFinite }.sorted()
    guard !sorted.isEmpty else { return 1 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid])
  }

  /// The pool for a lock of `lock` rao (`subnet.rs:223-259`).
  ///
  /// - Parameters:
  ///   - lock: L_a, the TAO the owner paid (rao).
  ///   - minLock: `NetworkMinLockCost` (rao).
  ///   - medianPrice: m, from ``medianPrice(_:)`` (read only by ``lockAtMedianPrice``).
  /// - Returns: For ``minLockAtParity``: (min(L, min lock), the same alpha, L − that). For
  ///   ``lockAtMedianPrice``: (T₀, ⌊T₀/m⌋, 0) with T₀ = L (the chain's max(L, min lock) tops a
  ///   lock below the minimum up from nothing; a lock is never below it in the model). α₀ is capped
  ///   at the alpha supply cap (21 M alpha; reached only if lock/m exceeds it).
  public func seed(lock: UInt64, minLock: UInt64, medianPrice: Double) -> Seed {
    switch self {
    case .minLockAtParity:
      let tao = min(lock, minLock)
      return Seed(tao: tao, alpha: tao, recycled: lock - tao)
    case .lockAtMedianPrice:
      let m = medianPrice > 0 && medianPrice.isFinite ? medianPrice : 1
      return Seed(tao: lock, alpha: min(Self.alphaCap, FixedMath.floorAmount(Double(lock) / m)), recycled: 0)
    }
  }
}

/// Which dissolution rules apply to a subnet, fixed by when it was registered relative to the
/// chain's two cut-over blocks (spec §17.4).
public enum DissolutionTerms: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Registered before `NetworkRegistrationStartBlock` (2025-09 + 1 week): the owner is refunded
  /// max(0, lock − owner emission value); the protocol's value is its chain-bought alpha only.
  case legacy
  /// Registered between the two cut-overs: no refund; protocol value = chain-bought alpha.
  case standard
  /// Registered after `TaoInRefundDeploymentBlock` (2026-06-02): no refund; protocol value =
  /// `SubnetAlphaIn` + chain-bought alpha.
  case current

  /// Whether the owner may be refunded.
  public var refundsOwner: Bool { self == .legacy }
  /// Whether the pool's alpha reserve counts in the protocol's value.
  public var protocolOwnsAlphaIn: Bool { self == .current }
}
