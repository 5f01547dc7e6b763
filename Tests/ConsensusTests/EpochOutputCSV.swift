import EpochTypes

/// An epoch's stored per-UID outputs (spec §6) as CSV text, one row per UID, for golden files:
/// the u16 vectors, the active flag and new permit, the three emission amounts and each UID's
/// persisted bond row as its entry count and value sum.
enum EpochOutputCSV {
  static func text(_ out: EpochOutput) -> String {
    var lines = ["uid,consensus,incentive,dividends,validator_trust,stake_weight,active,permit,miner_emission,validator_emission,emission,bond_entries,bond_sum"]
    for i in out.consensus.indices {
      let bondSum = out.bonds[i].reduce(0) { $0 + Int($1.value) }
      let fields: [String] = [
        "\(i)", "\(out.consensus[i])", "\(out.incentive[i])", "\(out.dividends[i])", "\(out.validatorTrust[i])",
        "\(out.stakeWeight[i])", out.active[i] ? "1" : "0", out.validatorPermit[i] ? "1" : "0",
        "\(out.minerEmission[i])", "\(out.validatorEmission[i])", "\(out.combinedEmission[i])",
        "\(out.bonds[i].count)", "\(bondSum)",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
