import NetworkModel
import SimCore

/// Parameters of the stake-concentration attack: whales and the delegation they attract.
public struct StakeWhaleParameters: Sendable, Equatable, Hashable {
  /// New TAO each whale brings from outside per activation and stakes to itself (rao). Default 0.
  public var whaleInflow: UInt64 = 0
  /// Whether whales re-stake any free TAO their coldkey holds (compounding). Default true.
  public var compound: Bool = true
  /// Delegators attracted per subnet (each activation each places `delegatorInflow`). Default 64.
  public var delegators: Int = 64
  /// New TAO per delegator per activation (rao). Default 10 TAO.
  public var delegatorInflow: UInt64 = 10_000_000_000
  /// Preferential-attachment exponent γ: a delegator picks permit holder i with probability
  /// ∝ stakeᵢ^γ (0 = uniform, 1 = linear preferential attachment). Default 1.
  public var attachmentExponent: Double = 1
  /// Blocks between staking rounds (inflow, compounding, delegation; default 7 200, one day).
  public var intervalBlocks: Int64 = 7_200
  /// Block of the first staking round (default 3 600).
  public var phaseBlocks: Int64 = 3_600
  /// Blocks between the whales' weight submissions (default 360, one tempo).
  public var weightIntervalBlocks: Int64 = 360

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if delegators < 0 { out.append("delegators must be ≥ 0, got \(delegators)") }
    if !(attachmentExponent.isFinite && attachmentExponent >= 0 && attachmentExponent <= 10) {
      out.append("attachment_exponent must be in [0, 10], got \(attachmentExponent)")
    }
    if intervalBlocks < 1 { out.append("interval_blocks must be ≥ 1, got \(intervalBlocks)") }
    if weightIntervalBlocks < 1 { out.append("weight_interval_blocks must be ≥ 1, got \(weightIntervalBlocks)") }
    if phaseBlocks < 0 { out.append("phase_blocks must be ≥ 0, got \(phaseBlocks)") }
    return out
  }

  /// The TAO (rao) one staking round brings in with `whales` live whales and `subnets` subnets
  /// (whale inflow plus every subnet's delegation), or `nil` when it does not fit in 64 bits.
  public func inflowPerRound(whales: Int, subnets: Int) -> UInt64? {
    let (whaleTotal, o1) = whaleInflow.multipliedReportingOverflow(by: UInt64(max(0, whales)))
    let (perSubnet, o2) = delegatorInflow.multipliedReportingOverflow(by: UInt64(max(0, delegators)))
    let (delegated, o3) = perSubnet.multipliedReportingOverflow(by: UInt64(max(0, subnets)))
    let (total, o4) = whaleTotal.addingReportingOverflow(delegated)
    return o1 || o2 || o3 || o4 ? nil : total
  }
}

/// Stake concentration: whale validators that validate honestly (weights ∝ miners' utility, no
/// noise, every `weightIntervalBlocks`), compound (re-stake everything they earn or bring) and
/// attract a crowd of delegators that follow stake by preferential attachment (probability
/// ∝ stake^γ among the subnet's permit holders), so that the rich get richer.
///
/// The whales' alpha dividends already compound in their stake pools (spec §8.2 step 6); this
/// behaviour adds outside inflow, re-staking of free TAO and the attracted delegation. Delegators
/// share the agent's coldkey (their stake is one account's); each delegator's choice is one draw
/// from the agent's `attachment` stream keyed by subnet, so other agents' draws never move.
public struct StakeWhales: AgentStrategy {
  public let kind = "whales"
  /// Parameters.
  public let parameters: StakeWhaleParameters
  /// The agent's coldkey (whales' owner and the delegators' account).
  public let coldkey: ColdkeyID
  /// The whale hotkeys.
  public let whales: [(subnet: SubnetID, hotkey: HotkeyID)]
  /// The subnets whose delegation the agent attracts.
  public let subnets: [SubnetID]
  let attachment: [RandomStream]
  let cadence: Cadence
  var nextStakingRound: Int64

