import Consensus
import NetworkModel
import SimCore

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
///
/// Validators who differ (``ValidatorProfile``): each may have its own noise level, its own
/// cadence (the cohort then wakes at the earliest validator due, and at least every `lo` blocks to
/// meet new permit holders), a stale view of utility (``StaleUtility``), a top-k row (``TopK``) or,
/// when small, a misconfigured row that ignores utility. All off by default.
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
  var wake: Int64? = nil
  var history = StaleUtility()
  /// A row's positive (uid, weight) pairs while it is built (scratch at least n long), kept
  /// between rows so that a row costs no allocation besides the stored entries.
  var rowUIDs: [Int] = []
  var rowWeights: [Double] = []

  struct Member {
    let hotkey: HotkeyID
    let stream: RandomStream
    var noise: [Double] = []
    var noiseOwner: [Int64] = []  // registration block of the slot's holder when its noise was drawn
    var lastVersion: UInt64 = .max
    var lastRefresh: Int64 = 0
    var lastUID: Int = -1
    var row: WeightVector? = nil
    var profile = ValidatorProfile()
    var fixedSet: [Int] = []
  }

  /// Creates the cohort; the first submission is at `phase` (a block within the first interval).
  public init(subnet: SubnetID, parameters: HonestValidatorParameters, streams: StreamFactory, phase: Int64) {
    self.subnet = subnet
    self.parameters = parameters
    self.streams = streams
    cadence = Cadence(interval: parameters.weightIntervalBlocks, phase: phase)
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? {
    if parameters.weightIntervalRange != nil, let wake, wake > block { return wake }
    return cadence.next(after: block)
  }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    // The subnet comes from the table's buffer; passing it on still copies it (every array
    // retained and released) once per activation.
    let index = subnet.index
    return o.network.subnets.withUnsafeBufferPointer { subnets in
      subnets[index] == nil ? [] : act(o, in: subnets[index]!)
    }
  }

  /// One activation over the observed subnet `s`.
  mutating func act(_ o: Observation, in s: Subnet) -> [AgentAction] {
    let commit = s.hyper.commitRevealEnabled
    let version = subnet.index < o.utility.subnetVersion.count ? o.utility.subnetVersion[subnet.index] : 0
    if parameters.lagShare > 0 { history.record(s, utility: o.utility, version: version, block: o.block, lag: parameters.lagBlocks) }
    let spread = parameters.weightIntervalRange
    var nextWake = spread.map { o.block + $0.lowerBound } ?? 0
    var actions: [AgentAction] = []
    actions.reserveCapacity(min(s.n, s.hyper.epoch.maxAllowedValidators + 1))
    // The current utility of each UID's holder, read once per activation for every row built
    // (the same values each row read through the hotkey's utility slot).
    var observed: [Double] = []
    for uid in 0..<s.n {
      // The chain refuses non-self weights without a permit (spec §3.5); wait for one. (Tested
      // first: the subnet's permits are at hand, a hotkey's role is a read far into the network's
      // hotkeys; both tests are pure, so their order changes nothing else.)
      guard s.chain.validatorPermit[uid] || s.chain.ownerUID == uid else { continue }
      let hotkey = s.hotkeys[uid]
      // An owner hotkey with parents (root auto-parenting, spec §17.5.3) validates honestly too.
      let role = o.network.hotkeys[hotkey.index].role
      guard role == .honestValidator || (role == .owner && !s.childKeys.parents(of: hotkey).isEmpty) else { continue }
      let m = memberSlot(hotkey, uid: uid)
      if !members[m].profile.drawn {
        members[m].profile = ValidatorProfile.draw(
          parameters, subnet: s, uid: uid, entity: members[m].stream.key.entity, streams: streams, block: o.block)
      }
      if spread != nil {
        guard members[m].profile.isDue(at: o.block) else {
          nextWake = min(nextWake, members[m].profile.nextDue)
          continue
        }
        members[m].profile.advance(from: o.block)
        nextWake = min(nextWake, members[m].profile.nextDue)
      }
      let view = members[m].profile.lagging ? history.view(before: o.block - parameters.lagBlocks) : nil
      let seen = view?.version ?? version
      let refresh =
        parameters.noiseRefreshBlocks > 0 && o.block - members[m].lastRefresh >= parameters.noiseRefreshBlocks
      if refresh || members[m].row == nil || members[m].lastVersion != seen || members[m].lastUID != uid {
        if members[m].profile.misconfigured {
          members[m].row = misconfiguredRow(for: m, uid: uid, subnet: s)
        } else if let view {
          members[m].row = row(for: m, uid: uid, subnet: s, refresh: refresh, block: o.block) { view.utility(uid: $0, subnet: s) }
        } else {
          if observed.count != s.n { observed = (0..<s.n).map { o.utility[s.hotkeys[$0]] } }
          members[m].row = row(for: m, uid: uid, subnet: s, refresh: refresh, block: o.block) { observed[$0] }
        }
        members[m].lastVersion = seen
        members[m].lastUID = uid
      }
      let weights = members[m].row!
      actions.append(
        commit
          ? .commitWeights(subnet: subnet, uid: UID(uid), hotkey: hotkey, weights: weights)
          : .setWeights(subnet: subnet, uid: UID(uid), hotkey: hotkey, weights: weights))
    }
    if spread != nil { wake = nextWake }
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
    for m: Int, uid self_: Int, subnet s: Subnet, refresh: Bool, block: Int64, utility: (Int) -> Double
  ) -> WeightVector {
    let sigma = members[m].profile.sigma
    if members[m].noise.count < s.n {
      let missing = s.n - members[m].noise.count
      members[m].noise.append(contentsOf: repeatElement(0, count: missing))
      members[m].noiseOwner.append(contentsOf: repeatElement(.min, count: missing))
    }
    if refresh {
      members[m].lastRefresh = block
      for j in members[m].noiseOwner.indices { members[m].noiseOwner[j] = .min }
    }
    // The member's noise is moved out for the loop (one access to `members` instead of three per
    // UID) and back after it.
    let stream = members[m].stream
    var noise = members[m].noise
    var noiseOwner = members[m].noiseOwner
    members[m].noise = []
    members[m].noiseOwner = []
    defer {
      members[m].noise = noise
      members[m].noiseOwner = noiseOwner
    }
    // The row is written into the scratch buffers (kept at least n long) and stored from them.
    var uids = rowUIDs
    var weights = rowWeights
    rowUIDs = []
    rowWeights = []
    if uids.count < s.n {
      uids = [Int](repeating: 0, count: s.n)
      weights = [Double](repeating: 0, count: s.n)
    }
    defer {
      rowUIDs = uids
      rowWeights = weights
    }
    let n = s.n
    let topK = parameters.topK
    return s.chain.registrationBlock.withUnsafeBufferPointer { registered in
      noise.withUnsafeMutableBufferPointer { noise in
        noiseOwner.withUnsafeMutableBufferPointer { noiseOwner in
          uids.withUnsafeMutableBufferPointer { rowUID in
            weights.withUnsafeMutableBufferPointer { rowWeight in
              var count = 0
              for j in 0..<n where j != self_ {
                let u = utility(j)
                guard u > 0 else { continue }
                if sigma > 0 && noiseOwner[j] != registered[j] {
                  noise[j] = stream.gaussian(sigma: 1)
                  noiseOwner[j] = registered[j]
                }
                let w = u * max(0, 1 + sigma * noise[j])
                guard w > 0 else { continue }
                rowUID[count] = j
                rowWeight[count] = w
                count += 1
              }
              return TopK.keep(
                topK, uids: UnsafeBufferPointer(rebasing: rowUID[0..<count]), weights: UnsafeBufferPointer(rebasing: rowWeight[0..<count]))
            }
          }
        }
      }
    }
  }
}

