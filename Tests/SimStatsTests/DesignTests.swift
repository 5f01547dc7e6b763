import Testing

@testable import SimStats

@Suite("Designs: Latin hypercube, Saltelli layout on GSL's Sobol sequence, Morris trajectories")
struct DesignTests {
  @Test("every stratum of every coordinate of a Latin hypercube holds exactly one point", arguments: [1, 7, 64])
  func latinHypercubeStrata(count: Int) {
    let rows = LatinHypercube.points(count: count, keys: [1, 2, 3], seed: 42)
    #expect(rows.count == count)
    for j in 0..<3 {
      let strata = rows.map { Int($0[j] * Double(count)) }.sorted()
      #expect(strata == Array(0..<count))
      #expect(rows.allSatisfy { $0[j] > 0 && $0[j] < 1 })
    }
  }

  @Test("a Latin hypercube column depends only on its key and the seed")
  func latinHypercubeKeyedColumns() {
    let two = LatinHypercube.points(count: 16, keys: [10, 20], seed: 5)
    let three = LatinHypercube.points(count: 16, keys: [30, 10, 20], seed: 5)
    #expect(two.map { $0[0] } == three.map { $0[1] })
    #expect(two.map { $0[1] } == three.map { $0[2] })
    #expect(LatinHypercube.points(count: 16, keys: [10], seed: 6).map { $0[0] } != two.map { $0[0] })
  }

  @Test("GSL's Sobol sequence starts at the centre, then the quarter points (Bratley–Fox)")
  func sobolFirstPoints() {
    let rows = SobolSequence.points(count: 3, dimension: 2)
    #expect(rows[0] == [0.5, 0.5])
    #expect(rows[1] == [0.75, 0.25])
    #expect(rows[2] == [0.25, 0.75])
  }

  @Test("a Saltelli design has N(k+2) points: A, AB_1…AB_k, B per block, AB_j = A with coordinate j from B")
  func saltelliLayout() {
    let design = SaltelliDesign(blocks: 8, dimension: 3)
    #expect(design.points.count == 8 * 5)
    for block in 0..<8 {
      let points = Array(design.points[(block * 5)..<(block * 5 + 5)])
      #expect(points.allSatisfy { $0.block == block })
      #expect(points.map(\.role) == [.a, .ab(0), .ab(1), .ab(2), .b])
      let a = points[0].unit
      let b = points[4].unit
      for j in 0..<3 {
        var expected = a
        expected[j] = b[j]
        #expect(points[j + 1].unit == expected)
      }
    }
    // Block 0 is the sequence's second row: its 6 coordinates are not all the centre.
    #expect(design.points[0].unit != [0.5, 0.5, 0.5])
  }

  @Test("a Morris trajectory moves each coordinate once by ±Δ on the p-level grid", arguments: [2, 4, 6])
  func morrisTrajectories(levels: Int) {
    let design = MorrisDesign(trajectories: 10, dimension: 4, levels: levels, seed: 3)
    let delta = MorrisDesign.delta(levels: levels)
    #expect(design.points.count == 10 * 5)
    for t in 0..<10 {
      let points = Array(design.points[(t * 5)..<(t * 5 + 5)])
      #expect(points.map(\.step) == [0, 1, 2, 3, 4])
      #expect(Set(points.compactMap(\.moved)) == [0, 1, 2, 3])
      for point in points {
        for u in point.unit {
          let level = u * Double(levels - 1)
          #expect(abs(level - level.rounded()) < 1e-12 && u >= 0 && u <= 1)
        }
      }
      for step in 1..<5 {
        let j = points[step].moved!
        #expect(abs(abs(points[step].unit[j] - points[step - 1].unit[j]) - delta) < 1e-12)
        for other in 0..<4 where other != j { #expect(points[step].unit[other] == points[step - 1].unit[other]) }
      }
    }
  }

  @Test("Morris trajectory t is the same whatever the number of trajectories")
  func morrisKeyedTrajectories() {
    let few = MorrisDesign(trajectories: 3, dimension: 2, seed: 9)
    let many = MorrisDesign(trajectories: 7, dimension: 2, seed: 9)
    #expect(few.points.map(\.unit) == Array(many.points.prefix(9)).map(\.unit))
  }

  @Test("inverse CDFs give the distributions' known quantiles and stay finite at 0 and 1")
  func inverseCDFs() {
    #expect(abs(ParameterDistribution.normal(mean: 1, sd: 2).quantile(0.975) - (1 + 2 * 1.959963984540054)) < 1e-9)
    #expect(abs(ParameterDistribution.lognormal(mu: 0, sigma: 1).quantile(0.5) - 1) < 1e-12)
    #expect(abs(ParameterDistribution.uniform(min: 2, max: 4).quantile(0.25) - 2.5) < 1e-12)
    #expect(abs(ParameterDistribution.logUniform(min: 1, max: 100).quantile(0.5) - 10) < 1e-9)
    #expect(abs(ParameterDistribution.exponential(mean: 2).quantile(0.5) - 2 * 0.6931471805599453) < 1e-12)
    #expect(ParameterDistribution.normal(mean: 0, sd: 1).quantile(0).isFinite)
    #expect(ParameterDistribution.normal(mean: 0, sd: 1).quantile(1).isFinite)
    #expect(ParameterDistribution.gamma(shape: 2, scale: 1).problem == nil)
    #expect(ParameterDistribution.beta(a: 0, b: 1).problem != nil)
  }
}