  public init(
    parameters: StakeWhaleParameters, coldkey: ColdkeyID, whales: [(subnet: SubnetID, hotkey: HotkeyID)],
    subnets: [SubnetID], streams: StreamFactory, start: Int64
  ) {
    self.parameters = parameters
    self.coldkey = coldkey
    self.whales = whales
    self.subnets = subnets
    attachment = subnets.map { streams.stream("attack.whales.attachment", entity: UInt64($0.rawValue)) }
    cadence = Cadence(interval: max(1, parameters.weightIntervalBlocks), phase: start + 1)
    nextStakingRound = start + parameters.phaseBlocks
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    var actions = weights(o)
    guard o.block >= nextStakingRound else { return actions }
    nextStakingRound += max(1, parameters.intervalBlocks) * ((o.block - nextStakingRound) / max(1, parameters.intervalBlocks) + 1)
    var free = o.network.coldkeys[coldkey.index].balance
    // Whales: bring inflow and re-stake free TAO to themselves, split evenly.
    let live = whales.filter { AttackSupport.subnet(o, $0.subnet)?.uidOfHotkey[$0.hotkey] != nil }
    if parameters.whaleInflow > 0, !live.isEmpty {
      let total = Self.saturatingProduct(parameters.whaleInflow, live.count)
      actions.append(.deposit(coldkey: coldkey, tao: total))
      free = free.addingReportingOverflow(total).overflow ? .max : free + total
    }
    if parameters.compound, !live.isEmpty, free > 0 {
      let each = free / UInt64(live.count)
      for (subnet, hotkey) in live where each > 0 {
        actions.append(.addStake(coldkey: coldkey, hotkey: hotkey, subnet: subnet, tao: each))
      }
      free -= each * UInt64(live.count)
    }
    // Attracted delegators: one preferential-attachment draw each.
    guard parameters.delegators > 0, parameters.delegatorInflow > 0 else { return actions }
    for (k, subnet) in subnets.enumerated() {
      guard let s = AttackSupport.subnet(o, subnet) else { continue }
      let candidates = (0..<s.n).filter { s.chain.validatorPermit[$0] && $0 != s.chain.ownerUID }
      let tau = o.network.chain.tau
      let score = candidates.map { RealMath.pow(max(0, AttackSupport.stakeWeight(s, uid: $0, tau: tau)), parameters.attachmentExponent) }
      let total = score.reduce(0, +)
      guard total > 0 else { continue }
      actions.append(.deposit(coldkey: coldkey, tao: Self.saturatingProduct(parameters.delegatorInflow, parameters.delegators)))
      var placed = [UInt64](repeating: 0, count: candidates.count)
      for _ in 0..<parameters.delegators {
        var x = attachment[k].uniform() * total
        var pick = candidates.count - 1
        for (c, w) in score.enumerated() {
          if x < w {
            pick = c
            break
          }
          x -= w
        }
        placed[pick] = placed[pick].addingReportingOverflow(parameters.delegatorInflow).overflow
          ? .max : placed[pick] + parameters.delegatorInflow
      }
      for (c, amount) in placed.enumerated() where amount > 0 {
        actions.append(.addStake(coldkey: coldkey, hotkey: s.hotkeys[candidates[c]], subnet: subnet, tao: amount))
      }
    }
    return actions
  }

  /// `amount × count` in rao, saturating at `UInt64.max` (the World refuses a deposit larger
  /// than the TAO outside the network, so a saturated amount is refused, never wrapped).
  public static func saturatingProduct(_ amount: UInt64, _ count: Int) -> UInt64 {
    let (product, overflow) = amount.multipliedReportingOverflow(by: UInt64(max(0, count)))
    return overflow ? .max : product
  }

  /// Each whale's weights: every other UID with positive utility, in proportion to it.
  func weights(_ o: Observation) -> [AgentAction] {
    var actions: [AgentAction] = []
    for (subnet, hotkey) in whales {
      guard let s = AttackSupport.subnet(o, subnet), let uid = s.uidOfHotkey[hotkey], AttackSupport.mayWeight(s, uid: uid)
      else { continue }
      let uids = (0..<s.n).filter { $0 != uid && o.utility[s.hotkeys[$0]] > 0 }
      guard !uids.isEmpty else { continue }
      let row = WeightVector(uids: uids, weights: uids.map { o.utility[s.hotkeys[$0]] })
      actions.append(AttackSupport.submit(s, uid: uid, hotkey: hotkey, weights: row))
    }
    return actions
  }
}
