import NetworkModel
import SimCore
import SimStats
import Simulation

/// Per-epoch and network-wide metrics, measured from a read-only ``WorldView`` (definitions in
/// `Records.swift`; the columns they fill in `MetricCatalog.swift`).
extension WorldView {
  /// Whether a hotkey counts as a weight copier for `copier_relative_dividend`: attacker classes
  /// whose name starts with "copier".
  static func isCopier(_ role: NeuronClass) -> Bool {
    if case .attacker(let name) = role { return name.hasPrefix("copier") }
    return false
  }

  /// Per-class validator yield of one subnet's last epoch: (class label, emission, stake) sums
  /// over permit holders, in alpha; the emission is the alpha part of the dividends only, so it
  /// covers the same stake as the denominator.
  func classYieldSums(_ index: Int) -> [(label: String, emission: Double, stake: Double)] {
    guard let s = state.subnets[index] else { return [] }
    let paid = lastValidatorEmission(index)
    var classes: [NeuronClass] = []
    var emission: [Double] = []
    var stake: [Double] = []
    for uid in 0..<s.n where s.chain.validatorPermit[uid] {
      let role = state.hotkeys[s.hotkeys[uid].index].role
      let k: Int
      if let found = classes.firstIndex(of: role) { k = found } else {
        classes.append(role)
        emission.append(0)
        stake.append(0)
        k = classes.count - 1
      }
      // The alpha part of the dividend, val·α/(α + τt) (spec §8.2 step 4): the root part is paid
      // to root stake, which is not in the denominator.
      let alpha = Double(s.chain.alphaStake[uid])
      let weight = alpha + state.chain.tau * Double(s.chain.rootStake[uid])
      let dividend = uid < paid.count ? Double(paid[uid]) : 0
      emission[k] += weight > 0 ? dividend * alpha / weight : 0
      stake[k] += alpha
    }
    let labels = classes.map(\.description)
    let order = labels.indices.sorted { labels[$0] < labels[$1] }
    return order.map { (labels[$0], emission[$0], stake[$0]) }
  }

  /// (1 + r)^(epochs per year) − 1.
  static func annualise(_ r: Double, tempo: Int64) -> Double {
    guard r.isFinite, r > -1 else { return 0 }
    return RealMath.pow(1 + r, Double(SimTime.blocksPerYear) / Double(max(1, tempo))) - 1
  }

  /// The fewest miners a subnet needs for its utility–incentive correlation to be recorded.
  static let minimumMinersForCorrelation = 10

  /// The Spearman correlation of miners' (non-permit UIDs') utility and incentive share; `nil` with
  /// fewer than ``minimumMinersForCorrelation`` miners, where a rank correlation says little.
  func spearman(_ index: Int) -> Double? {
    guard let s = state.subnets[index] else { return nil }
    var u: [Double] = []
    var inc: [Double] = []
    for uid in 0..<s.n where !s.chain.validatorPermit[uid] {
      u.append(utility[s.hotkeys[uid]])
      inc.append(uid < s.lastIncentiveShare.count ? s.lastIncentiveShare[uid] : 0)
    }
    guard u.count >= Self.minimumMinersForCorrelation else { return nil }
    return Statistics.spearman(u, inc)
  }

  /// Copier dividend per unit stake ÷ median honest-validator dividend per unit stake.
  func copierRelativeDividend(_ index: Int) -> Double? {
    guard let s = state.subnets[index] else { return nil }
    let paid = lastValidatorEmission(index)
    var copierDividend = 0.0
    var copierStake = 0.0
    var honest: [Double] = []
    for uid in 0..<s.n {
      let role = state.hotkeys[s.hotkeys[uid].index].role
      let stake = Double(s.chain.alphaStake[uid]) + state.chain.tau * Double(s.chain.rootStake[uid])
      let dividend = uid < paid.count ? Double(paid[uid]) : 0
      if Self.isCopier(role) {
        copierDividend += dividend
        copierStake += stake
      } else if role == .honestValidator, s.chain.validatorPermit[uid], stake > 0 {
        honest.append(dividend / stake)
      }
    }
    guard copierStake > 0, let median = Concentration.median(honest), median > 0 else { return nil }
    return (copierDividend / copierStake) / median
  }

