import Foundation
import Recording
import ScenarioIO
import TestSupport
import Testing

@testable import Experiments

let designScenario = tinyScenario + """

  sweep:
    mode: MODE
    samples: 4
    replicates: 2
    parameters:
      - {path: horizon_days, min: 0.05, max: 0.1}
      - {path: network.subnets, min: 1, max: 3, integer: true}
  """

@Suite("Design sweeps: points, coordinates, the outcome table and taosim analyze")
struct SweepDesignTests {
  func sweep(_ mode: String, workers: Int = 1, in folder: TemporaryFolder, out: String = "out") throws
    -> ExperimentRunner.SweepReport
  {
    let runner = ExperimentRunner(kernel: SyntheticKernel(), workers: workers)
    let path = try folder.write("\(mode).yaml", designScenario.replacingOccurrences(of: "MODE", with: mode))
    return try runner.sweep(try runner.load(path), outputRoot: folder.url.appendingPathComponent(out))
  }

  func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  @Test("a sobol sweep runs N(k+2) points and records each point's block, role and unit coordinates")
  func sobolPoints() throws {
    let folder = try TemporaryFolder()
    let report = try sweep("sobol", in: folder)
    #expect(report.plan.runs.count == 4 * 4)
    let manifest = try JSONValue.parse(
      try text(report.plan.runs[2].folder.appendingPathComponent("manifest.json")), source: "manifest.json")
    let design = try #require(manifest["sweep"]?["design"])
    #expect(design["block"]?.integerValue == 0 && design["step"]?.integerValue == 2)
    #expect(design["role"]?.stringValue == "AB" && design["parameter"]?.stringValue == "network.subnets")
    let lines = try text(report.plan.folder.appendingPathComponent("sweep.csv")).split(separator: "\n")
    #expect(lines.count == 17)
    #expect(lines[0].contains(",horizon_days,network.subnets,design_block,design_step,design_role,design_parameter,unit.horizon_days,unit.network.subnets,complete,"))
    #expect(lines.dropFirst().allSatisfy { $0.contains(",true,") })
    let subnets = report.plan.runs.map { $0.scenario.spec.model.subnets }
    #expect(subnets.allSatisfy { (1...3).contains($0) })
    let horizons = report.plan.runs.map(\.scenario.spec.horizonDays)
    #expect(horizons.allSatisfy { $0 >= 0.05 && $0 <= 0.1 })
  }

  @Test("a design sweep writes the same bytes with 1 and 2 workers, and analyze the same sensitivity.csv twice")
  func deterministic() throws {
    let folder = try TemporaryFolder()
    let one = try sweep("sobol", workers: 1, in: folder, out: "one")
    let two = try sweep("sobol", workers: 2, in: folder, out: "two")
    #expect(differences(try filesBelow(one.plan.folder), try filesBelow(two.plan.folder)) == [])
    let request = SweepAnalysis.Request(outputs: ["top10_validator_share", "issuance_tao_mean"])
    let first = try SweepAnalysis.analyze(folder: one.plan.folder, request: request)
    let bytes = try text(first.file)
    _ = try SweepAnalysis.analyze(folder: one.plan.folder, request: request)
    #expect(try text(first.file) == bytes)
    #expect(first.rows.filter { $0.method == "sobol" }.count == 2 * 2 * 2)
    #expect(first.rows.allSatisfy { $0.n == 4 })
    #expect(first.rows.map(\.output).contains("top10_validator_share_final"))
    #expect(bytes.hasPrefix("scenario,sweep_id,design,method,output,parameter,statistic,value,ci_low,ci_high,n\n"))
  }

  @Test("a morris sweep gives mu, mu_star and sigma per parameter; an lhs sweep gives a PRIM box")
  func morrisAndPRIM() throws {
    let folder = try TemporaryFolder()
    let morris = try sweep("morris", in: folder)
    #expect(morris.plan.runs.count == 4 * 3)
    let rows = try SweepAnalysis.analyze(folder: morris.plan.folder, request: .init(outputs: ["top10_validator_share"])).rows
    #expect(rows.map(\.statistic) == ["mu", "mu_star", "sigma", "mu", "mu_star", "sigma"])
    let lhs = try sweep("lhs", in: folder)
    #expect(lhs.plan.runs.count == 4)
    #expect(throws: ExperimentError.self) {
      try SweepAnalysis.analyze(folder: lhs.plan.folder, request: .init(outputs: ["top10_validator_share"]))
    }
    let prim = try SweepAnalysis.analyze(
      folder: lhs.plan.folder, request: .init(outputs: [], condition: "top10_validator_share >= 0")).rows
    #expect(prim.first?.statistic == "coverage" && prim.first?.value == "1.0")
    #expect(prim.contains { $0.parameter == "network.subnets" && $0.statistic == "max" })
  }

  @Test("an unknown output or a malformed condition is refused with what is wrong")
  func refusals() throws {
    let folder = try TemporaryFolder()
    let report = try sweep("sobol", in: folder)
    for request in [
      SweepAnalysis.Request(outputs: ["no_such_metric"]),
      SweepAnalysis.Request(outputs: ["top10_validator_share"], condition: "top10_validator_share >"),
      SweepAnalysis.Request(outputs: ["top10_validator_share"], condition: "nothing > 1"),
      SweepAnalysis.Request(outputs: ["top10_validator_share"], condition: "top10_validator_share > high"),
    ] {
      #expect(throws: ExperimentError.self) { try SweepAnalysis.analyze(folder: report.plan.folder, request: request) }
    }
  }

  @Test("a resumed sweep rebuilds sweep.csv with the same bytes")
  func resumeRebuildsIndex() throws {
    let folder = try TemporaryFolder()
    let report = try sweep("lhs", in: folder)
    let index = report.plan.folder.appendingPathComponent("sweep.csv")
    let bytes = try text(index)
    try FileManager.default.removeItem(at: index)
    let runner = ExperimentRunner(kernel: SyntheticKernel())
    _ = try runner.sweep(report.plan.base, outputRoot: folder.url.appendingPathComponent("out"), resume: true)
    #expect(try text(index) == bytes)
  }
}

@Suite("Design choices")
struct DesignChoiceTests {
  @Test("a choice is set as written, so a plain word stays a plain word and reads as the key's option")
  func plainChoices() throws {
    let folder = try TemporaryFolder()
    let runner = ExperimentRunner(kernel: SyntheticKernel())
    let path = try folder.write(
      "c.yaml",
      tinyScenario + "\nsweep:\n  mode: lhs\n  samples: 6\n  parameters:\n    - {path: nominators.rule, choices: [loyal, largest, best-yield]}\n")
    let plan = try SweepPlan(base: try runner.load(path), seed: nil, replications: nil, outputRoot: folder.url)
    let rules = plan.runs.map { $0.sweepPoint?.values[0].value.stringValue ?? "" }
    #expect(Set(rules) == ["loyal", "largest", "best-yield"])
    #expect(rules.filter { $0 == "loyal" }.count == 2)  // a Latin hypercube: each third of [0, 1] once per 3 points
  }
}
