import Consensus
import EpochTypes
import Testing

@testable import Experiments

@Suite("Retention study pieces")
struct RetentionPiecesTests {
  @Test(
    "the honest/cabal split is ⌊S_H·total⌋ forced into [1, total − 1]",
    arguments: [(51, 32, 228), (75, 48, 336), (99, 63, 443), (1, 1, 4), (100, 63, 447)])
  func layoutSplit(percent: Int, validators: Int, servers: Int) {
    let layout = RetentionLayout(networkSize: 512, validatorCount: 64, honestStakePercent: percent)
    #expect(layout.honestValidators == 0..<validators)
    #expect(layout.cabalValidators == validators..<64)
    #expect(layout.honestServers == 64..<(64 + servers))
    #expect(layout.cabalServers == (64 + servers)..<512)
  }

  @Test("the threshold is the smallest W_H from which every larger W_H retains against every W_C")
  func thresholdWalksDownFromFullUtility() {
    let grid = RetentionGrid(honestStakePercents: [60, 70], utilitySteps: 4)
    // retained[stake][utility index] for W_H = 1, 0.75, 0.5, 0.25, 0: a gap at 0.5 hides the pass at 0.25.
    let retained: [[Bool]] = [[true, true, false, true, false], [false, true, true, true, true]]
    var rows: [RetentionRow] = []
    for (s, stake) in [0.6, 0.7].enumerated() {
      for u in 0..<5 {
        for c in 0..<5 {
          // Make one W_C fail where the cell should fail.
          let pass = retained[s][u] || c != 2
          rows.append(
            RetentionRow(
              honestStake: stake, honestUtility: grid.utility(at: u), cabalSelfWeight: grid.utility(at: c),
              honestEmission: pass ? stake : stake - 1e-9))
        }
      }
    }
    let thresholds = RetentionStudy.thresholds(rows, grid: grid)
    #expect(thresholds == [
      RetentionThreshold(honestStake: 0.6, requiredHonestUtility: 0.75),
      RetentionThreshold(honestStake: 0.7, requiredHonestUtility: nil),
    ])
  }

  @Test("ξ re-weights the miner and validator parts; ξ = ½ matches the stored combined emission")
  func validatorShareReweights() {
    var output = EpochOutput(n: 4)
    // UIDs 0, 1 validators; 2, 3 servers. R = 1000.
    output.validatorEmission = [300, 200, 0, 0]
    output.minerEmission = [0, 0, 100, 400]
    output.combinedEmission = [300, 200, 100, 400]
    let layout = RetentionLayout(networkSize: 4, validatorCount: 2, honestStakePercent: 50)
    // Honest: validator 0 and server 2.
    #expect(RetentionEmission.honestShare(output, layout: layout, validatorShare: 0.5) == 0.4)
    #expect(abs(RetentionEmission.honestShare(output, layout: layout, validatorShare: 0.5 + 1e-12) - 0.4) < 1e-9)
    #expect(RetentionEmission.honestShare(output, layout: layout, validatorShare: 0) == 0.2)
    #expect(RetentionEmission.honestShare(output, layout: layout, validatorShare: 1) == 0.6)
    // No incentive: validators take the miner part too (spec §8.2 step 2).
    output.minerEmission = [0, 0, 0, 0]
    #expect(RetentionEmission.honestShare(output, layout: layout, validatorShare: 0) == 0.6)
  }

  @Test("study u16 scaling: β = 1 → 65 534, κ = ½ → 32 767 (the chain's default Kappa)")
  func u16Scaling() {
    var p = RetentionParameters()
    #expect(p.hyperparameters.bondsPenalty == 65_534)
    #expect(p.hyperparameters.kappa == 32_767)
    p.bondsPenalty = 0.5
    p.kappa = 0
    #expect(p.hyperparameters.bondsPenalty == 32_767)
    #expect(p.hyperparameters.kappa == 0)
    #expect(!p.hyperparameters.yuma3 && !p.hyperparameters.commitReveal)
  }

  @Test("submitted weights are ⌊x·65535⌋ and the stake draws sum to the side's share")
  func submissionsAndStake() {
    #expect(RetentionSlice.submitted(1) == 65_535)
    #expect(RetentionSlice.submitted(0.5) == 32_767)
    #expect(RetentionSlice.submitted(0) == 0)
    let p = RetentionParameters()
    let layout = RetentionLayout(networkSize: 512, validatorCount: 64, honestStakePercent: 60)
    let draws = RetentionDraws(layout: layout, honestStake: 0.6, parameters: p)
    let honest = layout.honestValidators.reduce(0.0) { $0 + Double(draws.stake[$1]) }
    let total = draws.stake.reduce(0.0) { $0 + Double($1) }
    #expect(abs(honest / total - 0.6) < 1e-12)
    #expect(layout.servers.allSatisfy { draws.stake[$0] == 0 })
    for row in draws.honestNoise { #expect(abs(row.reduce(0, +) - 1) < 1e-12) }
  }
}
