import EpochTypes
import NetworkModel
import SimCore
import Testing

@testable import Agents

@Suite("Weight rows, utility distributions, honest validators and miners")
struct AgentsTests {
  @Test func weightRowsAreStoredMaxUpscaledAndCheckedForDuplicatesOnce() {
    let w = WeightVector(uids: [3, 1], values: [43_690, 21_845])
    #expect(w.entries == [SparseEntry(uid: 3, value: 65_535), SparseEntry(uid: 1, value: 32_768)])
    #expect(w.isWellFormed && w.maxUID == 3)
    #expect(!WeightVector(uids: [2, 2], values: [1, 1]).isWellFormed)
    #expect(!WeightVector(uids: [-1], values: [1]).isWellFormed)
    #expect(WeightVector(uids: [4, 5], weights: [1, 2]).entries.map(\.value) == [32_767, 65_535])
  }

  @Test(arguments: [UInt64(3), 11])
  func utilityDrawsAreReproducibleAndHaveTheDistributionsMean(seed: UInt64) {
    let d = UtilityDistribution.lognormal(mu: 0, sigma: 0.5)
    let a = RandomStream(rootSeed: seed, purpose: "t")
    let b = RandomStream(rootSeed: seed, purpose: "t")
    let xs = (0..<20_000).map { _ in d.draw(a) }
    #expect(xs == (0..<20_000).map { _ in d.draw(b) })
    let mean = xs.reduce(0, +) / Double(xs.count)
    #expect(abs(mean - d.mean) < 0.02)  // sd of the mean ≈ 0.0043
    #expect(UtilityDistribution.constant(2).draw(a) == 2)
    #expect(!UtilityDistribution.pareto(shape: 0, scale: 1).problems().isEmpty)
  }

  /// One subnet: owner at UID 0, validators `validators` (with permits), then miners with `utilities`.
  func network(validators: Int, utilities: [Double]) -> (NetworkState, UtilityView, [HotkeyID]) {
    var state = NetworkState(chain: ChainParameters())
    state.coldkeys.append(Coldkey(balance: 0))
    let owner = state.createHotkey(owner: ColdkeyID(1), role: .owner)
    var h = SubnetHyperparameters()
    h.commitRevealInterval = 0
    var s = Subnet(
      id: SubnetID(1), hyper: h, ownerColdkey: ColdkeyID(1), ownerHotkey: owner, registeredAt: 0,
      pool: LiquidityPool(taoReserve: 1, alphaReserve: 1))
    _ = s.appendNeuron(owner, at: 0)
    var vs: [HotkeyID] = []
    for _ in 0..<validators {
      let v = state.createHotkey(owner: ColdkeyID(1), role: .honestValidator)
      vs.append(v)
      _ = s.appendNeuron(v, at: 0)
    }
    var u = [Double](repeating: 0, count: 1 + validators)
    for x in utilities {
      let m = state.createHotkey(owner: ColdkeyID(1), role: .honestMiner)
      _ = s.appendNeuron(m, at: 0)
      u.append(x)
    }
    for uid in 1...validators { s.chain.validatorPermit[uid] = true }
    state.subnets.append(s)
    return (state, UtilityView(utility: u, subnetVersion: [0, 0]), vs)
  }

  func rows(_ actions: [AgentAction]) -> [HotkeyID: WeightVector] {
    var out: [HotkeyID: WeightVector] = [:]
    for a in actions { if case .setWeights(_, _, let h, let w) = a { out[h] = w } }
    return out
  }

  @Test func withoutNoiseValidatorsWeightMinersInProportionToUtilityAndSkipWorthlessOnes() {
    let (state, u, vs) = network(validators: 1, utilities: [1, 2, 0])
    var p = HonestValidatorParameters()
    p.weightSigma = 0
    var cohort = HonestValidators(subnet: SubnetID(1), parameters: p, streams: StreamFactory(rootSeed: 1, replication: 0), phase: 1)
    let row = rows(cohort.act(observing: Observation(block: 1, network: state, utility: u), rng: RandomStream(rootSeed: 0, purpose: "x")))[vs[0]]!
    #expect(row.entries == [SparseEntry(uid: 2, value: 32_767), SparseEntry(uid: 3, value: 65_535)])
  }

