/// Miners' compute costs and who sells the alpha they earn (the `economics:` block).
///
/// Off by default (``enabled`` false): nobody sells and nobody pays for compute, which is what
/// worlds written before these keys assume. Amounts in USD and TAO as written; the World works in
/// rao. Sources of the defaults: `docs/calibration.md`, "Sellers and miner economics".
public struct EconomicsParameters: Sendable, Equatable, Hashable {
  /// Whether miners pay for compute and earners sell (one ``SubnetEconomy`` agent per subnet).
  public var enabled = false
  /// What one GPU-hour costs a miner, USD. Default 1.20: the low end of the $1.20–8.00 per
  /// GPU-hour the analysis quotes for AWS SageMaker (the cloud price the network is compared with).
  public var gpuHourUSD = 1.20
  /// The TAO/USD price (constant over the run), USD per TAO. Default 300 (assumed).
  public var taoUSD = 300.0
  /// GPUs a working miner keeps busy around the clock. Default 1 (assumed).
  public var gpusPerMiner = 1.0
  /// Share of the alpha a miner earns beyond its costs that it also sells. Default 0.
  public var minerSellFraction = 0.0
  /// Share of a subnet owner's cut the owner sells. Default 0.
  public var ownerSellFraction = 0.0
  /// Share of a validator's own earnings (its take and the dividends on its own stake) it sells.
  /// Default 0.
  public var validatorSellFraction = 0.0
  /// Consecutive loss-making activations (days at the default interval) after which a miner
  /// stops working (its utility drops to 0; the UID is pruned by later registrations). Default 14.
  public var exitWindowDays = 14
  /// A new miner registers on a subnet while the median working miner's revenue exceeds the cost
  /// by this relative margin. Default 0.
  public var entryMargin = 0.0
  /// The most new miners one subnet admits per activation. Default 1.
  public var maxEntriesPerActivation = 1
  /// The most an entering miner pays to register, rao. Default 100 TAO (the chain's MaxBurn).
  public var maxBurn: UInt64 = 100_000_000_000
  /// Blocks between activations. Default 7 200 (a day).
  public var intervalBlocks: Int64 = 7_200

  public init() {}

  /// A working miner's compute cost per day, TAO: GPUs × 24 h × USD per GPU-hour ÷ USD per TAO.
  public var minerCostPerDayTAO: Double { gpusPerMiner * 24 * gpuHourUSD / taoUSD }

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    func positive(_ v: Double, _ key: String) {
      if !(v.isFinite && v > 0) { out.append("economics.\(key) must be > 0, got \(v)") }
    }
    func fraction(_ v: Double, _ key: String) {
      if !(v.isFinite && v >= 0 && v <= 1) { out.append("economics.\(key) must be in [0, 1], got \(v)") }
    }
    positive(gpuHourUSD, "gpu_hour_usd")
    positive(taoUSD, "tao_usd")
    if !(gpusPerMiner.isFinite && gpusPerMiner >= 0) { out.append("economics.gpus_per_miner must be ≥ 0, got \(gpusPerMiner)") }
    fraction(minerSellFraction, "miner_sell_fraction")
    fraction(ownerSellFraction, "owner_sell_fraction")
    fraction(validatorSellFraction, "validator_sell_fraction")
    if exitWindowDays < 1 { out.append("economics.exit_window_days must be ≥ 1, got \(exitWindowDays)") }
    if !(entryMargin.isFinite && entryMargin >= 0) { out.append("economics.entry_margin must be ≥ 0, got \(entryMargin)") }
    if maxEntriesPerActivation < 0 { out.append("economics.max_entries_per_activation must be ≥ 0") }
    if intervalBlocks < 1 { out.append("economics.interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    return out
  }
}