  /// The subnet's record after its last epoch.
  public func subnetRecord(_ index: Int) -> SubnetEpochRecord {
    let s = state.subnets[index]!
    let paid = lastValidatorEmission(index)
    let wasActive = lastActive(index)
    let tau = state.chain.tau
    var permitStake: [Double] = []
    var permitDividends: [Double] = []
    var active = 0
    var miners = 0
    var honestEmission = 0.0
    var attackerEmission = 0.0
    var totalEmission = 0.0
    var attackerStake = 0.0
    var totalStake = 0.0
    for uid in 0..<s.n {
      let role = state.hotkeys[s.hotkeys[uid].index].role
      let stake = Double(s.chain.alphaStake[uid]) + tau * Double(s.chain.rootStake[uid])
      let e = Double(s.lastEmission[uid])
      totalEmission += e
      totalStake += stake
      if role.isHonest { honestEmission += e }
      if role.isAttacker {
        attackerEmission += e
        attackerStake += stake
      }
      if s.chain.validatorPermit[uid] {
        permitStake.append(stake)
        permitDividends.append(Double(paid[uid]))
        if wasActive[uid] { active += 1 }
      } else if utility[s.hotkeys[uid]] > 0 {
        miners += 1
      }
    }
    let apy = classYieldSums(index).map {
      ClassYield(neuronClass: $0.label, apy: $0.stake > 0 ? Self.annualise($0.emission / $0.stake, tempo: s.hyper.tempo) : 0)
    }
    var record = SubnetEpochRecord(
      block: state.block, subnet: index, epochIndex: s.epochIndex, emissionShare: share(index), spotPrice: s.spotPrice,
      emaPrice: s.emaPrice, taoReserve: FixedMath.tokens(s.pool.taoReserve),
      alphaReserve: FixedMath.tokens(s.pool.alphaReserve), alphaIssuance: FixedMath.tokens(s.alphaIssuance),
      epochEmission: FixedMath.tokens(lastEpochAmount(index)), ownerCut: FixedMath.tokens(lastOwnerCut(index)),
      burnPrice: FixedMath.tokens(s.burn.price(at: state.block, s.hyper)), uids: s.n,
      validatorCount: permitStake.count, activeValidators: active, minerCount: miners,
      stake: Concentration.summary(permitStake), top10DividendShare: Concentration.summary(permitDividends).topShare,
      spearmanUtilityIncentive: spearman(index),
      honestEmissionShare: totalEmission > 0 ? honestEmission / totalEmission : 0,
      attackerEmissionShare: totalEmission > 0 ? attackerEmission / totalEmission : 0,
      attackerStakeShare: totalStake > 0 ? attackerStake / totalStake : 0,
      copierRelativeDividend: copierRelativeDividend(index), apy: apy, minerBurnedFraction: s.minerBurnedFraction)
    for h in s.hotkeys { record.subnetUtility += utility[h] }
    return record
  }

  /// One record per UID of the subnet.
  public func neuronRecords(_ index: Int) -> [NeuronRecord] {
    let s = state.subnets[index]!
    let wasActive = lastActive(index)
    return (0..<s.n).map { uid in
      let h = s.hotkeys[uid]
      let hk = state.hotkeys[h.index]
      return NeuronRecord(
        block: state.block, subnet: index, uid: uid, hotkey: h.rawValue, coldkey: hk.owner.rawValue,
        neuronClass: hk.role.description, alphaStake: FixedMath.tokens(s.chain.alphaStake[uid]),
        rootStake: FixedMath.tokens(s.chain.rootStake[uid]), utility: utility[h],
        incentive: s.lastIncentiveShare[uid], dividends: s.lastDividendShare[uid],
        emission: FixedMath.tokens(s.lastEmission[uid]), validatorPermit: s.chain.validatorPermit[uid],
        active: wasActive[uid], registeredAt: s.chain.registrationBlock[uid])
    }
  }

