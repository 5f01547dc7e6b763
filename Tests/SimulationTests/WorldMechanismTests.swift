import Agents
import Consensus
import Emission
import EpochTypes
import NetworkModel
import SimCore
import SimStats
import Testing

@testable import Simulation

@Suite("World mechanisms on small networks")
struct WorldMechanismTests {
  /// A validator on subnet 1 with a large stake (so it holds a permit at genesis) whose agent acts
  /// once at `at` with the actions `build` returns for its UID and hotkey.
  func scriptedValidator(at: Int64, _ build: @escaping @Sendable (UID, HotkeyID) -> [AgentAction]) -> AgentSpec {
    AgentSpec(
      name: "scripted", role: .attacker("test"),
      placements: [AgentPlacement(subnet: 1, count: 1, alphaStake: 10_000_000_000_000_000)],
      make: { setup in
        let hotkey = setup.hotkeys[0].hotkey
        return ScriptedAgent(at: at) { o in build(UID(o.network.subnets[1]!.uidOfHotkey[hotkey]!), hotkey) }
      })
  }

  @Test func theSameSeedGivesTheSameRecordsAndAnotherSeedDoesNot() throws {
    func trace(_ seed: UInt64) throws -> [String] {
      var w = try World(config: smallConfig(days: 3), rootSeed: seed)
      var t = Trace()
      w.run(observer: &t)
      return t.lines
    }
    let a = try trace(11)
    #expect(a == (try trace(11)))
    #expect(a != (try trace(12)))
    #expect(!a.isEmpty)
  }

  @Test func addingAnAgentThatDrawsRandomNumbersChangesNoOtherAgentsDraws() throws {
    var base = smallConfig(days: 3)
    base.validators.weightSigma = 0.3
    var withDreamer = base
    withDreamer.agents = [AgentSpec(name: "dreamer", role: .attacker("none"), make: { _ in Dreamer() })]
    var a = try World(config: base, rootSeed: 4)
    var b = try World(config: withDreamer, rootSeed: 4)
    var ta = Trace()
    var tb = Trace()
    a.run(observer: &ta)
    b.run(observer: &tb)
    #expect(ta.lines == tb.lines)
    #expect(a.state.subnets[1]!.chain.weights == b.state.subnets[1]!.chain.weights)
  }

  @Test func quietBlocksCostNothingEmissionIsAccruedOnlyWhenSomethingHappens() throws {
    var c = smallConfig(subnets: 4, days: 10)
    c.nominators.count = 0
    var w = try World(config: c, rootSeed: 1)
    let s = w.run()
    let subnetBlocks = 4 * c.horizonBlocks
    #expect(s.counters.accruedSubnetBlocks == subnetBlocks)
    // One accrual per epoch and per share refresh, plus trades: far fewer than one per block.
    #expect(s.counters.accruals < Int(subnetBlocks / 50))
  }

  @Test func theOwnerCutOfAnEpochIsStakedToTheOwnerHotkey() throws {
    var c = smallConfig(subnets: 1, days: 1)
    c.nominators.count = 0
    var w = try World(config: c, rootSeed: 2)
    let owner = w.state.subnets[1]!.ownerHotkey
    // Subnet 1's first epoch is at block 359 (L = −1, T = 360).
    w.run(until: 358)
    let pendingOwner = w.state.subnets[1]!.pending.owner
    let before = w.state.subnets[1]!.alphaStake(of: owner)
    w.run(until: 359)
    #expect(w.state.subnets[1]!.epochIndex == 1)
    #expect(w.state.subnets[1]!.alphaStake(of: owner) - before == pendingOwner + BlockAlphaSplit(alpha: 1_000_000_000, ownerCut: 11_796, rootProportion: 0, rootSell: false).owner)
    #expect(pendingOwner == 358 * 179_995_422)
    #expect(w.invariantViolations() == [])
  }

