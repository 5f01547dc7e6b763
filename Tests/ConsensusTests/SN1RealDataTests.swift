import EpochTypes
import Testing

@testable import Consensus

/// The epoch on SN1's recorded metagraph (block 6 852 690; `data/mainnet/README.md`): the permit
/// holders put all weight on the owner's UID 395, as on the chain, with the recorded stakes
/// (total stake = alpha + 0.18 × TAO, spec §3.2) and the subnet's hyperparameters at that block
/// (tempo 99, κ 32 767, liquid alpha off, K 128, the legacy 5 000-block activity cutoff), for one
/// tempo's 82 alpha. It reproduces the recorded pattern: incentive 1 on the owner, each
/// validator's dividend its stake share, 41 alpha to each side.
///
/// Measured: every validator's dividend is its stake share within 5·10⁻⁸ (relative); the largest
/// gap to the recorded dividends is 0.73 % (UID 447), the recorded bonds' memory of older stakes.
/// In fixed point the validator side falls 101 base units short of 41 alpha (I32F32 shares).
@Suite("SN1's recorded owner-burn pattern (data/mainnet)")
struct SN1RealDataTests {
  static let emission: UInt64 = 82_000_000_000
  static let tempo: Int64 = 99

  static func hp(yuma3: Bool) -> EpochHyperparameters {
    var hp = EpochHyperparameters()
    hp.yuma3 = yuma3
    hp.kappa = 32_767
    hp.liquidAlpha = false
    hp.maxAllowedValidators = 128
    hp.activityCutoffBlocks = 5_000
    hp.commitReveal = true  // on at that block; no commit is pending, so the mask drops nothing
    hp.taoWeight = UInt64(MainnetData.taoWeight * Double(UInt64.max))
    return hp
  }

  static func run(yuma3: Bool, _ arithmetic: Arithmetic) throws -> (EpochOutput, [[String: String]]) {
    let (state, rows) = try MainnetData.sn1State()
    let out = try YumaEpoch.run(
      state, hyperparameters: hp(yuma3: yuma3), block: MainnetData.sn1Block, tempo: tempo, emission: emission,
      arithmetic: arithmetic)
    return (out, rows)
  }

  /// The UIDs with a recorded dividend: the active validators.
  static func validators(_ rows: [[String: String]]) -> [Int] {
    rows.filter { MainnetData.number($0, "dividends") > 0 }.map { Int(MainnetData.number($0, "uid")) }
  }

  @Test("Incentive 1 sits on the owner's UID and the whole miner side goes to it", arguments: [false, true], Arithmetic.allCases)
  func ownerTakesIncentive(yuma3: Bool, arithmetic: Arithmetic) throws {
    let (out, _) = try Self.run(yuma3: yuma3, arithmetic)
    let owner = MainnetData.sn1Owner
    #expect(out.incentive[owner] == 65_535)
    #expect(out.incentive.indices.allSatisfy { $0 == owner || out.incentive[$0] == 0 })
    #expect(out.dividends[owner] == 0)
    #expect(out.minerEmission.indices.allSatisfy { $0 == owner || out.minerEmission[$0] == 0 })
  }

  @Test("82 alpha split 41/41: all of the miner side to the owner, the validator side to the validators", arguments: [false, true], Arithmetic.allCases)
  func fortyOneEach(yuma3: Bool, arithmetic: Arithmetic) throws {
    let (out, rows) = try Self.run(yuma3: yuma3, arithmetic)
    let half = Self.emission / 2
    let slack = MainnetData.emissionSlack(n: out.incentive.count, emission: Self.emission, arithmetic)
    let validators = Self.validators(rows)
    let miner = out.minerEmission[MainnetData.sn1Owner]
    let validatorSide = out.validatorEmission.reduce(0, +)
    #expect((half - slack)...(half + slack) ~= miner, "miner side \(miner)")
    #expect((half - slack)...(half + slack) ~= validatorSide, "validator side \(validatorSide)")
    #expect(validators.reduce(0) { $0 + out.validatorEmission[$1] } == validatorSide)
  }

  @Test("Each validator's dividend is its stake share within 1 % and the recorded dividend within 1 %", arguments: [false, true], Arithmetic.allCases)
  func dividendsFollowStake(yuma3: Bool, arithmetic: Arithmetic) throws {
    let (out, rows) = try Self.run(yuma3: yuma3, arithmetic)
    let validators = Self.validators(rows)
    #expect(validators.count == 10)
    let stake = Dictionary(uniqueKeysWithValues: validators.map { uid in
      (uid, MainnetData.number(rows[uid], "alpha_stake") + MainnetData.number(rows[uid], "tao_stake"))
    })
    let total = stake.values.reduce(0, +)
    for uid in validators {
      let dividend = out.dividendShare[uid]
      let share = stake[uid]! / total
      let recorded = MainnetData.number(rows[uid], "dividends")
      let gap = abs(Double(out.dividends[uid]) / 65_535 / recorded - 1)
      #expect(abs(dividend / share - 1) < 0.01, "uid \(uid): dividend \(dividend), stake share \(share)")
      #expect(gap < 0.01, "uid \(uid): dividend \(Double(out.dividends[uid]) / 65_535), recorded \(recorded)")
    }
  }
}
