import EpochTypes
import Testing

import Benchmarks
@testable import Consensus

@Suite("The production epoch (spec §3–§6)")
struct EpochTests {

  /// Four validators with equal stake and permits weighting miners 4…7.
  static func subnet(n: Int = 8) -> SubnetEpochState {
    var state = SubnetEpochState(n: n, registeredAt: 1)
    for i in 0..<4 {
      state.alphaStake[i] = 1_000_000_000
      state.validatorPermit[i] = true
    }
    return state
  }

  static func hp(yuma3: Bool) -> EpochHyperparameters {
    var hp = EpochHyperparameters()
    hp.yuma3 = yuma3
    hp.maxAllowedValidators = 4
    hp.activityCutoffBlocks = 5_000
    return hp
  }

  @Test("All-zero weight rows stay zero: no NaN, zero trust, emission falls back to active stake", arguments: Arithmetic.allCases)
  func zeroRows(arithmetic: Arithmetic) throws {
    var state = Self.subnet()
    for i in 0..<4 { try state.setWeights(uid: i, dests: [4, 5], values: [0, 0], block: 10) }
    let out = try YumaEpoch.run(state, hyperparameters: Self.hp(yuma3: false), block: 11, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
    #expect(out.validatorTrust == Array(repeating: 0, count: 8))
    #expect(out.incentive == Array(repeating: 0, count: 8))
    #expect(out.incentiveShare.allSatisfy { $0 == 0 })
    #expect(out.dividendShare.allSatisfy { $0 == 0 })
    #expect(out.combinedEmission[0...3].allSatisfy { $0 >= 249_999 && $0 <= 250_000 })
    #expect(out.combinedEmission[4...].allSatisfy { $0 == 0 })
    var zeros = [I32F32.zero, .zero]
    EpochEngine<I32F32>.normalize(&zeros)
    #expect(zeros == [.zero, .zero])
    var dzeros = [0.0, 0.0]
    EpochEngine<Double>.normalize(&dzeros)
    #expect(dzeros == [0, 0])
  }

  @Test("Permits go to the top K by stake; on a tie the lower UID loses (spec §3.3)", arguments: Arithmetic.allCases)
  func topK(arithmetic: Arithmetic) throws {
    var state = SubnetEpochState(n: 4, registeredAt: 1)
    state.alphaStake = [5, 7, 7, 9]
    var hp = Self.hp(yuma3: true)
    hp.maxAllowedValidators = 2
    var out = try YumaEpoch.run(state, hyperparameters: hp, block: 2, tempo: 360, emission: 0, arithmetic: arithmetic)
    #expect(out.validatorPermit == [false, false, true, true])
    state.ownerUID = 0
    out = try YumaEpoch.run(state, hyperparameters: hp, block: 2, tempo: 360, emission: 0, arithmetic: arithmetic)
    #expect(out.validatorPermit == [true, false, true, true])  // the owner always holds a permit
  }

  @Test("Self-weights are masked except the owner's (spec §3.5 step 3)", arguments: Arithmetic.allCases)
  func ownerSelfWeight(arithmetic: Arithmetic) throws {
    var state = Self.subnet()
    state.ownerUID = 0
    try state.setWeights(uid: 0, dests: [0], values: [65_535], block: 10)
    for i in 1..<4 { try state.setWeights(uid: i, dests: [i], values: [65_535], block: 10) }
    let out = try YumaEpoch.run(state, hyperparameters: Self.hp(yuma3: false), block: 11, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    // Only the owner's self-weight survives, with a quarter of the stake: below κ, consensus 0.
    #expect(out.validatorTrust[0] == 0 && out.consensus[0] == 0)
    #expect(out.validatorTrust[1...3].allSatisfy { $0 == 0 })
  }

  @Test("Fixed and double agree on a mid-size Yuma-2 and Yuma-3 subnet", arguments: [false, true])
  func arithmeticsAgree(yuma3: Bool) throws {
    var state = try EpochBenchmark.state(
      validators: 16, uids: 64, density: 1, hyperparameters: Self.hp(yuma3: yuma3), block: 1_000, arithmetic: .fixed)
    state.lastMechanismStepBlock = 0
    var hp = Self.hp(yuma3: yuma3)
    hp.maxAllowedValidators = 16
    let f = try YumaEpoch.run(state, hyperparameters: hp, block: 1_000, tempo: 360, emission: 1_000_000_000, arithmetic: .fixed)
    let d = try YumaEpoch.run(state, hyperparameters: hp, block: 1_000, tempo: 360, emission: 1_000_000_000, arithmetic: .double)
    #expect(f.validatorPermit == d.validatorPermit)
    #expect(f.stakeWeight == d.stakeWeight)
    for i in 0..<64 {
      #expect(abs(Int(f.consensus[i]) - Int(d.consensus[i])) <= 1)
      #expect(abs(Int(f.incentive[i]) - Int(d.incentive[i])) <= 1)
      #expect(abs(Int(f.dividends[i]) - Int(d.dividends[i])) <= 1)
      let e = f.combinedEmission[i] > d.combinedEmission[i]
        ? f.combinedEmission[i] - d.combinedEmission[i] : d.combinedEmission[i] - f.combinedEmission[i]
      #expect(e <= 1_000, "uid \(i): \(f.combinedEmission[i]) vs \(d.combinedEmission[i])")
    }
  }

  @Test("Persisting stores P', the bond rows and the step block; replacing a neuron resets its slot")
  func persistAndReplace() throws {
    var state = Self.subnet()
    for i in 0..<4 { try state.setWeights(uid: i, dests: [4, 5, 6], values: [100, 200, 300], block: 10) }
    let out = try YumaEpoch.run(state, hyperparameters: Self.hp(yuma3: true), block: 20, tempo: 360, emission: 1_000, arithmetic: .fixed)
    state.persist(out, block: 20)
    #expect(state.validatorPermit == out.validatorPermit)
    #expect(state.bonds == out.bonds)
    #expect(state.lastMechanismStepBlock == 20)
    #expect(!state.bonds[0].isEmpty && state.bonds[4].isEmpty)
    state.replaceNeuron(uid: 5, block: 30, alphaStake: 7)
    #expect(state.registrationBlock[5] == 30 && state.lastUpdate[5] == 30 && !state.validatorPermit[5])
    #expect(state.alphaStake[5] == 7 && state.weights[5].isEmpty && state.bonds[5].isEmpty)
    #expect(state.weights[0].first { $0.uid == 5 }?.value == 0)  // kept, zeroed
    state.resetBondsColumn(uid: 4)
    #expect(state.bonds.allSatisfy { row in !row.contains { $0.uid == 4 } })
  }
}

@Suite("Hand-built states")
struct HandBuiltStateTests {
  @Test("Unsorted rows and repeated UIDs are read as the sorted row with the first entry kept", arguments: Arithmetic.allCases)
  func unsortedRows(arithmetic: Arithmetic) throws {
    var a = EpochTests.subnet()
    var b = a
    for i in 0..<4 {
      a.weights[i] = [SparseEntry(uid: 4, value: 100), SparseEntry(uid: 6, value: 300)]
      b.weights[i] = [SparseEntry(uid: 6, value: 300), SparseEntry(uid: 4, value: 100), SparseEntry(uid: 6, value: 9)]
    }
    let hp = EpochTests.hp(yuma3: true)
    let x = try YumaEpoch.run(a, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    let y = try YumaEpoch.run(b, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    #expect(x == y)
  }

  @Test("Unsorted stored bond rows with a repeated UID are read as the sorted row with the first entry kept", arguments: Arithmetic.allCases)
  func unsortedBondRows(arithmetic: Arithmetic) throws {
    var a = EpochTests.subnet()
    a.lastMechanismStepBlock = 10  // bonds on UIDs registered at block 1 are live
    for i in 0..<4 {
      a.weights[i] = [SparseEntry(uid: 4, value: 100), SparseEntry(uid: 6, value: 300)]
      a.lastUpdate[i] = 10  // weights set after registration: not outdated
    }
    var b = a
    for i in 0..<4 {
      a.bonds[i] = [SparseEntry(uid: 4, value: 500), SparseEntry(uid: 6, value: 900)]
      b.bonds[i] = [SparseEntry(uid: 6, value: 900), SparseEntry(uid: 4, value: 500), SparseEntry(uid: 6, value: 7)]
    }
    for yuma3 in [false, true] {
      let hp = EpochTests.hp(yuma3: yuma3)
      let x = try YumaEpoch.run(a, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
      let y = try YumaEpoch.run(b, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
      #expect(x == y)
      #expect(x.bonds[0].map(\.uid) == [4, 6])
    }
  }

  @Test("A negative UID in a stored bond row is refused with its row", arguments: Arithmetic.allCases)
  func negativeBondUID(arithmetic: Arithmetic) {
    var state = EpochTests.subnet()
    state.bonds[2] = [SparseEntry(uid: 3, value: 5), SparseEntry(uid: -2, value: 5)]
    #expect(throws: EpochInputError.uidOutOfRange(field: "bonds", row: 2, uid: -2)) {
      try YumaEpoch.run(
        state, hyperparameters: EpochTests.hp(yuma3: false), block: 20, tempo: 360, emission: 1_000,
        arithmetic: arithmetic)
    }
  }
}

@Suite("Edge cases")
struct EpochEdgeCaseTests {
  @Test("An empty subnet, K = 0 and an all-zero stake run without traps", arguments: Arithmetic.allCases)
  func degenerate(arithmetic: Arithmetic) throws {
    let empty = try YumaEpoch.run(SubnetEpochState(n: 0), hyperparameters: EpochHyperparameters(), block: 1, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    #expect(empty.combinedEmission.isEmpty && empty.bonds.isEmpty)
    var state = EpochTests.subnet()
    try state.setWeights(uid: 0, dests: [4, 5], values: [1, 2], block: 10)
    var hp = EpochTests.hp(yuma3: true)
    hp.maxAllowedValidators = 0
    let noPermits = try YumaEpoch.run(state, hyperparameters: hp, block: 11, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    #expect(noPermits.validatorPermit.allSatisfy { !$0 })
    #expect(noPermits.bonds.allSatisfy { $0.isEmpty })
    var broke = state
    broke.alphaStake = Array(repeating: 0, count: 8)
    let zero = try YumaEpoch.run(broke, hyperparameters: EpochTests.hp(yuma3: false), block: 11, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    #expect(zero.combinedEmission.allSatisfy { $0 == 0 })
    #expect(zero.stakeWeight.allSatisfy { $0 == 0 })
  }

  @Test("The liquid-alpha rate of a validator agreeing with consensus is ≈ 0.1013 for (0.1, 0.3) (spec §5.3.1)", arguments: Arithmetic.allCases)
  func liquidAlphaRate(arithmetic: Arithmetic) {
    var hp = EpochHyperparameters()
    hp.alphaLow = 6_553
    hp.alphaHigh = 19_660
    hp.alphaSigmoidSteepness = 1_000
    switch arithmetic {
    case .fixed:
      let rate = LiquidAlphaSigmoid<I32F32>(hp).rate(consensus: .one, weight: .one, bond: .zero).doubleValue
      #expect(abs(rate - 0.1013) < 1e-4)
    case .double:
      let rate = LiquidAlphaSigmoid<Double>(hp).rate(consensus: 1, weight: 1, bond: 0)
      #expect(abs(rate - 0.1013) < 1e-4)
    }
  }

  @Test("Emission amounts are floored and never exceed R", arguments: Arithmetic.allCases)
  func emissionFloors(arithmetic: Arithmetic) throws {
    var state = EpochTests.subnet()
    for i in 0..<4 { try state.setWeights(uid: i, dests: [4, 5, 6, 7], values: [7, 11, 13, 17], block: 10) }
    let out = try YumaEpoch.run(state, hyperparameters: EpochTests.hp(yuma3: true), block: 11, tempo: 360, emission: 999_999_937, arithmetic: arithmetic)
    let total = out.combinedEmission.reduce(0, +)
    #expect(total <= 999_999_937 && total >= 999_999_937 - 8)
    #expect(out.minerEmission.reduce(0, +) + out.validatorEmission.reduce(0, +) <= 999_999_937)
  }
}