  @Test(arguments: [1, 2])
  func commitsCountFromTheirRevealPTemposLaterAndAreInvisibleBefore(period: Int) throws {
    var c = smallConfig(subnets: 1, days: 1)
    c.hyperparameters.commitRevealInterval = period
    c.nominators.count = 0
    c.agents = [
      scriptedValidator(at: 400) { uid, hotkey in
        [.commitWeights(subnet: SubnetID(1), uid: uid, hotkey: hotkey, weights: WeightVector(uids: [20, 21], values: [1, 2]))]
      }
    ]
    var w = try World(config: c, rootSeed: 3)
    let uid = w.config.validatorsPerSubnet + 1
    #expect(w.state.subnets[1]!.chain.validatorPermit[uid])
    // Epochs at 359, 719, 1079. Committed at 400 (epoch index 1) → revealed at the slot of index 1 + p.
    let reveal: Int64 = period == 1 ? 719 : 1_079
    w.run(until: reveal - 1)
    #expect(w.state.subnets[1]!.chain.weights[uid].isEmpty)
    #expect(w.state.subnets[1]!.chain.lastUpdate[uid] == 400)
    w.run(until: reveal)
    #expect(w.state.subnets[1]!.chain.weights[uid] == [SparseEntry(uid: 20, value: 32_768), SparseEntry(uid: 21, value: 65_535)])
  }

  @Test func withCommitRevealOffWeightsApplyAtOnceAndCommitsAreRefused() throws {
    var c = smallConfig(subnets: 1, days: 1)
    c.hyperparameters.commitRevealInterval = 0
    c.nominators.count = 0
    c.agents = [
      scriptedValidator(at: 400) { uid, hotkey in
        let w = WeightVector(uids: [20], values: [7])
        return [
          .commitWeights(subnet: SubnetID(1), uid: uid, hotkey: hotkey, weights: w),
          .setWeights(subnet: SubnetID(1), uid: uid, hotkey: hotkey, weights: w),
        ]
      }
    ]
    var w = try World(config: c, rootSeed: 3)
    let refusedBefore = w.counters.actionsRefused
    w.run(until: 400)
    let uid = w.config.validatorsPerSubnet + 1
    #expect(w.state.subnets[1]!.chain.weights[uid] == [SparseEntry(uid: 20, value: 65_535)])
    #expect(w.counters.actionsRefused == refusedBefore + 1)
  }

  @Test func aRegistrationIntoAFullSubnetReplacesTheLowestEmissionNonImmuneUID() throws {
    var c = smallConfig(subnets: 1, days: 3)
    c.miners.exitProbability = 0
    c.nominators.count = 0
    c.hyperparameters.immunityPeriod = 1_000
    c.hyperparameters.maxAllowedUids = c.uidsPerSubnet
    let at: Int64 = 7_300
    c.agents = [
      AgentSpec(
        name: "joiner", role: .attacker("sybil"), balance: 1_000_000_000_000,
        make: { setup in
          let coldkey = setup.coldkey
          return ScriptedAgent(at: at) { _ in
            [.registerNeuron(subnet: SubnetID(1), coldkey: coldkey, role: .attacker("sybil"), utility: 0, maxBurn: .max)]
          }
        })
    ]
    var w = try World(config: c, rootSeed: 8)
    w.run(until: at - 1)
    let s = w.state.subnets[1]!
    let immortal = Pruning.ownerImmortal(
      isOwnerHotkey: s.hotkeys.map { $0 == s.ownerHotkey }, ownedByOwnerColdkey: s.hotkeys.map { _ in false },
      registrationBlock: s.chain.registrationBlock, limit: 1)
    let expected = Pruning.select(
      emission: s.lastEmission, registrationBlock: s.chain.registrationBlock, ownerImmortal: immortal, block: at,
      immunityPeriod: 1_000, minNonImmuneUids: c.hyperparameters.minNonImmuneUids)!
    let price = s.burn.price(at: at, s.hyper)
    w.run(until: at)
    let after = w.state.subnets[1]!
    #expect(after.n == s.n)
    #expect(w.state.hotkeys[after.hotkeys[expected].index].role == .attacker("sybil"))
    #expect(after.chain.registrationBlock[expected] == at)
    #expect(after.ledger.recycled > s.ledger.recycled)
    #expect(after.burn.price(at: at, after.hyper) == min(after.hyper.maxBurn, UInt64(Double(price) * 1.26)))
    #expect(w.invariantViolations() == [])
  }

