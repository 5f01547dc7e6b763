import Agents
import Metrics
import NetworkModel
import Testing

@testable import Simulation

/// Worlds with yield stakers and the miners' economy on: sellers reach the pools, losing miners
/// stop, the compute price is what the miners are paid, and invariants and determinism hold.
@Suite("A world with yield stakers, miners who pay for compute, and sellers")
struct EconomyWorldTests {
  func config(subnets: Int = 3, days: Int64 = 6) -> WorldConfig {
    var c = smallConfig(subnets: subnets, uids: 24, validators: 6, days: days)
    c.stakers.count = 12
    c.stakers.reconsiderFraction = 0.5
    c.stakers.noise = 0.5
    c.stakers.horizonDays = 365
    c.stakers.utilityWeight = 0.1
    c.economics.enabled = true
    c.economics.minerSellFraction = 0.5
    c.economics.ownerSellFraction = 0.5
    c.economics.validatorSellFraction = 0.5
    return c
  }

  @Test("runs with every invariant holding on several seeds and subnet counts", arguments: [(UInt64(1), 2), (5, 3), (11, 4)])
  func invariantsHold(seed: UInt64, subnets: Int) throws {
    var c = config(subnets: subnets)
    c.nominators.inflowPerActivation = UInt64(seed % 3) * 5_000_000_000
    #expect(c.problems().isEmpty, "\(c.problems())")
    var world = try World(config: c, rootSeed: seed)
    var observer = CollectingObserver()
    let summary = world.run(observer: &observer)
    #expect(summary.counters.invariantViolations == 0)
    #expect(world.invariantViolations() == [])
    #expect(world.state.taoLedger.authorFees > 0)
  }

  @Test("gives the same records twice with the same seed, and other records than the world without them")
  func isDeterministic() throws {
    let first = try records(config(), seed: 3)
    #expect(try records(config(), seed: 3) == first)
    #expect(try records(smallConfig(subnets: 3, uids: 24, validators: 6, days: 6), seed: 3) != first)
  }

  @Test("stakers hold a fifth of the genesis validators' own stake, and the hotkeys' stake is unchanged")
  func stakersAreCarvedOutOfValidatorStake() throws {
    var off = config()
    off.stakers.count = 0
    let plain = try World(config: off, rootSeed: 2)
    let carved = try World(config: config(), rootSeed: 2)
    for j in 1...3 {
      let a = plain.state.subnets[j]!
      let b = carved.state.subnets[j]!
      #expect(a.chain.alphaStake == b.chain.alphaStake)
      #expect(a.pool == b.pool)
    }
    let s = carved.state.subnets[1]!
    let stakerShare = s.alphaPools.reduce(UInt64(0)) { sum, pool in
      sum + pool.stakers.filter { c in carved.state.coldkeys.indices.contains(c.index) && c.index >= carved.state.coldkeys.count - 12 }
        .reduce(UInt64(0)) { $0 + pool.value(of: $1) }
    }
    let validatorStake = (0..<s.n).filter { carved.state.hotkeys[s.hotkeys[$0].index].role == .honestValidator }
      .reduce(UInt64(0)) { $0 + s.alphaStake(uid: $1) }
    #expect(abs(Double(stakerShare) / Double(validatorStake) - 0.2) < 1e-6)
  }

  @Test("an owner who sells all its cut keeps only what it held when first seen, and the sales reach the pool")
  func ownerSalesReachThePool() throws {
    var keep = config(subnets: 1, days: 3)
    keep.stakers.count = 0
    keep.economics.gpusPerMiner = 0
    keep.economics.minerSellFraction = 0
    keep.economics.validatorSellFraction = 0
    keep.economics.ownerSellFraction = 0
    var sell = keep
    sell.economics.ownerSellFraction = 1
    var a = try World(config: keep, rootSeed: 4)
    var b = try World(config: sell, rootSeed: 4)
    func owner(_ w: World) -> UInt64 {
      let s = w.state.subnets[1]!
      return s.alphaPools[s.alphaPoolOfHotkey[s.ownerHotkey]!].value(of: s.ownerColdkey)
    }
    // Activations at blocks 1 800 (first sight: the baseline), 9 000 and 16 200 (each sells all
    // earned since); subnet 1's epochs fall on blocks 359 + 360k, so none after 16 200 by 16 201.
    a.run(until: 1_801)
    let baseline = owner(a)
    a.run(until: 16_201)
    b.run(until: 16_201)
    #expect(baseline > 0 && owner(a) > 5 * baseline)
    #expect(owner(b) == baseline)
    #expect(b.state.subnets[1]!.pool.alphaReserve > a.state.subnets[1]!.pool.alphaReserve)
    #expect(b.state.subnets[1]!.spotPrice < a.state.subnets[1]!.spotPrice)
    #expect(b.state.coldkeys[0].balance > a.state.coldkeys[0].balance)  // proceeds left to the outside
  }

  @Test("miners whose compute costs more than they earn stop working after the two-day loss window")
  func losingMinersExit() throws {
    var c = config(subnets: 1, days: 4)
    c.stakers.count = 0
    c.miners.exitProbability = 0
    c.economics.gpuHourUSD = 1_000_000
    c.economics.exitWindowDays = 2
    var w = try World(config: c, rootSeed: 6)
    func working() -> Int {
      let s = w.state.subnets[1]!
      return s.hotkeys.filter { w.state.hotkeys[$0.index].role == .honestMiner && w.utility[$0] > 0 }.count
    }
    // Activations at 1 800 (memory), 9 000 (first loss), 16 200 (second loss: exit).
    w.run(until: 16_199)
    #expect(working() > 0)
    w.run(until: 16_201)
    #expect(working() == 0)
  }

  @Test("the compute price is the miners' daily TAO × TAO/USD ÷ their GPU-hours, worked out from the subnet's last epoch")
  func computePriceByHand() throws {
    var c = config(subnets: 1, days: 1)
    c.stakers.count = 0
    c.economics.taoUSD = 250
    c.economics.gpusPerMiner = 2
    var w = try World(config: c, rootSeed: 8)
    w.run(until: 7_000)
    let s = w.state.subnets[1]!
    let miners = (0..<s.n).filter { w.utility[s.hotkeys[$0]] > 0 }
    let alphaPerEpoch = miners.reduce(0.0) { $0 + Double(s.lastEmission[$1]) } / 1e9
    // Tempo 360: 20 epochs a day; 2 GPUs × 24 h per miner.
    let taoPerDay = alphaPerEpoch * s.spotPrice * 20
    let price = w.view.computePrice()
    #expect(!miners.isEmpty && alphaPerEpoch > 0)
    #expect(abs(price.minerTaoPerDay - taoPerDay) < 1e-9 * taoPerDay)
    #expect(abs(price.usdPerGPUHour! - taoPerDay * 250 / (Double(miners.count) * 48)) < 1e-9 * price.usdPerGPUHour!)
  }
}
