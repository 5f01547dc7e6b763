import Foundation
import Testing

@testable import SimStats

/// The stake skew of genesis validators, fitted to SN1's permit holders at block 6 852 690
/// (`data/mainnet/sn1-block6852690-metagraph.csv`; `docs/calibration.md`, "Validator stake skew").
@Suite("Stake skew fitted to SN1's permit holders")
struct StakeSkewFitTests {
  /// Every permit holder's `column` (12 holders, all positive).
  static func permitHolders(_ column: String) throws -> [Double] {
    let file = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("data/mainnet/sn1-block6852690-metagraph.csv")
    let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
    let header = lines[0].split(separator: ",").map(String.init)
    let permit = header.firstIndex(of: "validator_permit")!
    let value = header.firstIndex(of: column)!
    return lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
      .filter { $0[permit] == "1" }.map { Double($0[value])! }
  }

  @Test("The lognormal MLE of the 12 permit holders' stake weight is μ = 11.1637, σ = 1.28325 (the genesis default)")
  func lognormalFit() throws {
    let stakes = try Self.permitHolders("total_stake")
    #expect(stakes.count == 12)
    let fit = try #require(StakeSkewFit.lognormal(stakes))
    #expect(abs(fit.mu - 11.163_704_729) < 1e-8)
    #expect(abs(fit.sigma - 1.283_250_174_402_804_6) < 1e-9)
    #expect(abs(fit.sigmaStandardError - 0.2619) < 1e-4)
    #expect(abs(fit.logLikelihood - -153.9845) < 1e-3)
  }

  @Test("A lognormal fits the stake weight better than a power law (AIC 311.97 against 317.95, two parameters each)")
  func lognormalBeatsPareto() throws {
    let stakes = try Self.permitHolders("total_stake")
    let lognormal = try #require(StakeSkewFit.lognormal(stakes))
    let pareto = try #require(StakeSkewFit.pareto(stakes))
    #expect(abs(pareto.shape - 0.39948) < 1e-5)
    #expect(pareto.scale == 5_770.07)
    let aic = (lognormal: 4 - 2 * lognormal.logLikelihood, pareto: 4 - 2 * pareto.logLikelihood)
    #expect(abs(aic.lognormal - 311.969) < 1e-3 && abs(aic.pareto - 317.951) < 1e-3)
    #expect(aic.lognormal < aic.pareto)
  }

  @Test("Fits refuse too few or non-positive values")
  func refusals() {
    #expect(StakeSkewFit.lognormal([1]) == nil)
    #expect(StakeSkewFit.lognormal([1, 0]) == nil)
    #expect(StakeSkewFit.pareto([2, 2]) == nil)
  }
}
