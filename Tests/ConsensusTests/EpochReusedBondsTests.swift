import EpochTypes
import Testing

@testable import Consensus

/// The epoch that writes its bond rows over the stored ones
/// (``YumaEpoch/run(reusingBondsOf:hyperparameters:block:tempo:emission:arithmetic:)``) gives the
/// outputs and stored rows of the plain epoch followed by `persist`, epoch after epoch.
@Suite("Epochs reusing the stored bond rows")
struct EpochReusedBondsTests {

  /// 24 UIDs, 8 of them staked validators competing for 6 permits; no bonds yet.
  static func subnet() -> SubnetEpochState {
    var state = SubnetEpochState(n: 24, registeredAt: 1)
    for i in 0..<8 { state.alphaStake[i] = 1_000_000_000 + UInt64(i) * 50_000_000 }
    return state
  }

  static func hyperparameters(_ model: Int) -> EpochHyperparameters {
    var hp = EpochHyperparameters()
    hp.yuma3 = model > 0
    hp.liquidAlpha = model == 2
    hp.maxAllowedValidators = 6
    hp.activityCutoffBlocks = 5_000
    return hp
  }

  /// Epoch `e`'s changes before it runs: new weight rows of random columns (so that bond rows
  /// grow and shrink), stakes that move permits, and from epoch 3 a replaced neuron (a masked column).
  static func prepare(_ state: inout SubnetEpochState, epoch e: Int, block: Int64, rng: inout SplitMix64) throws {
    for i in 0..<8 {
      let dense = rng.next() % 3 == 0
      let dests = (8..<24).filter { _ in dense || rng.next() % 3 == 0 }
      try state.setWeights(uid: i, dests: dests, values: dests.map { _ in UInt16(1 + rng.next() % 60_000) }, block: block)
      state.alphaStake[i] = 500_000_000 + rng.next() % 1_000_000_000
    }
    if e == 3 { state.replaceNeuron(uid: 12, block: block, alphaStake: 0) }
  }

  @Test(
    "Writing the rows over the stored ones gives the plain epoch's outputs and stored rows over eight epochs, in Yuma 2, Yuma 3 and liquid alpha",
    arguments: Arithmetic.allCases, [0, 1, 2])
  func sameAsThePlainEpoch(arithmetic: Arithmetic, model: Int) throws {
    let hp = Self.hyperparameters(model)
    var plain = Self.subnet()
    var reused = plain
    var rng = SplitMix64(state: 0x5EED &+ UInt64(model))
    for e in 0..<8 {
      let block = Int64(100 + 360 * e)
      var draws = rng
      try Self.prepare(&plain, epoch: e, block: block - 50, rng: &rng)
      try Self.prepare(&reused, epoch: e, block: block - 50, rng: &draws)
      let x = try YumaEpoch.run(plain, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
      plain.persist(x, block: block)
      let y = try YumaEpoch.run(
        reusingBondsOf: &reused, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
      #expect(y == x, "epoch \(e)")
      #expect(reused.bonds == x.bonds, "epoch \(e)")
      reused.persist(y, block: block)
      #expect(reused == plain, "epoch \(e)")
    }
    #expect(plain.bonds.contains { !$0.isEmpty })
  }

  /// The address of each row's storage (nil for a row without one).
  static func addresses(_ rows: [[SparseEntry]]) -> [UnsafeRawPointer?] {
    rows.map { row in row.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } }
  }

  @Test("With unchanged weights the next epoch writes every bond row into the storage it already had", arguments: Arithmetic.allCases)
  func steadyStateKeepsTheStorage(arithmetic: Arithmetic) throws {
    let hp = Self.hyperparameters(1)
    var state = Self.subnet()
    var rng = SplitMix64(state: 7)
    try Self.prepare(&state, epoch: 0, block: 50, rng: &rng)
    func epoch(_ block: Int64) throws {
      let out = try YumaEpoch.run(
        reusingBondsOf: &state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
      state.persist(out, block: block)
    }
    try epoch(100)
    try epoch(460)  // the permits and row sizes settle
    let before = Self.addresses(state.bonds)
    try epoch(820)
    #expect(state.bonds.contains { !$0.isEmpty })
    #expect(Self.addresses(state.bonds) == before)
  }

  @Test(
    "Bond rows shared with another array are left unchanged by the epoch that writes over them, which gives the plain epoch's rows",
    arguments: Arithmetic.allCases, [0, 1, 2])
  func sharedRowsAreLeftUnchanged(arithmetic: Arithmetic, model: Int) throws {
    let hp = Self.hyperparameters(model)
    var state = Self.subnet()
    var rng = SplitMix64(state: 11)
    try Self.prepare(&state, epoch: 0, block: 50, rng: &rng)
    // Two plain epochs: the first grants the permits, the second stores bonds.
    for block in [Int64(100), 460] {
      state.persist(try YumaEpoch.run(state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: arithmetic), block: block)
    }
    try Self.prepare(&state, epoch: 1, block: 760, rng: &rng)
    let copy = state  // shares the bond array and every row
    let r = try #require(state.bonds.firstIndex { !$0.isEmpty })
    let kept = state.bonds[r]  // shares one row
    let values = state.bonds.map { $0.map { $0 } }  // unshared copies of the values
    let expected = try YumaEpoch.run(copy, hyperparameters: hp, block: 820, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
    let out = try YumaEpoch.run(
      reusingBondsOf: &state, hyperparameters: hp, block: 820, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
    #expect(copy.bonds == values)
    #expect(kept == values[r])
    #expect(out == expected)
    #expect(state.bonds == expected.bonds)
    #expect(state.bonds != values)
  }

  @Test("An epoch that throws leaves the stored bond rows as they were")
  func aThrowLeavesTheRows() throws {
    var state = Self.subnet()
    var rng = SplitMix64(state: 3)
    try Self.prepare(&state, epoch: 0, block: 50, rng: &rng)
    for block in [Int64(100), 460] {
      state.persist(try YumaEpoch.run(state, hyperparameters: Self.hyperparameters(1), block: block, tempo: 360, emission: 1_000, arithmetic: .double), block: block)
    }
    #expect(state.bonds.contains { !$0.isEmpty })
    state.weights[0] = [SparseEntry(uid: -1, value: 5)]
    let before = state
    #expect(throws: EpochInputError.self) {
      try YumaEpoch.run(
        reusingBondsOf: &state, hyperparameters: Self.hyperparameters(1), block: 820, tempo: 360, emission: 1_000, arithmetic: .double)
    }
    #expect(state == before)
  }
}
