import Testing

@testable import SimStats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Ishigami function (a = 7, b = 0.1) on [−π, π]³ and its analytic indices
/// (S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437).
private func ishigami(_ u: [Double]) -> Double {
  let x = u.map { -Double.pi + 2 * Double.pi * $0 }
  return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
}

@Suite("Sensitivity estimators: Sobol indices, Morris measures, PRIM boxes")
struct SensitivityTests {
  @Test("Sobol indices of the Ishigami function on a 1024-block Saltelli design cover the analytic values")
  func ishigamiSobol() throws {
    let design = SaltelliDesign(blocks: 1024, dimension: 3)
    let y = design.points.map { ishigami($0.unit) }
    let a = stride(from: 0, to: y.count, by: 5).map { y[$0] }
    let b = stride(from: 4, to: y.count, by: 5).map { y[$0] }
    let ab = (0..<3).map { j in stride(from: j + 1, to: y.count, by: 5).map { y[$0] } }
    let indices = try #require(SobolIndices.estimate(a: a, b: b, ab: ab, seed: 1))
    let first = [0.3139, 0.4424, 0.0]
    let total = [0.5576, 0.4424, 0.2437]
    for j in 0..<3 {
      #expect(indices.firstOrder[j].low <= first[j] && first[j] <= indices.firstOrder[j].high)
      #expect(indices.total[j].low <= total[j] && total[j] <= indices.total[j].high)
      #expect(indices.firstOrder[j].halfWidth > 0 && indices.firstOrder[j].halfWidth < 0.1)
    }
  }

  @Test("Sobol indices are the same for the same seed and undefined for a constant output")
  func sobolDeterminism() {
    let a = [1.0, 2, 3, 4], b = [2.0, 1, 4, 3], ab = [[1.0, 1, 3, 3]]
    #expect(SobolIndices.estimate(a: a, b: b, ab: ab, seed: 4)?.firstOrder == SobolIndices.estimate(a: a, b: b, ab: ab, seed: 4)?.firstOrder)
    #expect(SobolIndices.estimate(a: [1, 1], b: [1, 1], ab: [[1, 1]], seed: 4) == nil)
  }

  @Test("a linear function's elementary effects are its slopes, with σ = 0")
  func morrisLinear() throws {
    let design = MorrisDesign(trajectories: 20, dimension: 3, seed: 2)
    var effects = [[Double]](repeating: [], count: 3)
    for t in 0..<20 {
      let points = Array(design.points[(t * 4)..<(t * 4 + 4)])
      let found = MorrisEffects.elementaryEffects(
        units: points.map(\.unit), outputs: points.map { 3 * $0.unit[0] - 2 * $0.unit[1] }, dimension: 3)
      for j in 0..<3 { effects[j] += found[j] }
    }
    let measures = MorrisEffects.estimate(effects: effects, seed: 2)
    let x0 = try #require(measures.parameters[0]), x1 = try #require(measures.parameters[1])
    let x2 = try #require(measures.parameters[2])
    #expect(abs(x0.mu - 3) < 1e-12 && abs(x0.muStar.estimate - 3) < 1e-12 && abs(x0.sigma ?? 1) < 1e-12)
    #expect(abs(x1.mu + 2) < 1e-12 && abs(x1.muStar.estimate - 2) < 1e-12)
    #expect(x2.muStar.estimate == 0 && x0.count == 20)
  }

  @Test("PRIM finds the corner where the outcome occurs and reports coverage and density")
  func primCorner() throws {
    let rows = LatinHypercube.points(count: 400, keys: [1, 2, 3], seed: 11)
    let interesting = rows.map { $0[0] > 0.6 && $0[1] < 0.3 }
    let box = try #require(
      PRIMBox.find(
        inputs: [.numeric(rows.map { $0[0] }), .numeric(rows.map { $0[1] }), .numeric(rows.map { $0[2] })],
        interesting: interesting))
    #expect(box.density == 1)
    #expect(box.coverage > 0.8)
    guard case .interval(let low0, _) = box.limits[0], case .interval(_, let high1) = box.limits[1],
      case .interval(let low2, let high2) = box.limits[2]
    else {
      Issue.record("numeric limits expected")
      return
    }
    #expect(abs(low0 - 0.6) < 0.05 && abs(high1 - 0.3) < 0.05)
    #expect(low2 < 0.05 && high2 > 0.95)  // the irrelevant input is left alone
  }

  @Test("PRIM removes the categories where the outcome never occurs and keeps the minimum support")
  func primCategories() throws {
    let kinds = (0..<90).map { ["a", "b", "c"][$0 % 3] }
    let box = try #require(
      PRIMBox.find(inputs: [.categorical(kinds)], interesting: kinds.map { $0 == "b" }, minimumSupport: 0.2))
    #expect(box.limits == [.choices(["b"])])
    #expect(box.coverage == 1 && box.density == 1 && abs(box.mass - 1.0 / 3) < 1e-12)
    #expect(PRIMBox.find(inputs: [.categorical(kinds)], interesting: kinds.map { _ in false }) == nil)
  }
}
