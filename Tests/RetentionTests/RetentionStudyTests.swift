import Consensus
import Testing

@testable import Experiments

/// A reduced grid (W_H, W_C ∈ {1, 0.75, 0.5, 0.25, 0}) so each test runs a few dozen epochs.
private func parameters(stakes: [Int], seed: UInt64 = 0, steps: Int = 4) -> RetentionParameters {
  var p = RetentionParameters()
  p.grid = RetentionGrid(honestStakePercents: stakes, utilitySteps: steps)
  p.seed = seed
  return p
}

@Suite("Retention study (spec §15.3)")
struct RetentionStudyTests {
  @Test("an honest 99% stake with full honest utility keeps its share against every cabal self-weight")
  func honestSupermajorityRetains() throws {
    let study = try RetentionStudy(parameters: parameters(stakes: [99]))
    let slice = try study.slice(0)
    let rows = try study.rows(of: slice, utilityIndex: 0)
    #expect(rows.count == 5)
    for row in rows {
      #expect(row.honestUtility == 1)
      #expect(row.honestEmission >= 0.99, "W_C = \(row.cabalSelfWeight): E_H = \(row.honestEmission)")
    }
  }

  @Test("a majority cabal that weights only its own worthless miners gains more than its stake share")
  func majorityCabalGains() throws {
    // Honest stake 30%: honest validators give cabal miners nothing (W_H = 1, they are worthless),
    // the 70% cabal puts everything on its own miners (W_C = 1, grid index 0).
    let study = try RetentionStudy(parameters: parameters(stakes: [30]))
    let slice = try study.slice(0)
    let emission = try slice.honestEmission(honestUtility: 1, cabalIndex: 0)
    #expect(1 - emission > 0.7, "cabal emission share \(1 - emission) vs stake share 0.7")
  }

  @Test("the same seed gives the same rows; another seed gives other rows", arguments: [0, 7] as [UInt64])
  func reproducible(seed: UInt64) throws {
    let first = try RetentionStudy(parameters: parameters(stakes: [60], seed: seed, steps: 2)).run()
    let again = try RetentionStudy(parameters: parameters(stakes: [60], seed: seed, steps: 2)).run()
    let other = try RetentionStudy(parameters: parameters(stakes: [60], seed: seed + 1, steps: 2)).run()
    #expect(first == again)
    #expect(first.rows.map(\.honestEmission) != other.rows.map(\.honestEmission))
  }

  @Test("cells computed in any order assemble to the serial result")
  func cellsAssemble() throws {
    let study = try RetentionStudy(parameters: parameters(stakes: [55, 95], steps: 2))
    let slices = try [1, 0].map { try study.slice($0) }.reversed()
    let utilityCount = study.parameters.grid.utilityCount
    var cells = [[RetentionRow]](repeating: [], count: study.cellCount)
    for index in (0..<study.cellCount).reversed() {
      cells[index] = try study.rows(of: Array(slices)[index / utilityCount], utilityIndex: index % utilityCount)
    }
    #expect(study.result(cells: cells) == (try study.run()))
  }

  @Test("fixed and double arithmetic agree on the honest emission within 1e-6")
  func arithmeticsAgree() throws {
    var fixed = parameters(stakes: [65], steps: 2)
    fixed.arithmetic = .fixed
    let a = try RetentionStudy(parameters: parameters(stakes: [65], steps: 2)).run()
    let b = try RetentionStudy(parameters: fixed).run()
    for (x, y) in zip(a.rows, b.rows) {
      #expect(abs(x.honestEmission - y.honestEmission) <= 1e-6, "\(x) vs \(y)")
    }
  }

  @Test("invalid parameters are reported all at once")
  func invalidParameters() {
    var p = RetentionParameters()
    p.weightSigma = -1
    p.validatorShare = .nan
    p.grid = RetentionGrid(honestStakePercents: [60, 50], utilitySteps: 0)
    #expect(throws: RetentionParameterError.self) { try RetentionStudy(parameters: p) }
    #expect(p.problems.count == 4)
  }
}
