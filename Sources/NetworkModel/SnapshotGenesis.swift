/// A genesis taken from a real network's per-subnet snapshot (``NetworkSnapshot``): the chosen
/// subnets' pools, moving prices, outstanding alpha, tempo, immunity and age, and the root stake.
///
/// World netuid k (1…count) is ``subnets``[k − 1] (ascending snapshot netuid). What the model
/// adds to the data is documented in `docs/calibration.md`: stake on each subnet follows a
/// lognormal skew of σ ``stakeSigma`` (fitted to SN1's permit holders), every subnet's outstanding
/// alpha is validator stake, and the age follows from the alpha issuance.
public struct SnapshotGenesis: Sendable, Equatable, Hashable {
  /// Where the snapshot came from (as the scenario names it; informational).
  public var source: String
  /// TAO on root (rao), shared among the root validators by the stake skew.
  public var rootStake: UInt64
  /// The subnets, in world netuid order.
  public var subnets: [NetworkSnapshot.SubnetRow]
  /// σ of the log stake of validators (per subnet) and of root validators: the maximum-likelihood
  /// lognormal fit to SN1's 12 permit holders' stake weight at block 6 852 690 (`docs/calibration.md`).
  public var stakeSigma: Double = SnapshotGenesis.fittedStakeSigma
  /// The oldest a subnet can be, in blocks: dTAO's launch (2025-02-13) to the snapshot (2026-04-11),
  /// 422 days. Default 3 038 400.
  public var maxAgeBlocks: Int64 = 3_038_400

  /// The σ of ``StakeSkewFit`` on `sn1-block6852690-metagraph.csv` (12 permit holders' total
  /// stake; `SimStatsTests` re-derives it from the file).
  public static let fittedStakeSigma = 1.283_250_174_402_804_6

  /// The most alpha a subnet's issuance grows by per block below its first halving: 1 alpha
  /// minted outstanding plus at most 1 injected into the pool (spec §8.1, §9.6; the cap before
  /// 2026-06-22 was min(A, block emission) ≤ 1).
  public static let maxAlphaPerBlock: UInt64 = 2_000_000_000

  public init(source: String, rootStake: UInt64, subnets: [NetworkSnapshot.SubnetRow]) {
    self.source = source
    self.rootStake = rootStake
    self.subnets = subnets
  }

  /// The age (blocks since its dynamic start) implied by a subnet's alpha issuance: issuance ÷
  /// 2 alpha per block (the youngest age that issuance allows), at most ``maxAgeBlocks``.
  public func ageBlocks(_ row: NetworkSnapshot.SubnetRow) -> Int64 {
    min(maxAgeBlocks, Int64(row.alphaIssuance / Self.maxAlphaPerBlock))
  }

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if subnets.isEmpty { out.append("genesis.snapshot: no subnets chosen") }
    if !(stakeSigma.isFinite && stakeSigma >= 0) { out.append("genesis.stake_skew_sigma must be ≥ 0, got \(stakeSigma)") }
    if maxAgeBlocks < 0 { out.append("genesis snapshot maximum age must be ≥ 0") }
    return out
  }
}
