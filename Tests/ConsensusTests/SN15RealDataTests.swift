import EpochTypes
import Foundation
import Testing

@testable import Consensus

/// The epoch on SN15's real stakes and weights (block 4 769 998, 256 UIDs, 20 weight setters;
/// `data/mainnet/README.md`), in Yuma 2 and Yuma 3 and both arithmetics, with the chain defaults
/// of spec §12 (κ 32 767, β 1, ᾱ 0.1, liquid alpha off, K 64, activity cutoff 5 000, tempo 360)
/// and one tempo of 1 TAO per block as the epoch amount. The fixed-point outputs are frozen in
/// `Golden/sn15-yuma2.csv` and `Golden/sn15-yuma3.csv`.
///
/// Measured: fixed and double differ by at most 1 in any stored u16 and by at most 3 948 base units
/// (1.1·10⁻⁸ of R) in any emission amount; the fixed-point Σ emission falls 1 195 base units short
/// of R (the I32F32 truncation of 256 normalised shares), the double one 20.
///
/// To refresh after an intended change of the epoch: `TAOSIM_UPDATE_GOLDEN=1 swift test --filter SN15`,
/// then review the diff.
@Suite("SN15's real weights and stakes (data/mainnet)")
struct SN15RealDataTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let emission: UInt64 = 360_000_000_000
  static let tempo: Int64 = 360

  static func hp(yuma3: Bool) -> EpochHyperparameters {
    var hp = EpochHyperparameters()
    hp.yuma3 = yuma3
    return hp
  }

  static func run(yuma3: Bool, _ arithmetic: Arithmetic) throws -> EpochOutput {
    let hp = hp(yuma3: yuma3)
    let state = try MainnetData.sn15State(maxValidators: hp.maxAllowedValidators)
    return try YumaEpoch.run(
      state, hyperparameters: hp, block: MainnetData.sn15Block, tempo: tempo, emission: emission, arithmetic: arithmetic)
  }

  @Test("The data load as 256 UIDs with 20 weight setters; those holding a permit hold 99.99 % of the stake")
  func dataLoad() throws {
    let state = try MainnetData.sn15State(maxValidators: 64)
    let setters = try MainnetData.sn15WeightSetters()
    #expect(state.n == 256)
    #expect(setters.count == 20)
    let total = state.alphaStake.reduce(0, +)
    let permitted = setters.filter { state.validatorPermit[$0] }.reduce(0) { $0 + state.alphaStake[$1] }
    #expect(Double(permitted) / Double(total) > 0.9999)
    #expect(state.weights.reduce(0) { $0 + $1.count } == 1_687)
  }

  @Test("Outputs are finite and normalised: incentive and dividends sum to 1 within the u16 floors, emissions to the amount", arguments: [false, true], Arithmetic.allCases)
  func normalised(yuma3: Bool, arithmetic: Arithmetic) throws {
    let out = try Self.run(yuma3: yuma3, arithmetic)
    let n = out.incentive.count
    #expect(out.incentiveShare.allSatisfy(\.isFinite) && out.dividendShare.allSatisfy(\.isFinite))
    #expect(abs(out.incentiveShare.reduce(0, +) - 1) < 1e-6)
    #expect(abs(out.dividendShare.reduce(0, +) - 1) < 1e-6)
    // Each stored u16 is a floor of x·65535: the sum falls short of 65535 by less than one per UID.
    let incentive = out.incentive.reduce(0) { $0 + Int($1) }
    let dividends = out.dividends.reduce(0) { $0 + Int($1) }
    #expect((65_535 - n)...65_535 ~= incentive, "Σ incentive \(incentive)")
    #expect((65_535 - n)...65_535 ~= dividends, "Σ dividends \(dividends)")
    // Each emission amount is floored from a normalised share (spec §6, §0.3).
    let slack = MainnetData.emissionSlack(n: n, emission: Self.emission, arithmetic)
    let combined = out.combinedEmission.reduce(0, +)
    #expect((Self.emission - slack)...Self.emission ~= combined, "Σ emission \(combined)")
    let split = out.minerEmission.reduce(0, +) + out.validatorEmission.reduce(0, +)
    #expect((Self.emission - 2 * slack)...Self.emission ~= split, "Σ srv + val \(split)")
  }

  @Test("Re-running the epoch on the same inputs gives the same bytes", arguments: [false, true], Arithmetic.allCases)
  func stable(yuma3: Bool, arithmetic: Arithmetic) throws {
    let first = try Self.run(yuma3: yuma3, arithmetic)
    let second = try Self.run(yuma3: yuma3, arithmetic)
    #expect(first == second)
    #expect(EpochOutputCSV.text(first) == EpochOutputCSV.text(second))
  }

  @Test("Fixed and double agree within spec §14: stored u16 within 1, emissions within 2·10⁻⁶ of the amount", arguments: [false, true])
  func arithmeticsAgree(yuma3: Bool) throws {
    let f = try Self.run(yuma3: yuma3, .fixed)
    let d = try Self.run(yuma3: yuma3, .double)
    #expect(f.validatorPermit == d.validatorPermit)
    #expect(f.active == d.active)
    let bound = Double(Self.emission) * 2e-6
    var u16Gap = 0
    var emissionGap: UInt64 = 0
    for i in f.incentive.indices {
      for (a, b) in [(f.consensus[i], d.consensus[i]), (f.incentive[i], d.incentive[i]), (f.dividends[i], d.dividends[i]),
                     (f.validatorTrust[i], d.validatorTrust[i]), (f.stakeWeight[i], d.stakeWeight[i])] {
        u16Gap = max(u16Gap, abs(Int(a) - Int(b)))
      }
      for (a, b) in [(f.combinedEmission[i], d.combinedEmission[i]), (f.minerEmission[i], d.minerEmission[i]),
                     (f.validatorEmission[i], d.validatorEmission[i])] {
        emissionGap = max(emissionGap, a > b ? a - b : b - a)
      }
    }
    #expect(u16Gap <= 1)
    #expect(Double(emissionGap) <= bound)
  }

  @Test("The fixed-point epoch matches its golden file", arguments: [false, true])
  func golden(yuma3: Bool) throws {
    let out = try Self.run(yuma3: yuma3, .fixed)
    let text = EpochOutputCSV.text(out)
    let file = Self.golden.appendingPathComponent("sn15-yuma\(yuma3 ? 3 : 2).csv")
    if ProcessInfo.processInfo.environment["TAOSIM_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
    let expected = try? String(contentsOf: file, encoding: .utf8)
    #expect(expected != nil, "no golden file; run with TAOSIM_UPDATE_GOLDEN=1 once")
    #expect(expected == text)
    // The largest incentive and dividend, readable here rather than only in the golden bytes.
    let top = out.incentive.indices.max { (out.incentive[$0], $1) < (out.incentive[$1], $0) }
    let topValidator = out.dividends.indices.max { (out.dividends[$0], $1) < (out.dividends[$1], $0) }
    #expect(top == 126 && out.incentive[126] == 34_213)
    #expect(topValidator == 2)
  }
}
