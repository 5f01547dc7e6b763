import EpochTypes
import NetworkModel
import SimCore
import Testing

@testable import Agents

@Suite("Honest validators who differ: noise levels, cadences, lag, sparse rows, misconfiguration")
struct HeterogeneousValidatorsTests {
  let base = AgentsTests()
  let rng = RandomStream(rootSeed: 0, purpose: "x")

  func cohort(_ p: HonestValidatorParameters, seed: UInt64 = 3) -> HonestValidators {
    HonestValidators(subnet: SubnetID(1), parameters: p, streams: StreamFactory(rootSeed: seed, replication: 0), phase: 1)
  }

  @Test func leftUnsetEveryValidatorHasTheCommonNoiseLevelAndRowsAreUnchanged() {
    let (state, u, vs) = base.network(validators: 3, utilities: [1, 2, 3, 4])
    var p = HonestValidatorParameters()
    p.weightSigma = 0.3
    var plain = cohort(p)
    var spreadZero = p
    spreadZero.weightSigmaSpread = 0
    spreadZero.topK = 0
    var same = cohort(spreadZero)
    let a = base.rows(plain.act(observing: Observation(block: 1, network: state, utility: u), rng: rng))
    let b = base.rows(same.act(observing: Observation(block: 1, network: state, utility: u), rng: rng))
    #expect(plain.members.allSatisfy { $0.profile.sigma == 0.3 && !$0.profile.lagging && !$0.profile.misconfigured })
    for v in vs { #expect(a[v]!.entries == b[v]!.entries) }
  }

  @Test func withASpreadEachValidatorDrawsItsOwnNoiseLevelFromItsOwnStream() {
    let (state, u, _) = base.network(validators: 6, utilities: [1, 2, 3, 4])
    var p = HonestValidatorParameters()
    p.weightSigma = 0.2
    p.weightSigmaSpread = 0.8
    var a = cohort(p)
    var b = cohort(p)
    _ = a.act(observing: Observation(block: 1, network: state, utility: u), rng: rng)
    _ = b.act(observing: Observation(block: 1, network: state, utility: u), rng: rng)
    let sigmas = a.members.map(\.profile.sigma)
    #expect(Set(sigmas).count == 6 && sigmas.allSatisfy { $0 > 0 })
    #expect(sigmas == b.members.map(\.profile.sigma))
    // Adding validators leaves the first ones' noise levels as they were.
    let (more, u2, _) = base.network(validators: 8, utilities: [1, 2, 3, 4])
    var c = cohort(p)
    _ = c.act(observing: Observation(block: 1, network: more, utility: u2), rng: rng)
    #expect(Array(c.members.map(\.profile.sigma).prefix(6)) == sigmas)
  }

  @Test func withACadenceRangeEachValidatorSubmitsAtItsOwnFixedIntervalInsideTheRange() {
    let (state, u, vs) = base.network(validators: 5, utilities: [1, 2, 3])
    var p = HonestValidatorParameters()
    p.weightIntervalRange = 100...1_000
    var c = cohort(p)
    var submissions: [HotkeyID: [Int64]] = [:]
    var block = c.firstActivation(start: 0)!
    while block < 20_000 {
      for (h, _) in base.rows(c.act(observing: Observation(block: block, network: state, utility: u), rng: rng)) {
        submissions[h, default: []].append(block)
      }
      let next = c.nextActivation(after: block)!
      #expect(next > block)
      block = next
    }
    var gaps: Set<Int64> = []
    for v in vs {
      let times = submissions[v]!
      let g = Set(zip(times.dropFirst(), times).map { $0 - $1 })
      #expect(g.count == 1 && (100...1_000).contains(g.first!))
      gaps.formUnion(g)
    }
    #expect(gaps.count > 1)
  }

  @Test func aLaggingValidatorWeightsTheUtilityAsItWasLagBlocksAgo() {
    let (state, u, vs) = base.network(validators: 1, utilities: [1, 2, 4])
    var p = HonestValidatorParameters()
    p.weightSigma = 0
    p.lagShare = 1
    p.lagBlocks = 1_000
    var c = cohort(p)
    let first = base.rows(c.act(observing: Observation(block: 1, network: state, utility: u), rng: rng))[vs[0]]!
    var changed = u
    changed.utility[2] = 4
    changed.utility[4] = 1
    changed.subnetVersion[1] += 1
    let soon = base.rows(c.act(observing: Observation(block: 361, network: state, utility: changed), rng: rng))[vs[0]]!
    #expect(soon.entries == first.entries)
    let later = base.rows(c.act(observing: Observation(block: 1_441, network: state, utility: changed), rng: rng))[vs[0]]!
    #expect(later.entries == [SparseEntry(uid: 2, value: 65_535), SparseEntry(uid: 3, value: 32_767), SparseEntry(uid: 4, value: 16_383)])
  }

  @Test func withTopKAValidatorWeightsOnlyItsKBestObservedMiners() {
    let (state, u, vs) = base.network(validators: 1, utilities: [3, 1, 4, 2])
    var p = HonestValidatorParameters()
    p.weightSigma = 0
    p.topK = 2
    var c = cohort(p)
    let row = base.rows(c.act(observing: Observation(block: 1, network: state, utility: u), rng: rng))[vs[0]]!
    #expect(row.entries.map(\.uid) == [2, 4])
    #expect(TopK.keep(0, uids: [1, 2], weights: [1, 2]).entries == WeightVector(uids: [1, 2], weights: [1, 2]).entries)
  }

  @Test func misconfiguredValidatorsAreOnlySmallOnesAndTheirRowsIgnoreUtility() {
    var (state, u, vs) = base.network(validators: 4, utilities: [1, 2, 4, 8])
    for (k, v) in vs.enumerated() { state.subnets[1]!.depositAlpha(UInt64(k + 1) * 1_000, hotkey: v, coldkey: ColdkeyID(1)) }
    for mode in MisconfiguredWeights.allCases {
      var p = HonestValidatorParameters()
      p.weightSigma = 0
      p.misconfiguredShare = 1
      p.misconfiguredWeights = mode
      p.topK = 2
      var c = cohort(p)
      let rows = base.rows(c.act(observing: Observation(block: 1, network: state, utility: u), rng: rng))
      // Stakes 1, 2, 3, 4 thousand: the median is 2.5 thousand, so the first two are small.
      #expect(c.members.map(\.profile.misconfigured) == [true, true, false, false])
      let honest = rows[vs[3]]!.entries.map(\.uid)
      #expect(honest == [7, 8])  // top 2 of the honest view
      for v in vs.prefix(2) {
        let row = rows[v]!.entries
        #expect(mode == .random ? row.count == 8 : row.count == 2)
        #expect(row.map(\.value) != rows[vs[3]]!.entries.map(\.value) || row.map(\.uid) != honest)
      }
    }
  }
}
