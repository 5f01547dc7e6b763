/// How alpha_in is capped when TAO emission is injected into a subnet pool (spec §9.6).
public enum InjectionCap: String, Sendable, Equatable, Hashable, CaseIterable {
  /// alpha_in ≤ ρ_i·A_i, the root proportion of the subnet's alpha block emission (since 2026-06-22).
  case rootProportion = "root-proportion"
  /// alpha_in ≤ min(A_i, TAO block emission) in base units (2025-02 → 2026-06-22).
  case blockEmission = "block-emission"
}

/// Network-wide constants and governance-set globals (spec §12, §17.11).
///
/// Defaults are mainnet's values, which differ from the runtime's own constants where a migration
/// or governance changed them: the runtime constants are kept beside them (``runtimeTaoWeight``,
/// ``runtimeMinLockCost``) for replaying a chain built from the runtime alone.
public struct ChainParameters: Sendable, Equatable, Hashable {
  /// The runtime's `TaoWeight` constant (τ ≈ 0.05268); mainnet has run on 0.18 since `migrate_rao`.
  public static let runtimeTaoWeight: UInt64 = 971_718_665_099_567_868
  /// `TaoWeight` set by `migrate_rao` (2025-02-13, `migrate_rao.rs:64`): τ = 0.18.
  public static let mainnetTaoWeight: UInt64 = 3_320_413_933_267_719_290
  /// The runtime's `NetworkMinLockCost` constant: 1 000 TAO in rao.
  public static let runtimeMinLockCost: UInt64 = 1_000_000_000_000
  /// `NetworkMinLockCost` set by `migrate_rao` (`migrate_rao.rs:62`): 1 TAO in rao.
  public static let mainnetMinLockCost: UInt64 = 1_000_000_000

  /// `TaoWeight` τ as u64; τ = value/(2⁶⁴ − 1) (spec §3.2). Default: mainnet's 0.18 (§17.0).
  public var taoWeight: UInt64 = mainnetTaoWeight
  /// `StakeThreshold` in base units (spec §3.2). Default 0.
  public var stakeThreshold: UInt64 = 0
  /// `SubnetOwnerCut` as u16 (spec §8.1). Default 11 796 (≈ 18%).
  public var ownerCut: UInt16 = 11_796
  /// Default delegate (hotkey) take as u16 (spec §8.2 step 6). Default 11 796 (≈ 18%).
  public var defaultTake: UInt16 = 11_796
  /// TAO supply cap in rao: 21·10¹⁵ (spec §9.1).
  public var supplyCap: UInt64 = 21_000_000_000_000_000
  /// Block emission at issuance 0, in rao: 10⁹ (1 TAO, spec §9.1).
  public var baseBlockEmission: UInt64 = 1_000_000_000
  /// `SubnetMovingAlpha` (spec §9.4). Default 0.000003.
  public var movingAlpha: Double = 0.000_003
  /// `EMAPriceHalvingBlocks` H (spec §9.4). Default 201 600.
  public var emaPriceHalvingBlocks: Int64 = 201_600
  /// `MaxEpochsPerBlock` (spec §2). Default 2.
  public var maxEpochsPerBlock: Int = 2
  /// Subnet limit, root excluded (spec §11.5). Default 128.
  public var subnetLimit: Int = 128
  /// `NetworkImmunityPeriod` in blocks (spec §11.5; the migration value 864 000).
  public var networkImmunityPeriod: Int64 = 864_000
  /// Minimum subnet lock cost `NetworkMinLockCost` in rao (spec §11.5, §17.2). Default: mainnet's
  /// 1 TAO (`migrate_rao`; the runtime constant is 1 000 TAO).
  public var minLockCost: UInt64 = mainnetMinLockCost
  /// `NetworkLockReductionInterval` in blocks (spec §11.5; migration value 57 600).
  public var lockReductionInterval: Int64 = 57_600
  /// `NetworkRateLimit` in blocks (spec §11.5; migration value 28 800).
  public var networkRateLimit: Int64 = 28_800
  /// The alpha_in cap of the liquidity injection (spec §9.6). Default `.rootProportion`.
  public var injectionCap: InjectionCap = .rootProportion
  /// Whether a neuron registration's burn counts as TAO inflow to its subnet (`SubnetTaoFlow`,
  /// spec §17.10; since 2026-04-07). Read only by the `tao-flow` policy. Default true.
  public var registrationBurnIsFlow = true
  /// The subnet pool (spec §17.6): Balancer since 2026-03-17, constant product before. Default
  /// `.balancer`.
  public var poolKind: LiquidityPool.Kind = .balancer
  /// `FeeRate` of user swaps as u16 (fee = x/65 535, paid to the block author, spec §17.6).
  /// Default 33 (≈ 0.05 %, since 2026-02-13 to the author); 0 = no fee.
  public var swapFeeRate: UInt16 = LiquidityPool.defaultFeeRate
  /// How a new subnet's pool is seeded from its lock (spec §17.2). Default `.lockAtMedianPrice`.
  public var subnetSeeding: SubnetSeeding = .lockAtMedianPrice
  /// Blocks from a subnet's registration until its emission is enabled (spec §17.2):
  /// 0 = it starts enabled (before 2026-06-23), `nil` = never (the chain has no automatic rule;
  /// only root's `sudo_set_subnet_emission_enabled` enables it). Default `nil`.
  public var enableEmissionAfterBlocks: Int64? = nil
  /// The dissolution terms of subnets registered during the run (spec §17.4): which side of the
  /// chain's two cut-over blocks their registration falls. Default `.current`.
  public var registrationTerms: DissolutionTerms = .current
  /// Root dividend claims (spec §17.7).
  public var rootClaims = RootClaimParameters()
  /// Child keys and root auto-parenting (spec §17.5).
  public var childKeys = ChildKeyParameters()
  /// Take rate limits (spec §17.9, §17.5.4).
  public var takeLimits = TakeRateLimits()
  /// Conviction locks and owner change (spec §17.8).
  public var locks = LockParameters()