extension HonestValidators {
  /// A misconfigured validator's row, whatever the miners produce: uniform(0, 1) weights on every
  /// other UID (redrawn when a slot changes hands) or equal weights on a fixed set of UIDs drawn once.
  mutating func misconfiguredRow(for m: Int, uid self_: Int, subnet s: Subnet) -> WeightVector {
    guard let wrong = members[m].profile.wrongStream else { return WeightVector(uids: [], weights: []) }
    switch parameters.misconfiguredWeights {
    case .random:
      if members[m].noise.count < s.n {
        let missing = s.n - members[m].noise.count
        members[m].noise.append(contentsOf: repeatElement(0, count: missing))
        members[m].noiseOwner.append(contentsOf: repeatElement(.min, count: missing))
      }
      var uids: [Int] = []
      var weights: [Double] = []
      for j in 0..<s.n where j != self_ {
        if members[m].noiseOwner[j] != s.chain.registrationBlock[j] {
          members[m].noise[j] = wrong.uniform()
          members[m].noiseOwner[j] = s.chain.registrationBlock[j]
        }
        uids.append(j)
        weights.append(members[m].noise[j])
      }
      return WeightVector(uids: uids, weights: weights)
    case .fixedSet:
      if members[m].fixedSet.isEmpty {
        var pool = Array(0..<s.n).filter { $0 != self_ }
        let k = min(parameters.topK > 0 ? parameters.topK : 8, pool.count)
        for i in 0..<k { pool.swapAt(i, i + wrong.uniformInt(below: pool.count - i)) }
        members[m].fixedSet = pool.prefix(k).sorted()
      }
      let uids = members[m].fixedSet.filter { $0 < s.n && $0 != self_ }
      return WeightVector(uids: uids, weights: uids.map { _ in 1 })
    }
  }
}
