import Consensus
import EpochTypes
import NetworkModel
import SimCore
import Testing

@testable import Agents
@testable import Simulation

/// The quantised rows the agents build and the weight rules the World applies to a subnet in place.
@Suite("Weight rows as stored and the weight rules applied in place")
struct WeightRowTests {
  @Test func everyU16UnderTheTopValueIsItsOwnMaxUpscaleSoQuantisedRowsAreStoredAsTheyAre() {
    let all = (0...65_535).map { UInt16($0) }
    #expect(WeightStorage.maxUpscale(all) == all)
    #expect(WeightStorage.maxUpscale([0, 0, 0]) == [0, 0, 0])
  }

  @Test(arguments: [UInt64(1), 7, 23])
  func realWeightsGiveTheEntriesOfQuantisingThenUpscaling(seed: UInt64) {
    let r = RandomStream(rootSeed: seed, purpose: "weight-rows")
    for _ in 0..<300 {
      let count = r.uniformInt(below: 12)
      let uids = (0..<count).map { _ in r.uniformInt(below: 16) - (r.uniform() < 0.05 ? 20 : 0) }
      let weights: [Double] = (0..<count).map { _ in
        switch r.uniformInt(below: 6) {
        case 0: return 0
        case 1: return -r.uniform()
        case 2: return r.uniform() < 0.5 ? .nan : .infinity
        default: return r.uniform() * 1e6
        }
      }
      var top = 0.0
      for w in weights where w.isFinite && w > top { top = w }
      let quantised: [UInt16] = weights.map { w in
        guard top > 0, w.isFinite, w > 0 else { return 0 }
        return UInt16(min(65_535, (w / top * 65_535).rounded(.down)))
      }
      let direct = WeightVector(uids: uids, weights: weights)
      let twoStep = WeightVector(uids: uids, values: quantised)
      #expect(direct == twoStep)
    }
  }

