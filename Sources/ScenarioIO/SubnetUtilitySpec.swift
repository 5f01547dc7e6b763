import Agents

/// The `subnet_utility` block: how subnets differ in the value their miners produce
/// (``SubnetUtilityParameters``). Absent = every subnet alike; outside documentation mode the
/// block is read only when written, so scenarios without it resolve exactly as before.
enum SubnetUtilitySpec {
  static func read(_ reader: ObjectReader) -> SubnetUtilityParameters {
    reader.optionalObject("subnet_utility",
      doc: "per-subnet latent utility: a heavy-tailed scale, spread and drift per subnet, and emission-capture subnets (default: subnets alike)") { r in
      var p = SubnetUtilityParameters()
      p.scale = r.tagged("scale", doc: "distribution of each subnet's utility scale U_s (miner utility = U_s · d^k_s)",
        default: "constant", variants: UtilityDistributionSpec.variants) ?? p.scale
      p.spreadSigma = r.number("spread_sigma", default: p.spreadSigma, in: .closed(0, 5),
        doc: "σ of log k_s, the per-subnet exponent on miners' utility draws (their spread)")
      p.driftSigma = r.number("drift_sigma", default: p.driftSigma, in: .closed(0, 1),
        doc: "σ of the per-subnet drift δ_s of log utility per miner update (miners.update_interval_blocks)")
      p.captureShare = r.number("capture_share", default: p.captureShare, in: .closed(0, 1),
        doc: "probability that a subnet is an emission-capture subnet (utility scale capture_scale)")
      p.captureScale = r.number("capture_scale", default: p.captureScale, in: .closed(0, 1e12),
        doc: "utility scale U_s of an emission-capture subnet (near zero)")
      return p
    } ?? SubnetUtilityParameters()
  }
}
