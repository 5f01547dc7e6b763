import Consensus
import NetworkModel
import SimCore

/// Parameters of honest validators' weight setting.
public struct HonestValidatorParameters: Sendable, Equatable, Hashable {
  /// Subjectivity noise σ_W relative to the mean (spec §15.3): validator i weights miner j by
  /// u_j · max(0, 1 + σ_W·ε_ij), ε_ij ~ N(0, 1). Default 0.2.
  public var weightSigma: Double = 0.2
  /// Blocks between weight submissions (default 360 = one tempo). Should be ≥ the subnet's
  /// weights rate limit (100) or submissions are refused.
  public var weightIntervalBlocks: Int64 = 360
  /// Blocks after which a validator redraws all its noise terms; 0 = never (persistent
  /// subjectivity: ε_ij is drawn once per validator–miner pair, and again when the UID changes
  /// hands). Default 0.
  public var noiseRefreshBlocks: Int64 = 0

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if !(weightSigma.isFinite && weightSigma >= 0) { out.append("validators.weight_sigma must be ≥ 0, got \(weightSigma)") }
    if weightIntervalBlocks < 1 { out.append("validators.weight_interval_blocks must be ≥ 1, got \(weightIntervalBlocks)") }
    if noiseRefreshBlocks < 0 { out.append("validators.noise_refresh_blocks must be ≥ 0, got \(noiseRefreshBlocks)") }
    return out
  }
}

/// The honest validators of one subnet: each weights the miners it observes, with its own
/// persistent subjectivity noise, at a fixed cadence, by `set_weights` or a commit (spec §3.5,
/// §10).
///
/// Cost model: a validator's noise term per miner slot is drawn once (and again only when the slot
/// changes hands or at a noise refresh), and its row is recomputed only when the subnet's utility
/// view changed since its last submission; otherwise the cached row is re-submitted (which keeps
/// the validator active). This replaces a fresh Gaussian per validator–miner pair per epoch
/// (≈ 15·10⁹ draws a year for the full network) by draws only when something changed.
///
/// Each validator draws from its own stream keyed by (subnet, hotkey), so adding any other agent
/// never changes its noise.
public struct HonestValidators: AgentStrategy {
  public let kind = "honest-validators"
  /// The subnet.
  public let subnet: SubnetID
  /// Parameters.
  public let parameters: HonestValidatorParameters
  let cadence: Cadence
  let streams: StreamFactory
  var memberIndex: [HotkeyID: Int] = [:]
  var memberOfUID: [Int] = []
  var members: [Member] = []

  struct Member {
    let hotkey: HotkeyID
    let stream: RandomStream
    var noise: [Double] = []
    var noiseOwner: [Int64] = []  // registration block of the slot's holder when its noise was drawn
    var lastVersion: UInt64 = .max
    var lastRefresh: Int64 = 0
    var lastUID: Int = -1
    var row: WeightVector? = nil
  }

  /// Creates the cohort; the first submission is at `phase` (a block within the first interval).
  public init(subnet: SubnetID, parameters: HonestValidatorParameters, streams: StreamFactory, phase: Int64) {
    self.subnet = subnet
    self.parameters = parameters
    self.streams = streams
    cadence = Cadence(interval: parameters.weightIntervalBlocks, phase: phase)
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    guard let s = o.network.subnets[subnet.index] else { return [] }
    let commit = s.hyper.commitRevealEnabled
    let version = subnet.index < o.utility.subnetVersion.count ? o.utility.subnetVersion[subnet.index] : 0
    var actions: [AgentAction] = []
    for uid in 0..<s.n {
      let hotkey = s.hotkeys[uid]
      guard o.network.hotkeys[hotkey.index].role == .honestValidator else { continue }
      // The chain refuses non-self weights without a permit (spec §3.5); wait for one.
      guard s.chain.validatorPermit[uid] || s.chain.ownerUID == uid else { continue }
      let m = memberSlot(hotkey, uid: uid)
      let refresh =
        parameters.noiseRefreshBlocks > 0 && o.block - members[m].lastRefresh >= parameters.noiseRefreshBlocks
      if refresh || members[m].row == nil || members[m].lastVersion != version || members[m].lastUID != uid {
        members[m].row = row(for: m, uid: uid, subnet: s, utility: o.utility, refresh: refresh, block: o.block)
        members[m].lastVersion = version
        members[m].lastUID = uid
      }
      let weights = members[m].row!
      actions.append(
        commit
          ? .commitWeights(subnet: subnet, uid: UID(uid), hotkey: hotkey, weights: weights)
          : .setWeights(subnet: subnet, uid: UID(uid), hotkey: hotkey, weights: weights))
    }
    return actions
  }

  /// The member index of `hotkey` (cached per UID; the dictionary is consulted when a UID's holder
  /// changes).
  mutating func memberSlot(_ hotkey: HotkeyID, uid: Int) -> Int {
    if uid < memberOfUID.count, memberOfUID[uid] >= 0, members[memberOfUID[uid]].hotkey == hotkey { return memberOfUID[uid] }
    let m: Int
    if let known = memberIndex[hotkey] {
      m = known
    } else {
      let entity = UInt64(subnet.rawValue) << 32 | UInt64(hotkey.rawValue)
      members.append(Member(hotkey: hotkey, stream: streams.stream("validator.noise", entity: entity)))
      m = members.count - 1
      memberIndex[hotkey] = m
    }
    if memberOfUID.count <= uid { memberOfUID.append(contentsOf: repeatElement(-1, count: uid + 1 - memberOfUID.count)) }
    memberOfUID[uid] = m
    return m
  }

  /// The validator's weights: u_j·max(0, 1 + σε_ij) over UIDs j ≠ itself with positive utility.
  mutating func row(
    for m: Int, uid self_: Int, subnet s: Subnet, utility: UtilityView, refresh: Bool, block: Int64
  ) -> WeightVector {
    let sigma = parameters.weightSigma
    if members[m].noise.count < s.n {
      let missing = s.n - members[m].noise.count
      members[m].noise.append(contentsOf: repeatElement(0, count: missing))
      members[m].noiseOwner.append(contentsOf: repeatElement(.min, count: missing))
    }
    if refresh {
      members[m].lastRefresh = block
      for j in members[m].noiseOwner.indices { members[m].noiseOwner[j] = .min }
    }
    var uids: [Int] = []
    var weights: [Double] = []
    uids.reserveCapacity(s.n)
    weights.reserveCapacity(s.n)
    for j in 0..<s.n where j != self_ {
      let u = utility[s.hotkeys[j]]
      guard u > 0 else { continue }
      if sigma > 0 && members[m].noiseOwner[j] != s.chain.registrationBlock[j] {
        members[m].noise[j] = members[m].stream.gaussian(sigma: 1)
        members[m].noiseOwner[j] = s.chain.registrationBlock[j]
      }
      let w = u * max(0, 1 + sigma * members[m].noise[j])
      guard w > 0 else { continue }
      uids.append(j)
      weights.append(w)
    }
    return WeightVector(uids: uids, weights: weights)
  }
}
