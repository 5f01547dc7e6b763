import NetworkModel
import SimCore
import Simulation

/// What the network pays for its miners' compute: the TAO its working miners earn per day and
/// that TAO per GPU-hour they supply, in USD, so that "30–50 % cheaper than cloud" can be tested
/// against `economics.gpu_hour_usd` (`docs/calibration.md`, "Sellers and miner economics").
public struct ComputePrice: Sendable, Equatable {
  /// TAO paid to working miners per day at the last epochs' rate (TAO/day).
  public var minerTaoPerDay: Double = 0
  /// ``minerTaoPerDay`` × `economics.tao_usd` ÷ (working miners × `economics.gpus_per_miner` × 24),
  /// USD per GPU-hour; `nil` with no GPU-hours supplied.
  public var usdPerGPUHour: Double?

  public init(minerTaoPerDay: Double = 0, usdPerGPUHour: Double? = nil) {
    self.minerTaoPerDay = minerTaoPerDay
    self.usdPerGPUHour = usdPerGPUHour
  }
}

extension WorldView {
  /// The compute price: over live subnets, each working miner's (a UID whose hotkey produces
  /// utility, with or without a permit: on a subnet smaller than its validator limit staked miners
  /// hold permits too) last-epoch emission valued at the pool's spot price and scaled to a
  /// day (× 7 200 ÷ tempo), against 24 GPU-hours per GPU of each working miner.
  ///
  /// Complexity: O(Σ UIDs).
  public func computePrice() -> ComputePrice {
    var taoPerDay = 0.0
    var miners = 0
    for case let s? in state.subnets where !s.id.isRoot {
      let epochsPerDay = Double(SimTime.blocksPerDay) / Double(max(1, s.hyper.tempo))
      let price = s.spotPrice
      for uid in 0..<s.n where utility[s.hotkeys[uid]] > 0 {
        miners += 1
        if uid < s.lastEmission.count { taoPerDay += Double(s.lastEmission[uid]) * price * epochsPerDay }
      }
    }
    let tao = taoPerDay / 1e9
    let gpuHours = Double(miners) * config.economics.gpusPerMiner * 24
    return ComputePrice(minerTaoPerDay: tao, usdPerGPUHour: gpuHours > 0 ? tao * config.economics.taoUSD / gpuHours : nil)
  }
}
