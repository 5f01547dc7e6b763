import Metrics
import Agents
import EpochTypes
import NetworkModel
import SimCore
import Testing

@testable import Simulation

/// Stakes a quarter of its free TAO to a subnet's first hotkey, then unstakes half of what it
/// holds there on its next activation, moving to the next subnet every two activations; it acts
/// every `interval` blocks, off the record grid, so pool trades fall between records.
struct Churner: AgentStrategy {
  let kind = "churner"
  let coldkey: ColdkeyID
  let interval: Int64
  var activations = 0

  func firstActivation(start: Int64) -> Int64? { start + interval }
  func nextActivation(after block: Int64) -> Int64? { block + interval }

  mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    defer { activations += 1 }
    let ids = o.network.subnetIDs
    guard !ids.isEmpty else { return [] }
    let id = ids[(activations / 2) % ids.count]
    guard let s = o.network.subnets[id.index], let hotkey = s.hotkeys.first else { return [] }
    if activations % 2 == 0 {
      let tao = o.network.coldkeys[coldkey.index].balance / 4
      return tao > 0 ? [.addStake(coldkey: coldkey, hotkey: hotkey, subnet: id, tao: tao)] : []
    }
    let held = s.alphaPoolOfHotkey[hotkey].map { s.alphaPools[$0].value(of: coldkey) } ?? 0
    return held > 1 ? [.removeStake(coldkey: coldkey, hotkey: hotkey, subnet: id, alpha: held / 2)] : []
  }
}

/// One subnet's economic state: everything a later block's emission, epoch or trade reads.
struct SubnetEconomics: Equatable {
  var pool: LiquidityPool
  var alphaPools: [StakePool]
  var totalStaked: UInt64
  var pending: PendingEmission
  var ledger: AlphaLedger
  var emaPrice: Double
  var taoFlowEMA: Double
  var netTaoFlowSinceRefresh: Double
  var chain: SubnetEpochState
  var hotkeys: [HotkeyID]
  var lastEmission: [UInt64]
  var lastDividendShare: [Double]
  var lastIncentiveShare: [Double]
  var burn: RegistrationBurn
  var epochIndex: Int64
  var lastEpochBlock: Int64
  var minerBurnedFraction: Double

  init(_ s: Subnet) {
    pool = s.pool
    alphaPools = s.alphaPools
    totalStaked = s.totalStaked
    pending = s.pending
    ledger = s.ledger
    emaPrice = s.emaPrice
    taoFlowEMA = s.taoFlowEMA
    netTaoFlowSinceRefresh = s.netTaoFlowSinceRefresh
    chain = s.chain
    hotkeys = s.hotkeys
    lastEmission = s.lastEmission
    lastDividendShare = s.lastDividendShare
    lastIncentiveShare = s.lastIncentiveShare
    burn = s.burn
    epochIndex = s.epochIndex
    lastEpochBlock = s.lastEpochBlock
    minerBurnedFraction = s.minerBurnedFraction
  }
}

/// Expects two worlds to end in the same economic state: every subnet's pools, stake, pending
/// emission and alpha ledger, the TAO issuance and ledger, every coldkey and hotkey, root stake
/// and weights, and the policy's shares.
func expectSameEconomics(_ a: World, _ b: World, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.block == b.block, sourceLocation: sourceLocation)
  #expect(a.state.taoIssuance == b.state.taoIssuance, sourceLocation: sourceLocation)
  #expect(a.state.taoLedger == b.state.taoLedger, sourceLocation: sourceLocation)
  #expect(a.state.totalRootStake == b.state.totalRootStake, sourceLocation: sourceLocation)
  #expect(a.state.lockCost == b.state.lockCost, sourceLocation: sourceLocation)
  #expect(a.state.coldkeys == b.state.coldkeys, sourceLocation: sourceLocation)
  #expect(a.state.hotkeys == b.state.hotkeys, sourceLocation: sourceLocation)
  #expect(a.state.rootPools == b.state.rootPools, sourceLocation: sourceLocation)
  #expect(a.state.rootWeights == b.state.rootWeights, sourceLocation: sourceLocation)
  #expect(a.emissionShares == b.emissionShares, sourceLocation: sourceLocation)
  #expect(a.state.subnets.count == b.state.subnets.count, sourceLocation: sourceLocation)
  for index in a.state.subnets.indices where index < b.state.subnets.count {
    let sa = a.state.subnets[index].map(SubnetEconomics.init)
    let sb = b.state.subnets[index].map(SubnetEconomics.init)
    #expect(sa == sb, "subnet \(index)", sourceLocation: sourceLocation)
  }
  #expect(a.invariantViolations() == [], sourceLocation: sourceLocation)
  #expect(b.invariantViolations() == [], sourceLocation: sourceLocation)
}

