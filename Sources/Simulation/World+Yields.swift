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
    network.book(into: &yieldTotals, price: price, previous: previous, tempo: tempo, rootTao: tao)
    for (role, epoch) in classes {
      let k = yieldTotals.addClass(role.description)
      let share = claimed > 0 ? tao * epoch.claim / claimed : 0
      epoch.book(into: &yieldTotals.byClass[k].totals, price: price, previous: previous, tempo: tempo, rootTao: share)
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
  /// epoch `price`, after its previous epoch `previous` (0 before its first) and tempo `tempo`.
  func book(into totals: inout YieldTotals, price: Double, previous: Double, tempo: Double, rootTao: Double) {
    totals.rootTao += rootTao
    guard stake > 0 else { return }
    totals.alphaEarned += earned * price
    totals.alphaStakeBlocks += stake * price * tempo
    if previous > 0 {
      totals.taoGain += stake * previous * RealMath.log((stake + earned) * price / (stake * previous))
      totals.taoStakeBlocks += stake * previous * tempo
    }
  }
}
