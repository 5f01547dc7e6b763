import EpochTypes
import Foundation

@testable import Consensus

/// The real-network snapshots in `data/mainnet/` (see its README for sources and licences), read
/// as epoch inputs. Found from this file's path, so the tests need no bundled resources.
enum MainnetData {
  /// `<package root>/data/mainnet/`.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data/mainnet")

  /// The rows of a headed CSV file without quoted fields, as header → field maps.
  static func rows(_ name: String) throws -> [[String: String]] {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    guard let header = lines.first?.map(String.init) else { return [] }
    return lines.dropFirst().map { fields in
      Dictionary(uniqueKeysWithValues: zip(header, fields.map(String.init)))
    }
  }

  /// A field as a number (the files hold only plain decimals).
  static func number(_ row: [String: String], _ key: String) -> Double { Double(row[key] ?? "") ?? .nan }

  /// Base units (10⁹ per TAO or alpha) of an amount, rounded.
  static func baseUnits(_ amount: Double) -> UInt64 { UInt64((amount * 1e9).rounded()) }

  /// Top-K permits by stake with the lower UID losing ties (spec §3.3), to stand in for the
  /// permits a previous epoch would have stored.
  static func topK(_ stake: [UInt64], k: Int) -> [Bool] {
    var permit = stake.map { $0 != 0 }
    guard stake.count >= k else { return permit }
    let ascending = stake.indices.sorted { (stake[$0], $0) < (stake[$1], $1) }
    for uid in ascending.prefix(stake.count - k) { permit[uid] = false }
    return permit
  }

  /// How far the Σ of an epoch's emission amounts may fall short of (or, for one side of the
  /// split, stray from) its share of R: one base unit per UID for the floors of spec §6, plus, in
  /// fixed point, the I32F32 truncation of each normalised share (2⁻³² per UID, spec §0.3) times R.
  static func emissionSlack(n: Int, emission: UInt64, _ arithmetic: Arithmetic) -> UInt64 {
    let shares = arithmetic == .fixed ? (Double(emission) * Double(n) / 4_294_967_296).rounded(.up) : 0
    return UInt64(n) + UInt64(shares)
  }

  // MARK: - SN15, block 4 769 998 (pre-dTAO)

  static let sn15Block: Int64 = 4_769_998

  /// SN15's stakes (as alpha, no root stake) and weight rows, every UID registered long before
  /// and active at `sn15Block`, permits as the top K by stake, no bonds yet.
  static func sn15State(maxValidators k: Int) throws -> SubnetEpochState {
    let stakes = try rows("sn15-block4769998-stake.csv")
    var state = SubnetEpochState(n: stakes.count, registeredAt: 0)
    for row in stakes { state.alphaStake[Int(number(row, "uid"))] = baseUnits(number(row, "stake_tao")) }
    state.validatorPermit = topK(state.alphaStake, k: k)
    var byValidator: [Int: [(uid: Int, weight: Double)]] = [:]
    for row in try rows("sn15-block4769998-weights.csv") {
      byValidator[Int(number(row, "validator_uid")), default: []].append((Int(number(row, "miner_uid")), number(row, "weight")))
    }
    for (validator, entries) in byValidator {
      let top = entries.map(\.weight).max() ?? 1
      try state.setWeights(
        uid: validator, dests: entries.map(\.uid),
        values: entries.map { UInt16(($0.weight / top * 65_535).rounded()) }, block: sn15Block)
    }
    for uid in 0..<state.n { state.lastUpdate[uid] = sn15Block }
    return state
  }

  /// The UIDs that set weights on SN15.
  static func sn15WeightSetters() throws -> Set<Int> {
    Set(try rows("sn15-block4769998-weights.csv").map { Int(number($0, "validator_uid")) })
  }

  // MARK: - SN1, block 6 852 690

  static let sn1Block: Int64 = 6_852_690
  static let sn1Owner = 395
  /// The TAO weight 0.18 the snapshot's TAO stake is already multiplied by.
  static let taoWeight = 0.18

  /// SN1's metagraph: each UID's alpha and root stake (the TAO column divided back by the TAO
  /// weight), registration and last update as recorded, the recorded permits, and every permit
  /// holder but the owner putting all its weight on the owner's UID.
  static func sn1State() throws -> (state: SubnetEpochState, rows: [[String: String]]) {
    let metagraph = try rows("sn1-block6852690-metagraph.csv")
    var state = SubnetEpochState(n: metagraph.count, registeredAt: 0)
    for row in metagraph {
      let uid = Int(number(row, "uid"))
      state.alphaStake[uid] = baseUnits(number(row, "alpha_stake"))
      state.rootStake[uid] = baseUnits(number(row, "tao_stake") / taoWeight)
      state.registrationBlock[uid] = Int64(number(row, "block_at_registration"))
      state.lastUpdate[uid] = Int64(number(row, "last_update"))
      state.validatorPermit[uid] = number(row, "validator_permit") == 1
    }
    state.ownerUID = sn1Owner
    for uid in 0..<state.n where state.validatorPermit[uid] && uid != sn1Owner {
      try state.setWeights(uid: uid, dests: [sn1Owner], values: [65_535], block: state.lastUpdate[uid])
    }
    return (state, metagraph)
  }
}
