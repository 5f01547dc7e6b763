import Foundation
import Recording
import TestSupport
import Testing

@testable import ScenarioIO

@Suite("Sweep designs in scenario files: ranges, distributions, choices, samples")
struct SweepDesignSpecTests {
  @Test("a sobol design reads ranges, integer ranges, distributions and choices and counts N(k+2) points")
  func readsDesign() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "d.yaml",
      """
      seed: 1
      sweep:
        mode: sobol
        samples: 8
        parameters:
          - {path: validators.weight_sigma, min: 0.05, max: 0.5}
          - {path: network.validators_per_subnet, min: 4, max: 16, integer: true}
          - path: nominators.count
            distribution: {kind: lognormal, mu: 2, sigma: 0.5}
            integer: true
          - {path: emission.policy.kind, choices: [equal, price-ema]}
      """)
    let sweep = try #require(try ScenarioLoader.load(path: path).spec.sweep)
    #expect(sweep.mode == .sobol && sweep.samples == 8 && sweep.pointCount == 8 * 6)
    #expect(sweep.parameters[0].domain == .range(min: 0.05, max: 0.5))
    #expect(sweep.parameters[1].integer)
    #expect(sweep.parameters[2].domain == .distribution(SweepDistribution(kind: "lognormal", parameters: [2, 0.5])))
    #expect(sweep.parameters[3].domain == .choices && sweep.parameters[3].values.count == 2)
    #expect(sweep.parameters[0].location.line == 6)
  }

  @Test(
    "an invalid design is refused at its line and key",
    arguments: [
      ("  mode: lhs\n  parameters:\n    - {path: horizon_days, min: 1, max: 2}\n", "4:3: sweep.samples: required key is missing"),
      ("  mode: lhs\n  samples: 4\n  parameters:\n    - {path: horizon_days, values: [1, 2]}\n",
        "sweep.parameters[0].values: a lhs design samples its parameters"),
      ("  mode: sobol\n  samples: 4\n  parameters:\n    - {path: horizon_days, min: 2, max: 1}\n",
        "sweep.parameters[0].max: max 1 must exceed min 2"),
      ("  mode: lhs\n  samples: 4\n  parameters:\n    - {path: horizon_days, distribution: {kind: normal, mean: 1, sd: 0}}\n",
        "sweep.parameters[0].distribution: normal needs sd > 0"),
      ("  mode: lhs\n  samples: 4\n  parameters:\n    - {path: horizon_days, distribution: {kind: cauchy}}\n",
        "sweep.parameters[0].distribution.kind: unknown kind 'cauchy'"),
      ("  mode: morris\n  samples: 4\n  levels: 5\n  parameters:\n    - {path: horizon_days, min: 1, max: 2}\n",
        "sweep.levels: morris levels must be even, got 5"),
      ("  mode: grid\n  samples: 4\n  parameters:\n    - {path: horizon_days, min: 1, max: 2}\n",
        "sweep.samples: samples belongs to the designs"),
      ("  mode: lhs\n  samples: 4\n  parameters:\n    - {path: horizon_days, min: 1, max: 2, choices: [1, 2]}\n",
        "sweep.parameters[0]: a design parameter takes one of min/max, distribution or choices, not min and choices"),
      ("  mode: lhs\n  samples: 4\n  parameters:\n    - {path: horizon_days, min: 1.2, max: 1.8, integer: true}\n",
        "sweep.parameters[0].max: [1.2, 1.8] holds no whole number (integer: true)"),
      ("  mode: lhs\n  samples: 4\n  parameters:\n    - {path: horizon_days, choices: [1, 2], integer: true}\n",
        "sweep.parameters[0].integer: integer applies to min/max and distributions, not choices"),
    ])
  func invalidDesign(block: String, expected: String) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("d.yaml", "seed: 1\nhorizon_days: 1\nsweep:\n" + block)
    do {
      _ = try ScenarioLoader.load(path: path)
      Issue.record("the design was accepted")
    } catch {
      let messages = error.problems.map(\.description)
      #expect(messages.contains { $0.hasPrefix(path + ":") && $0.contains(expected) }, "\(messages)")
    }
  }
}