  public init() {}

  /// τ as a real number.
  @inlinable public var tau: Double { Double(taoWeight) / 18_446_744_073_709_551_615.0 }
  /// The owner cut as a fraction (11 796 ⇒ 0.17999…).
  @inlinable public var ownerCutFraction: Double { Double(ownerCut) / 65_535 }

  /// Checks ranges; returns one message per problem.
  public func problems() -> [String] {
    var out: [String] = []
    if supplyCap == 0 { out.append("supply_cap must be positive") }
    if !(movingAlpha.isFinite && movingAlpha >= 0 && movingAlpha <= 1) {
      out.append("moving_alpha must be in [0, 1], got \(movingAlpha)")
    }
    if emaPriceHalvingBlocks < 0 { out.append("ema_price_halving_blocks must be ≥ 0") }
    if maxEpochsPerBlock < 1 { out.append("max_epochs_per_block must be ≥ 1") }
    if subnetLimit < 1 || subnetLimit > 4_095 { out.append("subnet_limit must be in 1...4095, got \(subnetLimit)") }
    if lockReductionInterval < 1 { out.append("lock_reduction_interval must be ≥ 1 block") }
    if let d = enableEmissionAfterBlocks, d < 0 { out.append("enable_emission_after_days must be ≥ 0") }
    if poolKind == .constantProduct, swapFeeRate != 0 { out.append("a constant-product pool has no swap fee") }
    if !(1...50).contains(rootClaims.perBlock) { out.append("root_claims.per_block must be in 1...50") }
    if rootClaims.threshold > 10_000_000 { out.append("root_claims.threshold must be ≤ 10^7 base units") }
    if !(locks.rates.unlockBlocks >= 1 && locks.rates.maturityBlocks >= 1) { out.append("lock rates must be ≥ 1 block") }
    if childKeys.minTake > childKeys.maxTake { out.append("child_keys minimum take exceeds the maximum") }
    return out
  }
}
