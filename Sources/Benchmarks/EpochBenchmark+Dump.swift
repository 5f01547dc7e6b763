import Consensus
import Foundation

extension EpochBenchmark.Result {
  /// Writes the timed epoch's output for `Benchmarks/epoch_numpy.py --check` into `folder`:
  /// `VxN_dDENSITY_VARIANT_ARITHMETIC.json` (stored u16 vectors and the combined emission) and
  /// `….bonds.u16` (the stored bonds of the validator rows as a dense row-major little-endian u16
  /// matrix). Creates the folder when missing.
  public func write(variant: String, to folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let stem = "\(folder)/\(validators)x\(uids)_d\(density)_\(variant)_\(arithmetic.rawValue)"
    let o = output
    func list<X>(_ xs: [X]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ",") + "]" }
    let text = """
      {"consensus":\(list(o.consensus)),"incentive":\(list(o.incentive)),"dividends":\(list(o.dividends)),\
      "validator_trust":\(list(o.validatorTrust)),"combined_emission":\(list(o.combinedEmission))}
      """
    try text.write(toFile: stem + ".json", atomically: true, encoding: .utf8)
    var bonds = [UInt16](repeating: 0, count: validators * uids)
    for i in 0..<validators {
      for e in o.bonds[i] { bonds[i * uids + e.uid] = e.value.littleEndian }
    }
    try bonds.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: stem + ".bonds.u16"))
  }
}