  /// The network-wide record of the state as it stands (the World hands a view of its accrual
  /// projection, so reserves and prices include accrued emission).
  public func networkRecord() -> NetworkEpochRecord {
    let hotkeyCount = state.hotkeys.count
    var stakeValue = [Double](repeating: 0, count: hotkeyCount)
    var dividendValue = [Double](repeating: 0, count: hotkeyCount)
    var isValidator = [Bool](repeating: false, count: hotkeyCount)
    var isMiner = [Bool](repeating: false, count: hotkeyCount)
    var alphaValue = 0.0
    var honestEmission = 0.0
    var attackerEmission = 0.0
    var totalEmission = 0.0
    var spearmans: [Double] = []
    var copiers: [Double] = []
    var shareList: [SubnetShare] = []
    for index in state.subnets.indices {
      guard let s = state.subnets[index] else { continue }
      shareList.append(SubnetShare(subnet: index, share: share(index)))
      let paid = lastValidatorEmission(index)
      let price = s.spotPrice
      alphaValue += Double(s.totalStaked) / 1e9 * price
      for uid in 0..<s.n {
        let h = s.hotkeys[uid].index
        let role = state.hotkeys[h].role
        let e = Double(s.lastEmission[uid]) * price
        totalEmission += e
        if role.isHonest { honestEmission += e }
        if role.isAttacker { attackerEmission += e }
        if s.chain.validatorPermit[uid] {
          isValidator[h] = true
          stakeValue[h] += Double(s.chain.alphaStake[uid]) * price
          dividendValue[h] += Double(paid[uid]) * price
        } else if utility.utility[h] > 0 {
          isMiner[h] = true
        }
      }
      if let rho = spearman(index) { spearmans.append(rho) }
      if let c = copierRelativeDividend(index) { copiers.append(c) }
    }
    var validatorStake: [Double] = []
    var validatorDividends: [Double] = []
    var attackerStake = 0.0
    var totalStake = 0.0
    var validators = 0
    var miners = 0
    for h in 0..<hotkeyCount {
      let root = Double(state.rootStake(of: HotkeyID(h)))
      if isValidator[h] {
        validators += 1
        validatorStake.append(stakeValue[h] + root)
        validatorDividends.append(dividendValue[h])
      }
      if isMiner[h] && !isValidator[h] { miners += 1 }
      totalStake += stakeValue[h] + root
      if state.hotkeys[h].role.isAttacker { attackerStake += stakeValue[h] + root }
    }
    let spearmanMean = spearmans.isEmpty ? nil : spearmans.reduce(0, +) / Double(spearmans.count)
    return NetworkEpochRecord(
      block: state.block, issuance: FixedMath.tokens(state.taoIssuance),
      blockEmission: FixedMath.tokens(blockEmission), subnetCount: state.subnetCount,
      validatorCount: validators, minerCount: miners, rootStake: FixedMath.tokens(state.totalRootStake),
      alphaStakeValue: alphaValue, stake: Concentration.summary(validatorStake),
      top10DividendShare: Concentration.summary(validatorDividends).topShare,
      honestEmissionShare: totalEmission > 0 ? honestEmission / totalEmission : 0,
      attackerEmissionShare: totalEmission > 0 ? attackerEmission / totalEmission : 0,
      attackerStakeShare: totalStake > 0 ? attackerStake / totalStake : 0, spearmanUtilityIncentive: spearmanMean,
      copierRelativeDividend: Concentration.median(copiers), emissionShares: shareList,
      rootSell: rootSell,
      yields: yieldTotals, centralisation: centralisation(), subnetFairness: subnetFairness(),
      computePrice: computePrice())
  }
}