  @Test(arguments: ["equal", "utility", "price-ema", "tao-flow", "root-weights"])
  func eachPolicysSharesAreWhatItComputesFromTheWorldsSnapshot(policy: String) throws {
    var c = smallConfig(subnets: 3, days: 2)
    c.emissionPolicy = policy
    c.emissionGate = .off
    var w = try World(config: c, rootSeed: 5)
    // 6 840 is a share refresh block (a multiple of 360) where nothing the policies read changes
    // after the refresh (miners update utility at 7 200, root validators act at 1 + k·7 200).
    w.run(until: 6_840)
    let snapshot = w.emissionSnapshot()
    let expected = try EmissionPolicies.make(policy).shares(snapshot)
    for (k, entry) in snapshot.subnets.enumerated() {
      #expect(abs(w.emissionShares[entry.id.index] - expected[k]) < 1e-15)
    }
    #expect(abs(w.emissionShares.reduce(0, +) - 1) < 1e-12)
    if policy == "equal" { #expect(w.emissionShares.dropFirst().allSatisfy { abs($0 - 1.0 / 3) < 1e-15 }) }
    if policy == "utility" {
      let totals = snapshot.subnets.map(\.utility)
      #expect(abs(w.emissionShares[1] - totals[0] / totals.reduce(0, +)) < 1e-12)
    }
  }

  @Test(arguments: [EmissionGate.Mode.rank, .quantile])
  func theWorldsSharesAreThePolicysSharesThroughTheHillGate(mode: EmissionGate.Mode) throws {
    var c = smallConfig(subnets: 3, days: 2)
    c.emissionGate = EmissionGate(mode: mode, rank: 2)
    var w = try World(config: c, rootSeed: 5)
    // 6 840 is a multiple of 360: the bar is recomputed from this evaluation's shares.
    w.run(until: 6_840)
    let snapshot = w.emissionSnapshot()
    let expected = SubnetSharePipeline.evaluate(
      policy: try EmissionPolicies.make(c.emissionPolicy), snapshot: snapshot, gate: c.emissionGate, bar: 0,
      recomputeBar: true)
    #expect(expected.bar > 0)
    #expect(w.emissionGateBar == expected.bar)
    for (k, entry) in snapshot.subnets.enumerated() {
      #expect(abs(w.emissionShares[entry.id.index] - expected.shares[k]) < 1e-15)
    }
    let ungated = try EmissionPolicies.make(c.emissionPolicy).shares(snapshot)
    #expect(zip(expected.shares, ungated).contains { abs($0 - $1) > 1e-6 })
    #expect(abs(w.emissionShares.reduce(0, +) - 1) < 1e-12)
  }

  @Test func withPerBlockSharesTheGateBarChangesOnlyAtMultiplesOf360Blocks() throws {
    var c = smallConfig(subnets: 3, days: 1)
    c.shareRefreshBlocks = 1
    c.emissionGate = EmissionGate(mode: .rank, rank: 2)
    var w = try World(config: c, rootSeed: 5)
    // θ = 0 at the start, so block 0's evaluation sets the first bar.
    w.run(until: 0)
    var bar = w.emissionGateBar
    #expect(bar > 0)
    var changes: [Int64] = []
    for block in Int64(1)...1_500 {
      w.run(until: block)
      if w.emissionGateBar != bar { changes.append(block) }
      bar = w.emissionGateBar
    }
    #expect(!changes.isEmpty)
    #expect(changes == changes.filter { $0 % 360 == 0 })
  }

  @Test func anInvalidConfigurationIsRefusedWithEveryProblemListed() {
    var c = smallConfig()
    c.subnetCount = 500
    c.emissionPolicy = "nope"
    c.validators.weightSigma = -1
    #expect(throws: WorldError.self) { try World(config: c, rootSeed: 1) }
    #expect(c.problems().count >= 3)
  }
}

