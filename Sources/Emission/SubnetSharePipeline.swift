import NetworkModel

/// From a policy's shares to each subnet's share of the TAO block emission (spec §17.1.1).
///
/// Order: policy shares over every emit-eligible subnet (emission-disabled ones included, so they
/// occupy ranks and mass in the gate's bar) → Hill gate (``EmissionGate``) → zero the disabled
/// subnets and renormalise over the enabled ones (spec §9.2, S425 `subnet_emissions.rs:34-76`).
/// Pure: the World keeps the bar and applies the shares.
public enum SubnetSharePipeline {
  /// Step 5: if any subnet is disabled, share_i = ŝ_i / Σ_enabled ŝ for enabled i (0 if that sum is
  /// 0) and 0 for disabled ones; otherwise the input.
  public static func enabledOnly(_ shares: [Double], enabled: [Bool]) -> [Double] {
    guard enabled.contains(false) else { return shares }
    var total = 0.0
    for i in shares.indices where enabled[i] { total += shares[i] }
    guard total > 0, total.isFinite else { return [Double](repeating: 0, count: shares.count) }
    return shares.indices.map { enabled[$0] ? shares[$0] / total : 0 }
  }

  /// Runs the whole pipeline on `snapshot`.
  ///
  /// - Parameters:
  ///   - policy: The subnet emission policy; it is shown every subnet as enabled.
  ///   - gate: The gate (``EmissionGate/off`` for the eras before 2026-07-27).
  ///   - bar: θ before this evaluation (0 = none yet).
  ///   - recomputeBar: Whether the bar is due (``EmissionGate/barDue(bar:block:previous:)``).
  /// - Returns: Shares parallel to `snapshot.subnets` and the bar to keep.
  public static func evaluate(
    policy: any SubnetEmissionPolicy, snapshot: EmissionSnapshot, gate: EmissionGate, bar: Double,
    recomputeBar: Bool
  ) -> EmissionGate.Outcome {
    var eligible = snapshot
    for k in eligible.subnets.indices { eligible.subnets[k].emissionEnabled = true }
    let raw = policy.shares(eligible)
    let gated = gate.apply(raw, bar: bar, recomputeBar: recomputeBar)
    return EmissionGate.Outcome(
      shares: enabledOnly(gated.shares, enabled: snapshot.subnets.map(\.emissionEnabled)), bar: gated.bar)
  }
}
