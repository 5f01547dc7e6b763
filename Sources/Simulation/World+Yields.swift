import Emission
import NetworkModel
import SimCore

/// Bookkeeping for the yield columns (``YieldTotals``): added to once per epoch, after the
/// distribution of spec §8.2; recording only reads it.
extension World {
  /// Whether a hotkey of `role` has per-class yield totals: honest validators and attackers.
  static func hasClassYields(_ role: NeuronClass) -> Bool { role == .honestValidator || role.isAttacker }

  /// Σ root stake (TAO) on the hotkeys of each validator class, in root-pool order of first
  /// appearance (O(root pools)).
  func classRootStake() -> [(label: String, tao: Double)] {
    var sums: [(label: String, tao: Double)] = []
    for pool in state.rootPools where pool.amount > 0 {
      let role = state.hotkeys[pool.hotkey.index].role
      guard Self.hasClassYields(role) else { continue }
      let label = role.description
      if let k = sums.firstIndex(where: { $0.label == label }) {
        sums[k].tao += FixedMath.tokens(pool.amount)
      } else {
        sums.append((label, FixedMath.tokens(pool.amount)))
      }
    }
    return sums
  }

  /// The slot of validator class `label` in ``SubnetRuntime/yieldLastClassValue`` (a new
  /// label gets the next one).
  mutating func yieldClassSlot(_ label: String) -> Int {
    if let k = yieldClassSlots[label] { return k }
    let k = yieldClassSlots.count
    yieldClassSlots[label] = k
    return k
  }

  /// The yield totals with every root-stake integral carried on to the current block.
  var yieldTotalsNow: YieldTotals {
    yieldTotals.integrated(
      to: state.block, rootStake: FixedMath.tokens(state.totalRootStake), classRootStake: classRootStake())
  }

  /// Carries the root-stake integrals on to the current block at the root stake held since the
  /// last epoch (called before an epoch's root claims compound).
  mutating func addRootStakeTime() { yieldTotals = yieldTotalsNow }

  /// Adds one epoch of subnet `s` (already distributed per `plan`; `rootTao` rao received by root
  /// stakers for their claims): the alpha compounded to the permit holders' stakers after take,
  /// their alpha stake at the epoch, its log TAO growth since the subnet's previous epoch and the
  /// root TAO — network-wide and per validator class (a class's root TAO is `rootTao` split by
  /// its share of the claimed alpha).
  mutating func addYields(_ s: Subnet, plan: DistributionPlan, rootTao: UInt64) {
    let index = s.id.index
    let price = s.spotPrice
    let previous = runtimes[index].yieldLastPrice
    let tempo = Double(max(1, s.hyper.tempo))
    var network = EpochYield()
    var classes: [(role: NeuronClass, yield: EpochYield)] = []
    var claimed = 0.0
    for uid in 0..<s.n {
      // A UID without a permit and without a root claim adds only zeros (+0 leaves every sum as
      // it is: the sums start at +0 and add non-negative terms) and is no class's holder.
      guard s.chain.validatorPermit[uid] || plan.rootClaim[uid] > 0 else { continue }
      let role = state.hotkeys[s.hotkeys[uid].index].role
      let claim = FixedMath.tokens(plan.rootClaim[uid])
      claimed += claim
      var epoch = EpochYield()
      if s.chain.validatorPermit[uid] {
        epoch.stake = FixedMath.tokens(s.chain.alphaStake[uid])
        epoch.earned = FixedMath.tokens(plan.validatorCompound[uid])
      }
      epoch.claim = claim
      network.add(epoch)
      guard Self.hasClassYields(role), epoch.stake > 0 || claim > 0 else { continue }
      if let k = classes.firstIndex(where: { $0.role == role }) {
        classes[k].yield.add(epoch)
      } else {
        classes.append((role, epoch))
      }
    }
    let tao = FixedMath.tokens(rootTao)
    let block = state.block
    // The other subnets' last positions, summed in netuid order, read in place (an element
    // access would copy each runtime).
    var others = 0.0
    runtimes.withUnsafeBufferPointer { r in
      for k in r.indices where k != index { others += r[k].yieldLastValue }
    }
    runtimes[index].yieldLastValue = network.book(
      into: &yieldTotals, price: price, previous: previous, tempo: tempo, rootTao: tao, others: others, block: block)
    for (role, epoch) in classes {
      let label = role.description
      let k = yieldTotals.addClass(label)
      let share = claimed > 0 ? tao * epoch.claim / claimed : 0
      let slot = yieldClassSlot(label)
      var classOthers = 0.0
      runtimes.withUnsafeBufferPointer { r in
        for j in r.indices where j != index {
          classOthers += slot < r[j].yieldLastClassValue.count ? r[j].yieldLastClassValue[slot] : 0
        }
      }
      if runtimes[index].yieldLastClassValue.count <= slot {
        runtimes[index].yieldLastClassValue += Array(repeating: 0, count: slot + 1 - runtimes[index].yieldLastClassValue.count)
      }
      runtimes[index].yieldLastClassValue[slot] = epoch.book(
        into: &yieldTotals.byClass[k].totals, price: price, previous: previous, tempo: tempo, rootTao: share,
        others: classOthers, block: block)
    }
    runtimes[index].yieldLastPrice = price
  }
}

/// One subnet epoch's yield sums over a set of UIDs (tokens).
struct EpochYield {
  /// Σ alpha stake of the permit holders at the epoch.
  var stake = 0.0
  /// Σ alpha compounded to their stakers after take.
  var earned = 0.0
  /// Σ alpha owed to root stakers after take (step 7).
  var claim = 0.0

  mutating func add(_ other: EpochYield) {
    stake += other.stake
    earned += other.earned
    claim += other.claim
  }

  /// Adds these sums to `totals` (``YieldTotals`` field docs) at the subnet's spot price after the
  /// epoch `price`, after its previous epoch `previous` (0 before its first) and tempo `tempo`, at
  /// `block`; `others` is the rest of the portfolio (the other subnets' positions at their last
  /// epochs, TAO). Returns this subnet's position after the epoch (TAO) for the next chain link.
  func book(
    into totals: inout YieldTotals, price: Double, previous: Double, tempo: Double, rootTao: Double, others: Double,
    block: Int64
  ) -> Double {
    totals.rootTao += rootTao
    guard stake > 0 else { return 0 }
    totals.alphaEarned += earned * price
    totals.alphaStakeBlocks += stake * price * tempo
    let before = others + stake * previous
    if let clock = totals.taoClock {
      if previous > 0, before > 0 {
        totals.taoGain += RealMath.log((others + (stake + earned) * price) / before)
        totals.taoBlocks += block - clock
        totals.taoClock = block
      }
    } else {
      totals.taoClock = block
    }
    return (stake + earned) * price
  }
}
