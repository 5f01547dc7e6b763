import Emission
import NetworkModel
import SimCore

/// Bookkeeping for the yield columns (``YieldTotals``): added to once per epoch, after the
/// distribution of spec §8.2; recording only reads it.
extension World {
  /// Carries the root-stake integral on to the current block at the root stake held since the
  /// last epoch (called before an epoch's root claims compound).
  mutating func addRootStakeTime() {
    yieldTotals = yieldTotals.integrated(to: state.block, rootStake: FixedMath.tokens(state.totalRootStake))
  }

  /// Adds one epoch of subnet `s` (already distributed per `plan`; `rootTao` rao received by root
  /// stakers for their claims): the alpha compounded to the permit holders' stakers after take,
  /// their alpha stake at the epoch, its log TAO growth since the subnet's previous epoch and the root TAO.
  mutating func addYields(_ s: Subnet, plan: DistributionPlan, rootTao: UInt64) {
    let index = s.id.index
    var stake = 0.0
    var earned = 0.0
    for uid in 0..<s.n where s.chain.validatorPermit[uid] {
      stake += FixedMath.tokens(s.chain.alphaStake[uid])
      earned += FixedMath.tokens(plan.validatorCompound[uid])
    }
    let price = s.spotPrice
    let tempo = Double(max(1, s.hyper.tempo))
    yieldTotals.rootTao += FixedMath.tokens(rootTao)
    if stake > 0 {
      yieldTotals.alphaEarned += earned * price
      yieldTotals.alphaStakeBlocks += stake * price * tempo
      let previous = runtimes[index].yieldLastPrice
      if previous > 0 {
        yieldTotals.taoGain += stake * previous * RealMath.log((stake + earned) * price / (stake * previous))
        yieldTotals.taoStakeBlocks += stake * previous * tempo
      }
    }
    runtimes[index].yieldLastPrice = price
  }
}
