import Metrics
import NetworkModel
import SimCore
import Testing

@testable import Emission
@testable import Simulation

/// Per-class yields on a tiny hand-set subnet: an honest validator with 100 alpha and an attacker
/// with 300 alpha hold the only permits; each epoch compounds 1 and 6 alpha to their stakers and
/// the honest validator's root stakers claim 2 alpha, sold for 4 TAO.
@Suite struct ClassYieldTests {
  static let honest = 1
  static let cabal = 2

  /// The world, subnet 1 set by hand, and the plan of one epoch.
  static func tinyWorld() throws -> (World, Subnet, DistributionPlan) {
    var world = try World(config: smallConfig(subnets: 1, days: 1), rootSeed: 5)
    var s = try #require(world.state.subnets[1])
    for uid in 0..<s.n { s.chain.validatorPermit[uid] = false }
    for (uid, alpha, role) in [(honest, 100.0, NeuronClass.honestValidator), (cabal, 300.0, .attacker("cabal"))] {
      s.chain.validatorPermit[uid] = true
      s.chain.alphaStake[uid] = FixedMath.units(alpha)
      world.state.hotkeys[s.hotkeys[uid].index].role = role
    }
    let zeros = [UInt64](repeating: 0, count: s.n)
    var plan = DistributionPlan(
      minerStake: zeros, validatorTake: zeros, validatorCompound: zeros, rootClaim: zeros, ownerCut: 0, burned: 0,
      recycled: 0, minerBurnedFraction: 0)
    plan.validatorCompound[honest] = FixedMath.units(1)
    plan.validatorCompound[cabal] = FixedMath.units(6)
    plan.rootClaim[honest] = FixedMath.units(2)
    return (world, s, plan)
  }

  @Test func eachClassEarnsOnItsOwnStakeAndTheNetworkOnAll() throws {
    var (world, s, plan) = try Self.tinyWorld()
    let p = s.spotPrice
    let tempo = Double(s.hyper.tempo)
    world.addYields(s, plan: plan, rootTao: FixedMath.units(4))
    let honest = try #require(world.yieldTotals.of("honest_validator"))
    let cabal = try #require(world.yieldTotals.of("attacker:cabal"))
    #expect(abs(honest.alphaEarned - 1 * p) < 1e-9)
    #expect(abs(honest.alphaStakeBlocks - 100 * p * tempo) < 1e-6)
    #expect(abs(cabal.alphaEarned - 6 * p) < 1e-9)
    #expect(abs(cabal.alphaStakeBlocks - 300 * p * tempo) < 1e-6)
    #expect(abs(world.yieldTotals.alphaEarned - 7 * p) < 1e-9)
    #expect(abs(world.yieldTotals.alphaStakeBlocks - 400 * p * tempo) < 1e-6)
    // All the root TAO was claimed for the honest validator's root stakers.
    #expect(abs(honest.rootTao - 4) < 1e-9)
    #expect(cabal.rootTao == 0)
    // 1 % and 2 % an epoch, simple: × epochs a year.
    let epochsPerYear = Double(SimTime.blocksPerYear) / tempo
    let rates = YieldRates.between(YieldTotals(), honest, tempo: s.hyper.tempo)
    #expect(abs(try #require(rates.alphaApr) - 0.01 * epochsPerYear) < 1e-9)
    let cabalRates = YieldRates.between(YieldTotals(), cabal, tempo: s.hyper.tempo)
    #expect(abs(try #require(cabalRates.alphaApr) - 0.02 * epochsPerYear) < 1e-9)
    #expect(abs(try #require(cabalRates.alphaApy) - (RealMath.pow(1.02, epochsPerYear) - 1)) < 1e-6)
  }

