import Testing

@testable import Emission

/// A plan computed in arrays kept from earlier epochs (``EpochDistribution/plan(_:in:)``) is the
/// plan computed afresh, whatever the earlier epochs left in them.
@Suite("Epoch distribution plans in kept arrays")
struct DistributionScratchTests {
  /// Random inputs for `n` receivers (some without emission, some with root stake or owned).
  func randomInputs(_ n: Int, _ state: inout UInt64) -> DistributionInputs {
    func next(_ below: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 20) % below
    }
    let miner = (0..<n).map { _ in next(3) == 0 ? 0 : next(1_000_000) }
    let validator = (0..<n).map { _ in next(2) == 0 ? 0 : next(1_000_000) }
    let alpha = (0..<n).map { _ in next(4) == 0 ? 0 : next(10_000_000_000) }
    let root = (0..<n).map { _ in next(2) == 0 ? 0 : next(10_000_000_000) }
    return DistributionInputs(
      serverBucket: next(100_000_000), validatorBucket: next(100_000_000), rootBucket: next(50_000_000),
      ownerBucket: next(10_000_000), minerEmission: miner, validatorEmission: validator, alphaStake: alpha,
      rootStake: root, tau: 0.18, take: (0..<n).map { _ in UInt16(next(65_536)) }, ownedBySubnetOwner: (0..<n).map { _ in next(9) == 0 })
  }

  @Test func plansInKeptArraysOfChangingSizesEqualFreshPlans() {
    var scratch = DistributionScratch()
    var state: UInt64 = 77
    for n in [6, 6, 6, 3, 9, 9, 1, 0, 256, 256, 256, 40] {
      let x = randomInputs(n, &state)
      EpochDistribution.plan(x, in: &scratch)
      let fresh = EpochDistribution.plan(x)
      #expect(scratch.plan == fresh)
      #expect(scratch.plan.minerStake.count == n && scratch.plan.total == x.epochAmount + x.ownerBucket)
    }
  }

  @Test func aPlanTakenFromTheScratchStaysAsItWasWhenTheScratchIsReused() {
    var scratch = DistributionScratch()
    var state: UInt64 = 5
    let x = randomInputs(12, &state)
    EpochDistribution.plan(x, in: &scratch)
    let kept = scratch.plan
    EpochDistribution.plan(randomInputs(12, &state), in: &scratch)
    #expect(kept == EpochDistribution.plan(x))
  }
}
