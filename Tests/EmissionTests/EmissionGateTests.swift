import NetworkModel
import Testing

@testable import Emission

@Suite("Hill emission gate (spec §17.1)")
struct EmissionGateTests {
  func close(_ a: [Double], _ b: [Double], within tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < tolerance }
  }

  let quantileGate = EmissionGate(mode: .quantile)
  let rankGate = EmissionGate()

  @Test func theGainIsOneHalfAtTheBarEightNinthsAtTwiceItAndOneNinthAtHalfIt() {
    let theta = 0.3
    #expect(abs(rankGate.gain(share: theta, bar: theta) - 0.5) < 1e-15)
    #expect(abs(rankGate.gain(share: 2 * theta, bar: theta) - 8.0 / 9) < 1e-15)
    #expect(abs(rankGate.gain(share: theta / 2, bar: theta) - 1.0 / 9) < 1e-15)
    #expect(abs(rankGate.gain(share: theta / 4, bar: theta) - 1.0 / 65) < 1e-15)
    #expect(rankGate.gain(share: 0, bar: theta) == 0)
    #expect(rankGate.gain(share: 0.1, bar: 0) == 1)
  }

  @Test func pricesOneToTwoGiveATenthAndNineTenthsInQuantileMode() {
    let s = [1.0 / 3, 2.0 / 3]
    #expect(abs(quantileGate.bar(s) - 2.0 / 3) < 1e-15)
    let out = quantileGate.apply(s, bar: 0, recomputeBar: true)
    #expect(close(out.shares, [0.1, 0.9]))
    #expect(abs(out.bar - 2.0 / 3) < 1e-15)
  }

  @Test func pricesOneToTwoGiveNineAndThirtyTwoFortyFirstsInRankMode() {
    let s = [1.0 / 3, 2.0 / 3]
    // Fewer than N = 32 positive shares: the bar is the smallest positive one.
    #expect(abs(rankGate.bar(s) - 1.0 / 3) < 1e-15)
    #expect(close(rankGate.apply(s, bar: 0, recomputeBar: true).shares, [9.0 / 41, 32.0 / 41]))
  }

  @Test func theRankBarIsTheNthLargestPositiveShareAndIgnoresZeros() {
    let gate = EmissionGate(mode: .rank, rank: 2)
    #expect(gate.bar([0.1, 0, 0.5, 0.4]) == 0.4)
    #expect(gate.bar([0, 0, 1]) == 1)
    #expect(gate.bar([0, 0]) == 0)
    #expect(EmissionGate(mode: .rank, rank: 1).bar([0.2, 0.8]) == 0.8)
  }

  @Test func theBarIsKeptBetweenMultiplesOf360BlocksAndRecomputedAtThem() {
    // Shares (0.7, 0.2, 0.1) at block 0 ⇒ θ = 0.7.
    let first = quantileGate.apply([0.7, 0.2, 0.1], bar: 0, recomputeBar: EmissionGate.barDue(bar: 0, block: 0, previous: nil))
    #expect(first.bar == 0.7)
    // Block 179: not due, θ unchanged even though the shares moved.
    #expect(!EmissionGate.barDue(bar: first.bar, block: 179, previous: 0))
    let third = 1.0 / 3
    let kept = quantileGate.apply([third, third, third], bar: first.bar, recomputeBar: false)
    #expect(kept.bar == 0.7)
    // Block 360: due ⇒ equal thirds give θ = 1/3.
    #expect(EmissionGate.barDue(bar: first.bar, block: 360, previous: 179))
    #expect(quantileGate.apply([third, third, third], bar: first.bar, recomputeBar: true).bar == third)
    // Coarser evaluations recompute at the first evaluation at or after each multiple of 360.
    #expect(EmissionGate.barDue(bar: 0.5, block: 7_200, previous: 0))
    #expect(!EmissionGate.barDue(bar: 0.5, block: 719, previous: 361))
    #expect(EmissionGate.barDue(bar: 0.5, block: 721, previous: 361))
    // θ = 0 is always due.
    #expect(EmissionGate.barDue(bar: 0, block: 5, previous: 4))
  }

  @Test func aZeroBarIsNeverStoredOverAPositiveOne() {
    #expect(rankGate.apply([0, 0], bar: 0.4, recomputeBar: true).bar == 0.4)
    #expect(rankGate.apply([0, 0], bar: 0, recomputeBar: true) == EmissionGate.Outcome(shares: [0, 0], bar: 0))
  }

  @Test func oneSubnetHasBarOneAndKeepsTheWholeShare() {
    for gate in [quantileGate, rankGate] {
      let out = gate.apply([1], bar: 0, recomputeBar: true)
      #expect(out.bar == 1)
      #expect(out.shares == [1])
    }
  }

  @Test func twoHundredFiftySixEqualSharesUnderASteepStaleBarStayEqual() {
    let gate = EmissionGate(mode: .quantile, exponent: 8)
    let s = [Double](repeating: 1.0 / 256, count: 256)
    #expect(close(gate.gated(s, bar: 1), s, within: 1e-15))
  }

  @Test func gatedSharesThatUnderflowToZeroFallBackToTheUngatedShares() {
    let gate = EmissionGate(mode: .rank, exponent: 2_000)
    // (θ/s)^h = 2^2000 = ∞ ⇒ every gain is 0 ⇒ Σ s′ = 0 ⇒ the ungated shares are kept.
    #expect(gate.gated([0.5, 0.5], bar: 1) == [0.5, 0.5])
  }

  @Test func theOffModeIsTheIdentityAndKeepsNoBar() {
    let out = EmissionGate.off.apply([0.25, 0.75], bar: 0.3, recomputeBar: true)
    #expect(out == EmissionGate.Outcome(shares: [0.25, 0.75], bar: 0))
  }

  @Test func emissionDisabledSubnetsOccupyTheBarAndAreZeroedAfterTheGate() {
    let snapshot = EmissionSnapshot(
      block: 0,
      subnets: [
        SubnetEmissionInputs(id: SubnetID(1), emaPrice: 1),
        SubnetEmissionInputs(id: SubnetID(2), emaPrice: 2),
        SubnetEmissionInputs(id: SubnetID(3), emissionEnabled: false, emaPrice: 3),
      ])
    // s = (1/6, 1/3, 1/2); rank 2 counts the disabled subnet ⇒ θ = 1/3, gains (1/9, 1/2, ·) ⇒ (0.1, 0.9, 0).
    let out = SubnetSharePipeline.evaluate(
      policy: PriceEMAPolicy(), snapshot: snapshot, gate: EmissionGate(mode: .rank, rank: 2), bar: 0, recomputeBar: true)
    #expect(abs(out.bar - 1.0 / 3) < 1e-15)
    #expect(close(out.shares, [0.1, 0.9, 0]))
    // Without the disabled subnet in the bar it would be θ = 1/3 of (1/3, 2/3) ⇒ (9/41, 32/41).
    let ungatedAlone = SubnetSharePipeline.evaluate(
      policy: PriceEMAPolicy(), snapshot: snapshot, gate: .off, bar: 0, recomputeBar: true)
    #expect(close(ungatedAlone.shares, [1.0 / 3, 2.0 / 3, 0]))
  }

  @Test func everyEnabledShareAtZeroLeavesNothingToShare() {
    #expect(SubnetSharePipeline.enabledOnly([0, 0.4, 0.6], enabled: [true, false, false]) == [0, 0, 0])
    #expect(SubnetSharePipeline.enabledOnly([0.2, 0.8], enabled: [true, true]) == [0.2, 0.8])
  }

  @Test func badGateParametersAreReported() {
    #expect(EmissionGate().problems() == [])
    #expect(EmissionGate(rank: 0, quantile: 0, exponent: -1).problems().count == 3)
  }
}