/// Observation changes nothing: a record is a pure read, so the recording cadence never moves
/// an accrual interval, a chain buy or a trade's price.
@Suite("Recording cadence")
struct RecordCadenceTests {
  /// Four subnets, nominators staking off the record grid and a churner that stakes and
  /// unstakes every 211 blocks, over `days` days. Shares are refreshed every 1 000 blocks (the
  /// refresh accrues every subnet), so neither 360 nor 7 200 falls on the refresh grid and a
  /// record that accrued would split intervals.
  static func tradingWorld(days: Int64) -> WorldConfig {
    var c = smallConfig(subnets: 4, uids: 16, validators: 5, days: days)
    c.shareRefreshBlocks = 1_000
    c.nominators.count = 12
    c.nominators.intervalBlocks = 1_013
    c.nominators.rule = .bestYield
    c.recording.subnetEveryEpochs = 1
    c.agents = [
      AgentSpec(name: "churner", role: .attacker("churner"), balance: 5_000_000_000_000) { setup in
        Churner(coldkey: setup.coldkey, interval: 211)
      }
    ]
    return c
  }

  static func run(_ config: WorldConfig, seed: UInt64) throws -> (World, CollectingObserver) {
    var world = try World(config: config, rootSeed: seed)
    var observer = CollectingObserver()
    world.run(observer: &observer)
    return (world, observer)
  }

  @Test("recording every 360 or every 7 200 blocks gives the same rows where both record and the same final state",
    arguments: [UInt64(3), 11])
  func cadenceDoesNotChangeRowsOrState(seed: UInt64) throws {
    var fine = Self.tradingWorld(days: 4)
    fine.recording.networkEveryBlocks = 360
    var coarse = fine
    coarse.recording.networkEveryBlocks = 7_200
    let (a, ra) = try Self.run(fine, seed: seed)
    let (b, rb) = try Self.run(coarse, seed: seed)
    #expect(a.counters.actionsApplied > 100)
    #expect(ra.network.count == 4 * 20 + 1)  // + the genesis row
    #expect(rb.network.count == 4 + 1)
    let shared = ra.network.filter { $0.block % 7_200 == 0 }
    #expect(shared.map(\.block) == rb.network.map(\.block))
    for (x, y) in zip(shared, rb.network) { #expect(x == y, "network row at block \(x.block)") }
    #expect(ra.subnets == rb.subnets)
    expectSameEconomics(a, b)
  }

  /// The trading world is sensitive to where accrual intervals are split, so the tests above
  /// would catch a record that applied accrual: stepping the run in 360-block pieces (each
  /// `run(until:)` accrues every subnet at its end) ends in a different state.
  @Test("splitting the accruals every 360 blocks moves the economics of the trading world", arguments: [UInt64(3)])
  func theTradingWorldSeesAccrualSplits(seed: UInt64) throws {
    var config = Self.tradingWorld(days: 2)
    config.recording.networkEveryBlocks = 0
    var whole = try World(config: config, rootSeed: seed)
    whole.run()
    var stepped = try World(config: config, rootSeed: seed)
    for block in stride(from: Int64(360), through: config.horizonBlocks, by: 360) { stepped.run(until: block) }
    #expect(stepped.block == whole.block)
    #expect(stepped.invariantViolations() == [])
    let pools = { (w: World) in w.state.subnets.compactMap { $0?.pool } }
    #expect(pools(stepped) != pools(whole))
  }

  @Test("recording every block gives the same final state as never recording", arguments: [UInt64(5)])
  func recordingEveryBlockEqualsNeverRecording(seed: UInt64) throws {
    var always = Self.tradingWorld(days: 2)
    always.recording.networkEveryBlocks = 1
    always.recording.subnetEveryEpochs = 1
    always.recording.neuronEveryEpochs = 1
    var never = always
    never.recording.networkEveryBlocks = 0
    never.recording.subnetEveryEpochs = 0
    never.recording.neuronEveryEpochs = 0
    let (a, ra) = try Self.run(always, seed: seed)
    var b = try World(config: never, rootSeed: seed)
    b.run()
    #expect(ra.network.count == 2 * 7_200 + 1)
    #expect(!ra.neurons.isEmpty)
    #expect(a.counters.actionsApplied > 50)
    expectSameEconomics(a, b)
  }
}
