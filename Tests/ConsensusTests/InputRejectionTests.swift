import EpochTypes
import Testing

@testable import Consensus

@Suite("Bad inputs are rejected with a clear error")
struct InputRejectionTests {

  @Test("NaN, infinite and negative stakes are rejected by the median", arguments: [Double.nan, .infinity, -.infinity, -0.5])
  func badStake(value: Double) {
    for arithmetic in Arithmetic.allCases {
      #expect(throws: EpochInputError.self) {
        try YumaMath.weightedMedian(stake: [0.5, value], score: [0.1, 0.2], minority: 0.5, arithmetic: arithmetic)
      }
      #expect(throws: EpochInputError.self) {
        try YumaMath.weightedMedianColumns(stake: [value, 0.5], weights: [[0.1], [0.2]], kappa: 0.5, arithmetic: arithmetic)
      }
      #expect(throws: EpochInputError.self) {
        try YumaMath.emaAlpha(old: [value], new: [0.5], alpha: 0.1, rows: 1, columns: 1, sparse: true, arithmetic: arithmetic)
      }
    }
  }

  @Test("The error names the field, the index and the value")
  func message() {
    do {
      _ = try YumaMath.weightedMedian(stake: [0.5, .nan], score: [0.1, 0.2], minority: 0.5, arithmetic: .double)
      Issue.record("NaN stake was accepted")
    } catch let error as EpochInputError {
      guard case .invalidNumber(let field, let index, let value) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(field == "stake" && index == 1 && value.isNaN)
      #expect(error.description.contains("stake[1]"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("Per-UID arrays of the wrong length and negative UIDs are rejected by the epoch")
  func epochShapes() {
    var state = SubnetEpochState(n: 3)
    state.lastUpdate = [0, 0]
    #expect(throws: EpochInputError.lengthMismatch(field: "lastUpdate", expected: 3, got: 2)) {
      try YumaEpoch.run(state, hyperparameters: EpochHyperparameters(), block: 1, tempo: 360, emission: 1, arithmetic: .double)
    }
    var negative = SubnetEpochState(n: 2)
    negative.validatorPermit = [true, true]
    negative.weights[0] = [SparseEntry(uid: -1, value: 5)]
    for arithmetic in Arithmetic.allCases {
      #expect(throws: EpochInputError.uidOutOfRange(field: "weights", row: 0, uid: -1)) {
        try YumaEpoch.run(negative, hyperparameters: EpochHyperparameters(), block: 1, tempo: 360, emission: 1, arithmetic: arithmetic)
      }
    }
  }

  @Test("A subnet of more UIDs than a stored row can name is rejected by the epoch, in both arithmetics")
  func tooManyUIDs() {
    let n = SparseEntry.maximumUIDs + 1
    let state = SubnetEpochState(n: n)
    for arithmetic in Arithmetic.allCases {
      #expect(throws: EpochInputError.tooManyUIDs(n: n, maximum: 32_767)) {
        try YumaEpoch.run(state, hyperparameters: EpochHyperparameters(), block: 1, tempo: 360, emission: 1, arithmetic: arithmetic)
      }
    }
    #expect(EpochInputError.tooManyUIDs(n: n, maximum: 32_767).description.contains("32768 uids"))
  }

  @Test("A stored entry keeps every UID an epoch takes, keeps a negative UID negative and clamps the rest outside every subnet")
  func entryRange() {
    for uid in [0, 1, 255, 4_095, 16_383, SparseEntry.maximumUIDs - 1, SparseEntry.maximumUIDs] {
      #expect(SparseEntry(uid: uid, value: 7).uid == uid)
    }
    #expect(SparseEntry(uid: -1, value: 7).uid == -1)
    #expect(SparseEntry(uid: -40_000, value: 7).uid < 0)
    #expect(SparseEntry(uid: 40_000, value: 7).uid >= SparseEntry.maximumUIDs)
    #expect(SparseEntry(uid: Int.max, value: 7).uid >= SparseEntry.maximumUIDs)
    var e = SparseEntry(uid: 3, value: 65_535)
    e.uid = 70_000
    #expect(e.uid >= SparseEntry.maximumUIDs && e.value == 65_535)
    #expect(MemoryLayout<SparseEntry>.stride == 4)
  }

  @Test("Weight submissions with duplicate or unknown targets are rejected")
  func submissions() {
    var state = SubnetEpochState(n: 3)
    #expect(throws: WeightSubmissionError.duplicateUID(uid: 1)) {
      try state.setWeights(uid: 0, dests: [1, 1], values: [1, 2], block: 5)
    }
    #expect(throws: WeightSubmissionError.uidOutOfRange(uid: 3, n: 3)) {
      try state.setWeights(uid: 0, dests: [3], values: [1], block: 5)
    }
    #expect(throws: WeightSubmissionError.lengthMismatch(uids: 1, values: 2)) {
      try state.setWeights(uid: 0, dests: [1], values: [1, 2], block: 5)
    }
  }
}