  @Test func aRootClaimWithoutAPermitCountsForItsClassAndUIDsWithNeitherAddNothing() throws {
    var (world, s, plan) = try Self.tinyWorld()
    let claimer = 3
    world.state.hotkeys[s.hotkeys[claimer].index].role = .honestValidator
    plan.rootClaim[claimer] = FixedMath.units(1)
    var noisy = world
    var noisyPlan = plan
    // Amounts the yields never read for UIDs without a permit.
    for uid in 4..<s.n {
      noisyPlan.validatorCompound[uid] = FixedMath.units(5)
      noisyPlan.minerStake[uid] = FixedMath.units(7)
    }
    world.addYields(s, plan: plan, rootTao: FixedMath.units(4))
    noisy.addYields(s, plan: noisyPlan, rootTao: FixedMath.units(4))
    let honest = try #require(world.yieldTotals.of("honest_validator"))
    // The honest class holds both claims (2 + 1 of 3 alpha): all 4 TAO.
    #expect(honest.rootTao == 4)
    #expect(world.yieldTotals.of("attacker:cabal")?.rootTao == 0)
    #expect(world.yieldTotals == noisy.yieldTotals)
  }

  @Test func aSecondEpochAtTheSamePriceGivesEachClassItsTaoGrowth() throws {
    var (world, s, plan) = try Self.tinyWorld()
    world.addYields(s, plan: plan, rootTao: 0)
    world.state.block += s.hyper.tempo
    world.addYields(s, plan: plan, rootTao: 0)
    let epochsPerYear = Double(SimTime.blocksPerYear) / Double(s.hyper.tempo)
    // Only the second epoch has a previous price: 100 alpha became 101 at the same price.
    let honest = YieldRates.between(YieldTotals(), try #require(world.yieldTotals.of("honest_validator")), tempo: s.hyper.tempo)
    #expect(abs(try #require(honest.taoApy) - (RealMath.pow(1.01, epochsPerYear) - 1)) / (RealMath.pow(1.01, epochsPerYear) - 1) < 1e-9)
    let cabal = YieldRates.between(YieldTotals(), try #require(world.yieldTotals.of("attacker:cabal")), tempo: s.hyper.tempo)
    #expect(abs(try #require(cabal.taoApy) - (RealMath.pow(1.02, epochsPerYear) - 1)) / (RealMath.pow(1.02, epochsPerYear) - 1) < 1e-9)
  }

  @Test func aClassRootIntegralStartsWhereTheNetworksStands() {
    var t = YieldTotals().integrated(to: 1_000, rootStake: 50)
    t = t.integrated(to: 1_500, rootStake: 50, classRootStake: [("honest_validator", 20)])
    #expect(t.rootStakeBlocks == 50 * 1_500)
    // The class held root stake from block 1000 on only: 20 TAO × 500 blocks.
    #expect(t.of("honest_validator")?.rootStakeBlocks == 10_000.0)
    t = t.integrated(to: 1_600, rootStake: 50)
    #expect(t.of("honest_validator")?.rootStakeBlocks == 10_000.0)
    #expect(t.of("honest_validator")?.rootIntegratedThrough == 1_600)
  }

  @Test func aSmallWorldsHonestValidatorsArePartOfTheNetworkAndHoldAllItsRootStake() throws {
    var world = try World(config: smallConfig(days: 3), rootSeed: 3)
    var observer = CollectingObserver()
    world.run(observer: &observer)
    let totals = try #require(observer.network.last?.yields)
    let classes = totals.byClass.map(\.totals)
    #expect(totals.byClass.map(\.label) == ["honest_validator"])
    // Owners and (with 64 permits for 24 UIDs) miners hold permits too: the class is part of the network.
    let classStake = classes.reduce(0) { $0 + $1.alphaStakeBlocks }
    #expect(classStake > 0 && classStake < totals.alphaStakeBlocks)
    // Root stake sits only on the root validators, who are honest validators.
    #expect(abs(classes.reduce(0) { $0 + $1.rootStakeBlocks } - totals.rootStakeBlocks) <= 1e-9 * max(1, totals.rootStakeBlocks))
  }
}
