import NetworkModel
import Testing

@testable import Emission

@Suite("Subnet emission policies")
struct PolicyTests {
  let snapshot = EmissionSnapshot(
    block: 0,
    subnets: [
      SubnetEmissionInputs(
        id: SubnetID(1), emaPrice: 0.1, minerBurnedFraction: 0, taoFlowEMA: -5, rootWeight: 2, utility: 1),
      SubnetEmissionInputs(
        id: SubnetID(2), emaPrice: 0.3, minerBurnedFraction: 0.5, taoFlowEMA: 10, rootWeight: 2, utility: 3),
      SubnetEmissionInputs(
        id: SubnetID(3), emaPrice: 0.6, minerBurnedFraction: 0, taoFlowEMA: 30, rootWeight: 4, utility: 0),
    ])

  func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } && a.count == b.count }

  @Test func priceEMASharesFollowPriceTimesOneMinusMinerBurned() {
    #expect(close(PriceEMAPolicy().shares(snapshot), [0.1 / 0.85, 0.15 / 0.85, 0.6 / 0.85]))
    #expect(close(PriceEMAPolicy(minerBurnWeighting: false).shares(snapshot), [0.1, 0.3, 0.6]))
  }

  @Test func taoFlowSharesIgnoreNegativeFlow() {
    #expect(close(TaoFlowPolicy().shares(snapshot), [0, 0.25, 0.75]))
    #expect(close(TaoFlowPolicy(exponent: 2).shares(snapshot), [0, 0.1, 0.9]))
  }

  @Test func rootWeightsEqualAndUtilitySharesAreProportional() {
    #expect(close(RootWeightsPolicy().shares(snapshot), [0.25, 0.25, 0.5]))
    #expect(close(EqualPolicy().shares(snapshot), [1.0 / 3, 1.0 / 3, 1.0 / 3]))
    #expect(close(UtilityPolicy().shares(snapshot), [0.25, 0.75, 0]))
    #expect(close(UtilityPolicy(exponent: 2).shares(snapshot), [0.1, 0.9, 0]))
  }

  @Test func disabledSubnetsGetNothingAndTheRestRenormalise() {
    var s = snapshot
    s.subnets[2].emissionEnabled = false
    #expect(close(EqualPolicy().shares(s), [0.5, 0.5, 0]))
    #expect(close(TaoFlowPolicy().shares(s), [0, 1, 0]))
    s.subnets[1].emissionEnabled = false
    // Nothing positive left: every share is 0 and the World recycles the emission (spec §17.3; the
    // chain has no equal-share fallback).
    #expect(close(TaoFlowPolicy().shares(s), [0, 0, 0]))
    #expect(close(PriceEMAPolicy().shares(EmissionSnapshot(block: 0, subnets: [SubnetEmissionInputs(id: SubnetID(1))])), [0]))
  }

  @Test func theRegistryBuildsEveryPolicyAndRejectsBadInput() throws {
    #expect(EmissionPolicies.identifiers == ["price-ema", "tao-flow", "root-weights", "equal", "utility"])
    for d in EmissionPolicies.all {
      let p = try EmissionPolicies.make(d.identifier)
      #expect(p.identifier == d.identifier)
      #expect(!d.summary.isEmpty)
    }
    let flow = try EmissionPolicies.make("tao-flow", parameters: ["half_life_days": 10])
    #expect(flow.taoFlowHalfLifeBlocks == 72_000)
    #expect(throws: PolicyError.self) { try EmissionPolicies.make("stake") }
    #expect(throws: PolicyError.self) { try EmissionPolicies.make("equal", parameters: ["x": 1]) }
    #expect(throws: PolicyError.self) { try EmissionPolicies.make("utility", parameters: ["exponent": -1]) }
    #expect(throws: PolicyError.self) { try EmissionPolicies.make("utility", parameters: ["exponent": .nan]) }
  }
}
