import NetworkModel
import Testing

@testable import Emission

@Suite("Block split (spec §8.1) and epoch distribution (spec §8.2)")
struct SplitAndDistributionTests {
  @Test func oneBlockSplitsEighteenFortyOneFortyOneWithTheRootShareTakenFromValidators() {
    let split = BlockAlphaSplit(alpha: 1_000_000_000, ownerCut: 11_796, rootProportion: 0.2, rootSell: false)
    #expect(split.owner == 179_995_422)  // ⌊10⁹ · 11796/65535⌋
    #expect(split.server == 410_002_289)  // ⌊(10⁹ − owner)/2⌋
    #expect(split.validator == 328_001_831)  // ⌊410 002 289 − 0.2 · 410 002 289⌋
    #expect(split.root == 0)
    #expect(split.recycled == 82_000_457)  // no root sell: root alpha recycled
    let sell = BlockAlphaSplit(alpha: 1_000_000_000, ownerCut: 11_796, rootProportion: 0.2, rootSell: true)
    #expect(sell.root == 82_000_457 && sell.recycled == 0)
    let noCut = BlockAlphaSplit(alpha: 1_000_000_000, ownerCut: nil, rootProportion: 0, rootSell: true)
    #expect(noCut.owner == 0 && noCut.server == 500_000_000 && noCut.validator == 500_000_000)
  }

  func inputs(
    miner: [UInt64], validator: [UInt64], alpha: [UInt64], root: [UInt64] = [0, 0, 0], owned: [Bool] = [false, false, true],
    buckets: (UInt64, UInt64, UInt64, UInt64) = (1_000, 1_000, 0, 200)
  ) -> DistributionInputs {
    DistributionInputs(
      serverBucket: buckets.0, validatorBucket: buckets.1, rootBucket: buckets.2, ownerBucket: buckets.3,
      minerEmission: miner, validatorEmission: validator, alphaStake: alpha, rootStake: root, tau: 0.18,
      take: [11_796, 11_796, 11_796], ownedBySubnetOwner: owned)
  }

  @Test func minersAreStakedOwnerMinersBurnedAndTheValidatorTakeGoesToItsOwner() {
    let plan = EpochDistribution.plan(inputs(miner: [0, 600, 400], validator: [1_000, 0, 0], alpha: [100, 0, 0]))
    #expect(plan.minerStake == [0, 600, 0])
    #expect(plan.burned == 400)
    #expect(plan.minerBurnedFraction == 0.4)
    #expect(plan.validatorTake == [179, 0, 0])  // ⌊1000 · 11796/65535⌋
    #expect(plan.validatorCompound == [821, 0, 0])
    #expect(plan.ownerCut == 200)
    #expect(plan.recycled == 0)
    #expect(plan.total == 2_200)
  }

  @Test func rootStakeSplitsValidatorAmountsBetweenTheValidatorAndRootBuckets() {
    // ρ_h = 0.18·1000/(100 + 180) = 0.6429 for UID 0; UID 1 has no root stake.
    let plan = EpochDistribution.plan(
      inputs(
        miner: [0, 0, 0], validator: [600, 400, 0], alpha: [100, 400, 0], root: [1_000, 0, 0],
        buckets: (0, 700, 300, 0)))
    // Alpha parts: 600·(1 − 0.6429) = 214.3 and 400 → rescaled to 700: 244.2 and 455.8.
    let alpha0 = 214.285_714 / 614.285_714 * 700
    let paid0 = Double(plan.validatorCompound[0] + plan.validatorTake[0] + plan.rootClaim[0])
    // UID 0 gets its alpha part plus the whole root bucket (it is the only root staker).
    let root0 = 300.0
    #expect(abs(paid0 - (alpha0 + root0)) <= 2)
    #expect(plan.rootClaim[0] == 300 - 300 * 11_796 / 65_535)
    let alpha1 = 400 / 614.285_714 * 700
    #expect(abs(Double(plan.validatorCompound[1] + plan.validatorTake[1]) - alpha1) <= 1)
    #expect(plan.rootClaim[1] == 0)
    #expect(plan.total == 1_000)
  }

  @Test func withNoMinerAmountTheMinerBucketGoesToValidators() {
    let plan = EpochDistribution.plan(inputs(miner: [0, 0, 0], validator: [2_000, 0, 0], alpha: [100, 0, 0]))
    #expect(plan.validatorTake[0] + plan.validatorCompound[0] == 2_000)
    #expect(plan.total == 2_200)
  }

  @Test func aBucketNobodyCanReceiveIsRecycled() {
    // Root bucket without any root staker.
    let plan = EpochDistribution.plan(
      inputs(miner: [0, 500, 0], validator: [500, 0, 0], alpha: [100, 0, 0], buckets: (500, 300, 200, 0)))
    #expect(plan.recycled == 200)
    #expect(plan.total == 1_000)
  }
}
