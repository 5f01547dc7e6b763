import EpochTypes
import Testing

@testable import Consensus

/// An epoch run without storing its bonds (the retention study's epochs) gives every other
/// output of the full epoch, bit for bit.
@Suite("Epochs without stored bonds")
struct EpochStoringBondsTests {
  @Test(
    "Skipping the bond storage leaves n empty bond rows and changes no other output",
    arguments: [0, 1, 2], Arithmetic.allCases)
  func everyOtherOutputIsTheSame(model: Int, arithmetic: Arithmetic) throws {
    let state = EpochInlineCheckTests.subnet()
    let hp = EpochInlineCheckTests.hyperparameters(model)
    let full = try YumaEpoch.run(state, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic)
    var light = try YumaEpoch.run(
      state, hyperparameters: hp, block: 20, tempo: 360, emission: 1_000, arithmetic: arithmetic, storingBonds: false)
    #expect(full.bonds.contains { !$0.isEmpty })
    #expect(light.bonds == Array(repeating: [], count: state.n))
    light.bonds = full.bonds
    #expect(light == full)
  }
}
