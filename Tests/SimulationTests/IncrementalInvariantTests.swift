import NetworkModel
import SimCore
import Testing

@testable import Simulation

@Suite("The invariant check after each recorded row re-checks only the subnets that changed")
struct IncrementalInvariantTests {
  @Test("reading subnets marks nothing; a write, an assignment and an append mark exactly their slots")
  func theTableRemembersExactlyTheWrittenSlots() throws {
    var world = try World(config: smallConfig(subnets: 3, days: 1), rootSeed: 5)
    world.run(until: 100)
    _ = world.state.subnets.takeChanged()
    var read: UInt64 = 0
    for index in world.state.subnets.indices { read &+= world.state.subnets[index]?.pool.taoReserve ?? 0 }
    #expect(read > 0)
    #expect(world.state.subnets.takeChanged().isEmpty)
    world.state.subnets[3]!.ledger.burned += 0
    let two = world.state.subnets[2]
    world.state.subnets[2] = two
    world.state.subnets[3]?.emaPrice += 0
    #expect(world.state.subnets.takeChanged() == [2, 3])
    world.state.subnets.append(nil)
    #expect(world.state.subnets.takeChanged() == [4])
    #expect(world.state.subnets.takeChanged().isEmpty)
  }

  @Test("changing several subnets in one access marks exactly those slots and changes each in the given order")
  func modifyingEachListedSubnetMarksItsSlots() throws {
    var world = try World(config: smallConfig(subnets: 3, days: 1), rootSeed: 5)
    world.run(until: 100)
    _ = world.state.subnets.takeChanged()
    let before = (1...3).map { world.state.subnets[$0]!.ledger.burned }
    var order: [Int] = []
    world.state.subnets.modifyEach([3, 1]) { s in
      order.append(s.id.index)
      s.ledger.burned += UInt64(s.id.index)
    }
    #expect(order == [3, 1])
    #expect(world.state.subnets.takeChanged() == [1, 3])
    #expect((1...3).map { world.state.subnets[$0]!.ledger.burned } == [before[0] + 1, before[1], before[2] + 3])
    world.state.subnets.modifyEach([]) { _ in }
    #expect(world.state.subnets.takeChanged().isEmpty)
  }

  @Test("a subnet whose alpha stops adding up is found when it is among the checked, and the run stops")
  func aChangedSubnetIsRechecked() throws {
    var world = try World(config: smallConfig(subnets: 3, days: 3), rootSeed: 5)
    world.run(until: 100)
    #expect(world.invariantViolations().isEmpty)
    world.state.subnets[2]!.ledger.burned += 1
    #expect(world.invariantViolations(subnets: [1, 3]).isEmpty)
    #expect(world.invariantViolations(subnets: [2]).contains { $0.contains("SN2 alpha not conserved") })
    #expect(!world.invariantViolations().isEmpty)
    let summary = world.run()
    #expect(summary.counters.invariantViolations == 1)
    #expect(summary.counters.firstViolation?.contains("alpha not conserved") == true)
  }

  @Test("the share scan a pool keeps agrees with a fresh scan after every change of a long random run")
  func poolsKeepTheirScan() throws {
    var world = try World(config: smallConfig(subnets: 3, days: 6), rootSeed: 9)
    for day in 1...6 {
      world.run(until: Int64(day) * 7_200)
      for index in world.state.subnets.indices {
        guard let s = world.state.subnets[index] else { continue }
        for p in s.alphaPools { #expect(p.isConsistent == p.isConsistentByScan && p.isConsistent) }
      }
      for p in world.state.rootPools { #expect(p.isConsistent == p.isConsistentByScan && p.isConsistent) }
    }
  }
}

@Suite("The utility check's bit test")
struct UtilityBitTestTests {
  @Test("finite values ≥ 0 (and −0) pass; NaN, ±∞ and negatives fail, wherever they sit")
  func bitTestMatchesTheDefinition() {
    let good: [Double] = [0, -0.0, .leastNonzeroMagnitude, 1, .greatestFiniteMagnitude]
    #expect(World.allFiniteNonNegative(good))
    #expect(World.allFiniteNonNegative([]))
    for bad in [Double.nan, .infinity, -.infinity, -1, -.leastNonzeroMagnitude, -.greatestFiniteMagnitude] {
      for position in 0...good.count {
        var v = good
        v.insert(bad, at: position)
        #expect(!World.allFiniteNonNegative(v), "\(bad) at \(position)")
      }
    }
  }

  @Test("the summing pass answers as the bit test on random arrays with values that defeat it", arguments: [UInt64(4), 13])
  func summingPassMatchesTheBitTest(seed: UInt64) {
    let r = RandomStream(rootSeed: seed, purpose: "utility-check")
    let odd: [Double] = [
      -0.0, .nan, .infinity, -.infinity, -1, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
    ]
    for _ in 0..<3_000 {
      let count = r.uniformInt(below: 14)
      var v: [Double] = (0..<count).map { _ in r.uniform() * 10 }
      for _ in 0..<r.uniformInt(below: 3) where count > 0 { v[r.uniformInt(below: count)] = odd[r.uniformInt(below: odd.count)] }
      #expect(World.allFiniteNonNegative(v) == World.allFiniteNonNegativeByBits(v), "\(v)")
    }
    // Finite values whose sum overflows still pass (the bit test decides).
    #expect(World.allFiniteNonNegative([.greatestFiniteMagnitude, .greatestFiniteMagnitude, 1, 2, 3]))
  }
}
