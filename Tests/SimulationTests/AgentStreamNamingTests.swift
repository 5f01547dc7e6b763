import Agents
import NetworkModel
import SimCore
import Testing

@testable import Simulation

/// An agent that places neurons and records what it draws: three numbers from a stream of its own
/// factory at creation, three from its slot stream at block 1.
struct DrawRecorder: AgentStrategy {
  let kind = "draw-recorder"
  let name: String
  let hotkeys: [(subnet: SubnetID, hotkey: HotkeyID)]
  let setupDraws: [Double]
  var slotDraws: [Double] = []

  init(_ setup: AgentSetup) {
    name = setup.name
    hotkeys = setup.hotkeys
    let own = setup.streams.stream("recorder")
    setupDraws = (0..<3).map { _ in own.uniform() }
  }

  func firstActivation(start: Int64) -> Int64? { 1 }
  mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    slotDraws = (0..<3).map { _ in rng.uniform() }
    return []
  }
  func nextActivation(after block: Int64) -> Int64? { nil }
}

@Suite("Agents' random streams are keyed by their stable names")
struct AgentStreamNamingTests {
  func recorder(_ name: String, on subnet: Int, count: Int, stake: UInt64) -> AgentSpec {
    AgentSpec(
      name: name, role: .attacker(name),
      placements: [AgentPlacement(subnet: subnet, count: count, alphaStake: stake, utility: 0.5)],
      make: { DrawRecorder($0) })
  }

  /// The recorder named `name` in `world`, after the run.
  func recorded(_ world: World, _ name: String) -> DrawRecorder? {
    world.agents.lazy.compactMap { $0.strategy as? DrawRecorder }.first { $0.name == name }
  }

  /// Every UID's utility on `subnet`.
  func utilities(_ world: World, subnet: Int) -> [Double] {
    world.state.subnets[subnet]!.hotkeys.map { world.utility.utility[$0.index] }
  }

  @Test(arguments: [UInt64(3), 17])
  func insertingAnAgentThatPlacesUIDsBeforeAnotherChangesNoneOfTheOthersDraws(seed: UInt64) throws {
    var alone = smallConfig(days: 2)
    alone.agents = [recorder("watcher", on: 1, count: 2, stake: 1_000_000_000)]
    var crowded = alone
    crowded.agents.insert(recorder("intruder", on: 1, count: 3, stake: 5_000_000_000), at: 0)
    var a = try World(config: alone, rootSeed: seed)
    var b = try World(config: crowded, rootSeed: seed)
    _ = a.run()
    _ = b.run()
    let before = try #require(recorded(a, "watcher"))
    let after = try #require(recorded(b, "watcher"))
    #expect(before.setupDraws == after.setupDraws)
    #expect(before.slotDraws == after.slotDraws)
    #expect(before.slotDraws.count == 3)
    #expect(after.setupDraws != recorded(b, "intruder")?.setupDraws)
    // Its placements: the same number of neurons, with the stake and utility it configured.
    #expect(after.hotkeys.count == 2)
    for (subnet, hotkey) in after.hotkeys {
      #expect(b.utility.utility[hotkey.index] == 0.5)
      #expect(b.state.subnets[subnet.index]!.alphaStake(of: hotkey) >= 1_000_000_000)
    }
  }

  @Test func genesisUtilitiesOfHonestMinersDoNotShiftWhenAnAttackPlacesUIDs() throws {
    let plain = smallConfig()
    var attacked = plain
    let placed = 3
    attacked.agents = [recorder("intruder", on: 1, count: placed, stake: 1_000_000_000)]
    let a = try World(config: plain, rootSeed: 5)
    let b = try World(config: attacked, rootSeed: 5)
    let firstMiner: Int = 1 + plain.validatorsPerSubnet
    let firstHonest: Int = firstMiner + placed
    let u1: [Double] = utilities(a, subnet: 1)
    let v1: [Double] = utilities(b, subnet: 1)
    // Owner and validators, then the intruder's UIDs, then honest miners at unchanged utilities.
    let honestBefore: [Double] = Array(u1[firstHonest...])
    let honestAfter: [Double] = Array(v1[firstHonest...])
    let intruders: [Double] = Array(v1[firstMiner..<firstHonest])
    #expect(honestAfter == honestBefore)
    #expect(intruders == [0.5, 0.5, 0.5])
    #expect(Set(honestBefore).count > 1)
    for subnet in 2...plain.subnetCount {
      #expect(utilities(a, subnet: subnet) == utilities(b, subnet: subnet))
    }
  }

  @Test func agentsWithTheSameNameGetNumberedStableNames() {
    let specs = ["copier", "whales", "copier", "copier"].map { recorder($0, on: 1, count: 0, stake: 0) }
    #expect(AgentSpec.stableNames(specs) == ["copier", "whales", "copier#2", "copier#3"])
  }

  @Test func anOwnedFactoryDrawsFromStreamsOfItsOwnerOnly() {
    let run = StreamFactory(rootSeed: 9, replication: 0)
    let a = run.owned(by: "configured.a").stream("x").uniform()
    let b = run.owned(by: "configured.b").stream("x").uniform()
    #expect(a != b)
    #expect(a == run.owned(by: "configured.a").stream("x").uniform())
    #expect(run.stream("x").key.purpose == "x")
    #expect(run.owned(by: "configured.a").stream("x").key.purpose == "configured.a/x")
  }
}
