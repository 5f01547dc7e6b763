import NetworkModel
import SimStats
import Simulation

/// Centralisation of validator stake and fairness of emission across subnets, measured from a
/// read-only ``WorldView`` (definitions in ``Centralisation`` and ``SubnetFairness``).
extension WorldView {
  /// Whether UID `uid` of `s` counts as a validator here: a permit that is neither a subnet
  /// owner's forced one nor an honest miner's (permits beyond the staked validators reach miners,
  /// whose stake is their own staked emission), and stake weight above zero.
  static func isStakedValidator(_ s: Subnet, uid: Int, role: NeuronClass, weight: Double) -> Bool {
    s.chain.validatorPermit[uid] && role != .owner && role != .honestMiner && weight > 0
  }

  /// Network-wide and per-subnet centralisation of the staked, non-owner validators.
  public func centralisation() -> Centralisation {
    let tau = state.chain.tau
    var alphaValue = [Double](repeating: 0, count: state.hotkeys.count)
    var isValidator = [Bool](repeating: false, count: state.hotkeys.count)
    var subnetTop10: [Double] = []
    var subnetNakamoto: [Double] = []
    for index in state.subnets.indices {
      guard let s = state.subnets[index] else { continue }
      var weights: [Double] = []
      for uid in 0..<s.n {
        let h = s.hotkeys[uid].index
        let alpha = Double(s.chain.alphaStake[uid])
        let weight = alpha + tau * Double(s.chain.rootStake[uid])
        guard Self.isStakedValidator(s, uid: uid, role: state.hotkeys[h].role, weight: weight) else { continue }
        weights.append(weight)
        isValidator[h] = true
        alphaValue[h] += alpha * s.spotPrice
      }
      guard !weights.isEmpty else { continue }
      let summary = Concentration.summary(weights)
      subnetTop10.append(summary.topShare)
      subnetNakamoto.append(Double(summary.nakamoto))
    }
    var hotkeyValue: [Double] = []
    var entityValue = [Double](repeating: 0, count: state.coldkeys.count)
    for h in state.hotkeys.indices where isValidator[h] {
      let value = alphaValue[h] + Double(state.rootStake(of: HotkeyID(h)))
      hotkeyValue.append(value)
      entityValue[state.hotkeys[h].owner.index] += value
    }
    return Centralisation(
      hotkeys: Concentration.summary(hotkeyValue), entities: Concentration.summary(entityValue.filter { $0 > 0 }),
      subnetTop10Median: Concentration.median(subnetTop10), subnetTop10Max: subnetTop10.max(),
      subnetNakamotoMedian: Concentration.median(subnetNakamoto), subnetNakamotoMax: subnetNakamoto.max())
  }

  /// Emission shares of the live subnets against their utility (Σ latent utility of each subnet's
  /// registered hotkeys, as `subnet_utility`).
  public func subnetFairness() -> SubnetFairness {
    var shares: [Double] = []
    var utilities: [Double] = []
    var capture = 0.0
    for index in state.subnets.indices {
      guard let s = state.subnets[index] else { continue }
      let share = share(index)
      var u = 0.0
      for h in s.hotkeys { u += utility[h] }
      shares.append(share)
      utilities.append(u)
      if isCaptureSubnet(index) { capture += share }
    }
    let totalShare = shares.reduce(0, +)
    let totalUtility = utilities.reduce(0, +)
    var perUtility: [Double] = []
    for (share, u) in zip(shares, utilities) where u > 0 { perUtility.append(share / (u / totalUtility)) }
    let summary = Concentration.summary(shares)
    var fairness = SubnetFairness(
      spearman: Statistics.spearman(shares, utilities), kendall: Statistics.kendallTauB(shares, utilities), gini: summary.gini,
      hhi: summary.hhi, captureShare: totalShare > 0 ? capture / totalShare : 0,
      emissionPerUtilityCV: Statistics.coefficientOfVariation(perUtility))
    let largest = shares.sorted(by: >).prefix(32).reduce(0, +)
    fairness.top32Share = totalShare > 0 ? largest / totalShare : 0
    return fairness
  }
}
