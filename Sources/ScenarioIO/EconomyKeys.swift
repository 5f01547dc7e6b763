import Agents

/// The `stakers:` and `economics:` blocks: TAO holders who follow yield and utility
/// (``YieldStakerParameters``) and miners who pay for compute, with the owners and validators who
/// sell (``EconomicsParameters``). Both default to off, so a scenario without them keeps its
/// meaning; like every key, each enters the resolved scenario with its value.
enum EconomyKeys {
  static func readStakers(_ reader: ObjectReader) -> YieldStakerParameters {
    reader.object("stakers", doc: "TAO holders who move their stake across subnets by expected yield and perceived utility, with noise, inertia and the pools' costs") { r in
      var p = YieldStakerParameters()
      p.count = r.integer("count", default: p.count, in: 0...100_000, unit: "stakers", doc: "number of stakers (0 = none; each keeps its own random stream and positions, about 10 KB)")
      p.stakeShare = r.number("stake_share", default: p.stakeShare, in: .closed(0, 1), unit: "share",
        doc: "share of each genesis validator's own alpha stake held by the stakers instead (ownership only; staker k starts on subnet k mod n + 1)")
      p.intervalBlocks = Int64(r.integer("interval_blocks", default: Int(p.intervalBlocks), in: 1...100_000_000,
        unit: "blocks", doc: "blocks between the stakers' activations"))
      p.reconsiderFraction = r.number("reconsider_fraction", default: p.reconsiderFraction, in: .closed(0, 1), unit: "share",
        doc: "share of stakers who reconsider their subnet at each activation (inertia)")
      p.yieldWeight = r.number("yield_weight", default: p.yieldWeight, in: .closed(0, 100),
        doc: "weight of a subnet's trailing validator yield (alpha APR after take) in its expected annual return")
      p.utilityWeight = r.number("utility_weight", default: p.utilityWeight, in: .closed(0, 100), unit: "1/year",
        doc: "weight of ln(subnet utility ÷ mean subnet utility), clamped to [-3, 3], in the expected annual return")
      p.noise = r.number("noise", default: p.noise, in: .closed(0, 100), unit: "1/year",
        doc: "σ of each staker's own Gaussian noise on each subnet's expected annual return")
      p.horizonDays = r.number("horizon_days", default: p.horizonDays, in: .closed(0.001, 100_000), unit: "days",
        doc: "days over which a move's expected gain is weighed against the cost of unstaking and restaking (fees and slippage of both pools)")
      p.hurdle = r.number("hurdle", default: p.hurdle, in: .closed(0, 10), unit: "share",
        doc: "extra expected gain a move must clear, as a share of the stake moved")
      p.yieldMemoryDays = r.number("yield_memory_days", default: p.yieldMemoryDays, in: .closed(0.001, 100_000), unit: "days",
        doc: "days of the exponential memory of each subnet's trailing yield")
      return p
    }
  }

  static func readEconomics(_ reader: ObjectReader) -> EconomicsParameters {
    reader.object("economics", doc: "miners' compute costs, entry and exit, and the alpha miners, owners and validators sell") { r in
      var p = EconomicsParameters()
      p.enabled = r.boolean("enabled", default: p.enabled, doc: "whether miners pay for compute and earners sell (off = nobody sells)")
      p.gpuHourUSD = r.number("gpu_hour_usd", default: p.gpuHourUSD, in: .closed(0.000001, 1_000_000), unit: "USD",
        doc: "a miner's cost per GPU-hour (default: the low end of the $1.20–8.00 quoted for AWS SageMaker)")
      p.taoUSD = r.number("tao_usd", default: p.taoUSD, in: .closed(0.000001, 1_000_000_000), unit: "USD",
        doc: "TAO/USD price, constant over the run (assumed)")
      p.gpusPerMiner = r.number("gpus_per_miner", default: p.gpusPerMiner, in: .closed(0, 1_000_000), unit: "GPUs",
        doc: "GPUs a working miner keeps busy around the clock")
      p.minerSellFraction = r.number("miner_sell_fraction", default: p.minerSellFraction, in: .closed(0, 1), unit: "share",
        doc: "share of the alpha a miner earns beyond its compute bill that it also sells")
      p.ownerSellFraction = r.number("owner_sell_fraction", default: p.ownerSellFraction, in: .closed(0, 1), unit: "share",
        doc: "share of the owner cut a subnet owner sells")
      p.validatorSellFraction = r.number("validator_sell_fraction", default: p.validatorSellFraction, in: .closed(0, 1), unit: "share",
        doc: "share of its own earnings (take and dividends on its own stake) an honest validator sells")
      p.exitWindowDays = r.integer("exit_window_days", default: p.exitWindowDays, in: 1...100_000, unit: "days",
        doc: "consecutive loss-making days after which a miner stops working")
      p.entryMargin = r.number("entry_margin", default: p.entryMargin, in: .closed(0, 1_000), unit: "share",
        doc: "a new miner registers while the median working miner's revenue exceeds the cost by this margin")
      p.maxEntriesPerActivation = r.integer("max_entries_per_activation", default: p.maxEntriesPerActivation, in: 0...4_096,
        unit: "miners", doc: "the most new miners one subnet admits per activation")
      p.maxBurn = ModelSpec.tao(r, "max_burn_tao", p.maxBurn, doc: "the most an entering miner pays to register")
      p.intervalBlocks = Int64(r.integer("interval_blocks", default: Int(p.intervalBlocks), in: 1...100_000_000,
        unit: "blocks", doc: "blocks between each subnet economy's activations"))
      return p
    }
  }
}