  @Test func aValidatorsNoiseIsItsOwnAddingAnotherValidatorChangesNothingForIt() {
    var p = HonestValidatorParameters()
    p.weightSigma = 0.4
    let streams = StreamFactory(rootSeed: 9, replication: 0)
    let (one, u1, vs1) = network(validators: 1, utilities: [1, 1, 1, 1])
    let (two, u2, vs2) = network(validators: 2, utilities: [1, 1, 1, 1])
    var a = HonestValidators(subnet: SubnetID(1), parameters: p, streams: streams, phase: 1)
    var b = HonestValidators(subnet: SubnetID(1), parameters: p, streams: streams, phase: 1)
    let rng = RandomStream(rootSeed: 0, purpose: "x")
    let ra = rows(a.act(observing: Observation(block: 1, network: one, utility: u1), rng: rng))
    let rb = rows(b.act(observing: Observation(block: 1, network: two, utility: u2), rng: rng))
    // Same hotkey id (1) in both networks; in the second, UIDs of miners shift by one, so compare values.
    #expect(vs1[0] == vs2[0])
    #expect(ra[vs1[0]]!.entries.map(\.value) == rb[vs2[0]]!.entries.filter { $0.uid != 2 }.map(\.value))
    #expect(Set(ra[vs1[0]]!.entries.map(\.value)).count > 1)  // the noise is there
  }

  @Test(arguments: [UInt64(4), 17])
  func aCohortThatBuiltLongerRowsBeforeBuildsTheSameRowsAsAFreshOneAfterTheUtilityChanges(seed: UInt64) {
    // Without noise a row is a function of the utility view alone, so nothing of the earlier,
    // longer rows (kept buffers) may show in the later ones.
    var p = HonestValidatorParameters()
    p.weightSigma = 0
    let streams = StreamFactory(rootSeed: seed, replication: 0)
    let (state, u0, vs) = network(validators: 3, utilities: [1, 2, 0, 3, 0.5])
    var u1 = u0
    u1.utility[u1.utility.count - 1] = 4
    u1.utility[u1.utility.count - 2] = 0
    u1.subnetVersion[1] &+= 1
    let rng = RandomStream(rootSeed: 0, purpose: "x")
    var used = HonestValidators(subnet: SubnetID(1), parameters: p, streams: streams, phase: 1)
    _ = used.act(observing: Observation(block: 1, network: state, utility: u0), rng: rng)
    let again = rows(used.act(observing: Observation(block: 2, network: state, utility: u1), rng: rng))
    var fresh = HonestValidators(subnet: SubnetID(1), parameters: p, streams: streams, phase: 1)
    let first = rows(fresh.act(observing: Observation(block: 2, network: state, utility: u1), rng: rng))
    for v in vs {
      #expect(again[v] == first[v])
      #expect(again[v]!.entries.count == 3 && again[v]!.isWellFormed)
    }
  }

  @Test func minersDrawPerSlotSoAnAttackerInOneSlotLeavesEveryOtherSlotsUpdateUnchanged() {
    var p = HonestMinerParameters()
    p.evolution = .randomWalk(sigma: 0.3)
    p.exitProbability = 0
    let streams = StreamFactory(rootSeed: 5, replication: 0)
    let (state, u, _) = network(validators: 1, utilities: [1, 1, 1, 1])
    var attacked = state
    attacked.hotkeys[4].role = .attacker("cabal")  // UID 3's hotkey
    var a = HonestMiners(subnet: SubnetID(1), parameters: p, streams: streams, start: 0)
    var b = HonestMiners(subnet: SubnetID(1), parameters: p, streams: streams, start: 0)
    let rng = RandomStream(rootSeed: 0, purpose: "x")
    func updates(_ actions: [AgentAction]) -> [HotkeyID: Double] {
      var out: [HotkeyID: Double] = [:]
      for x in actions { if case .setUtility(let h, let v) = x { out[h] = v } }
      return out
    }
    let ua = updates(a.act(observing: Observation(block: 7_200, network: state, utility: u), rng: rng))
    let ub = updates(b.act(observing: Observation(block: 7_200, network: attacked, utility: u), rng: rng))
    #expect(ua.count == 4 && ub.count == 3)
    for (h, v) in ub { #expect(ua[h] == v) }
  }
}