  @Test(arguments: [UInt64(3), 17])
  func rowsOfPositiveWeightsTakeTheUntestedQuantiserAndStoreTheSameEntries(seed: UInt64) {
    let r = RandomStream(rootSeed: seed, purpose: "positive-rows")
    for _ in 0..<400 {
      let count = 1 + r.uniformInt(below: 300)
      let uids = Array(0..<count)
      let scale = [1e-300, 1e-9, 1, 1e6, 1e300][r.uniformInt(below: 5)]
      var weights: [Double] = (0..<count).map { _ in
        switch r.uniformInt(below: 8) {
        case 0: return Double.leastNonzeroMagnitude
        case 1: return scale
        default: return (r.uniform() + 1e-12) * scale
        }
      }
      if r.uniform() < 0.3 { weights[r.uniformInt(below: count)] = weights.max()!.nextDown }
      let top = weights.max()!
      let quantised: [UInt16] = weights.map { UInt16(min(65_535, ($0 / top * 65_535).rounded(.down))) }
      #expect(WeightVector(uids: uids, weights: weights) == WeightVector(uids: uids, values: quantised))
      for w in weights { #expect(WeightVector.quantisedPositive(w, top: top) == WeightVector.quantised(w, top: top)) }
    }
  }

  @Test func ascendingRowsAreWellFormedWithoutATableAndOtherRowsAreStillCheckedForDuplicates() {
    #expect(WeightVector.isStrictlyAscending([]) && WeightVector.isStrictlyAscending([4]))
    #expect(WeightVector.isStrictlyAscending([0, 2, 9]))
    #expect(!WeightVector.isStrictlyAscending([0, 2, 2]) && !WeightVector.isStrictlyAscending([3, 1]))
    #expect(WeightVector(uids: [0, 2, 9], values: [1, 2, 3]).isWellFormed)
    #expect(WeightVector(uids: [9, 0, 2], values: [1, 2, 3]).isWellFormed)
    #expect(!WeightVector(uids: [2, 9, 2], values: [1, 2, 3]).isWellFormed)
    #expect(!WeightVector(uids: [-1, 0, 1], values: [1, 2, 3]).isWellFormed)
  }

  @Test(arguments: [UInt64(2), 11])
  func theTruncatingQuantiserIsTheFlooredOneForEveryWeightUpToTheTop(seed: UInt64) {
    let r = RandomStream(rootSeed: seed, purpose: "quantiser")
    for _ in 0..<20_000 {
      let top = r.uniform() < 0.1 ? Double(r.uniformInt(below: 5) + 1) : r.uniform() * 1e12 + 1e-9
      let w: Double
      switch r.uniformInt(below: 5) {
      case 0: w = top
      case 1: w = top.nextDown
      case 2: w = top * Double(r.uniformInt(below: 65_536)) / 65_535
      default: w = top * r.uniform()
      }
      #expect(WeightVector.quantised(w, top: top) == UInt16(min(65_535, (w / top * 65_535).rounded(.down))))
    }
    #expect(WeightVector.quantised(.nan, top: 1) == 0 && WeightVector.quantised(-1, top: 1) == 0 && WeightVector.quantised(1, top: 0) == 0)
  }

  @Test(arguments: [UInt64(5), 9])
  func theOnePassUIDCheckAgreesWithMinMaxAndADuplicateTable(seed: UInt64) {
    let r = RandomStream(rootSeed: seed, purpose: "uid-check")
    for _ in 0..<2_000 {
      let count = r.uniformInt(below: 10)
      var uids = (0..<count).map { _ in r.uniformInt(below: 24) - (r.uniform() < 0.05 ? 30 : 0) }
      if r.uniform() < 0.4 { uids = Array(Set(uids)).sorted() }
      if r.uniform() < 0.02 { uids.append(1 << 20) }
      let top = uids.max() ?? -1
      var expected = (uids.min() ?? 0) >= 0 && top < 1 << 20
      if expected { expected = Set(uids).count == uids.count }
      let (maxUID, wellFormed) = uids.withUnsafeBufferPointer { WeightVector.check($0) }
      #expect(maxUID == top && wellFormed == expected)
    }
  }

  @Test func aRowStoredFromScratchBuffersIsTheRowStoredFromArrays() {
    let uids = [0, 3, 4, 7, 9, 12]
    let weights = [0.5, 2, 0, 1.25, .infinity, 7]
    let fromBuffers = uids.withUnsafeBufferPointer { u in
      weights.withUnsafeBufferPointer { w in
        TopK.keep(0, uids: UnsafeBufferPointer(rebasing: u[1..<5]), weights: UnsafeBufferPointer(rebasing: w[1..<5]))
      }
    }
    #expect(fromBuffers == WeightVector(uids: Array(uids[1..<5]), weights: Array(weights[1..<5])))
    #expect(TopK.keep(2, uids: [0, 3, 4, 7], weights: [0.5, 2, 0, 1.25]) == WeightVector(uids: [3, 7], weights: [2, 1.25]))
  }

  /// A one-subnet world with commit-reveal set by `period`, and its subnet with a validator's UID.
  func subnet(commitReveal period: Int) throws -> (Subnet, uid: Int, hotkey: HotkeyID) {
    var c = smallConfig(subnets: 1, days: 1)
    c.hyperparameters.commitRevealInterval = period
    c.nominators.count = 0
    let w = try World(config: c, rootSeed: 3)
    let s = w.state.subnets[1]!
    let uid = (0..<s.n).first { s.chain.validatorPermit[$0] && s.chain.ownerUID != $0 }!
    return (s, uid, s.hotkeys[uid])
  }

  @Test func aCommitNotesTheBlockAndTheEarliestCommitAndTheRateLimitRefusesTheNextOne() throws {
    var (s, uid, hotkey) = try subnet(commitReveal: 1)
    let row = WeightVector(uids: [20, 21], values: [1, 2])
    let limit = s.hyper.weightsRateLimit
    let e1 = s.epochIndex
    let r1 = s.noteCommit(row, uid: uid, hotkey: hotkey, block: 100_000)
    #expect(r1 == e1)
    #expect(s.chain.lastUpdate[uid] == 100_000 && s.chain.earliestCommitBlock[uid] == 100_000)
    let r2 = s.noteCommit(row, uid: uid, hotkey: hotkey, block: 100_000 + limit - 1)
    #expect(r2 == nil)
    let r3 = s.noteCommit(row, uid: uid, hotkey: HotkeyID(rawValue: hotkey.rawValue + 999), block: 100_000 + limit)
    #expect(r3 == nil)
    let e4 = s.epochIndex
    let r4 = s.noteCommit(row, uid: uid, hotkey: hotkey, block: 100_000 + limit)
    #expect(r4 == e4)
    #expect(s.chain.lastUpdate[uid] == 100_000 + limit && s.chain.earliestCommitBlock[uid] == 100_000)
    let r5 = s.storeWeights(row, uid: uid, hotkey: hotkey, block: 10_000, stake: WeightStakeRule(threshold: 0, tau: 0, rootStake: 0))
    #expect(!r5)
  }

  @Test func setWeightsStoresTheRowOnlyWhenTheHolderThePermitAndTheStakeThresholdAllowIt() throws {
    var (s, uid, hotkey) = try subnet(commitReveal: 0)
    let row = WeightVector(uids: [20, 21], values: [1, 2])
    let none = WeightStakeRule(threshold: 0, tau: 0, rootStake: 0)
    let r6 = s.noteCommit(row, uid: uid, hotkey: hotkey, block: 100_000)
    #expect(r6 == nil)
    let r7 = s.storeWeights(row, uid: uid, hotkey: HotkeyID(rawValue: hotkey.rawValue + 999), block: 100_000, stake: none)
    #expect(!r7)
    let alpha = Double(s.alphaStake(of: hotkey))
    let tooHigh = WeightStakeRule(threshold: UInt64(alpha) + 1_000, tau: 0.5, rootStake: 1_000)
    let r8 = s.storeWeights(row, uid: uid, hotkey: hotkey, block: 100_000, stake: tooHigh)
    #expect(!r8)
    let met = WeightStakeRule(threshold: UInt64(alpha) + 500, tau: 0.5, rootStake: 1_000)
    let r9 = s.storeWeights(row, uid: uid, hotkey: hotkey, block: 100_000, stake: met)
    #expect(r9)
    #expect(s.chain.weights[uid] == row.entries && s.chain.lastUpdate[uid] == 100_000)
    let r10 = s.storeWeights(row, uid: uid, hotkey: hotkey, block: 100_001, stake: none)
    #expect(!r10)
  }
}
