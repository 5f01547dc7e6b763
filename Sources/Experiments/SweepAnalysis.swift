import Foundation
import Recording
import SimCore
import SimStats

/// `taosim analyze`: sensitivity indices and scenario discovery on a sweep's outcome table,
/// written to `sensitivity.csv` in the sweep folder.
///
/// - sobol designs: first-order (Saltelli 2010) and total (Jansen) indices per output and
///   parameter with bootstrap 95 % intervals (``SobolIndices``);
/// - morris designs: μ, μ* (with its bootstrap interval) and σ (``MorrisEffects``);
/// - with a condition (`--where`), on any sweep: the PRIM box of the points where it holds
///   (``PRIMBox``: coverage, density, mass and the limits of every parameter).
///
/// `outputs` are analysed for sobol and morris designs; for lhs, grid and zip sweeps only the
/// condition is (a PRIM box), and asking for indices without one is refused.
///
/// Bootstrap resamples come from keyed streams seeded by the sweep's scenario seed and the
/// output's name, so the file is the same on every run. Points whose run is not complete or
/// whose output is empty are left out (for Sobol and Morris, their whole block or trajectory).
///
/// Columns: `scenario, sweep_id, design, method, output, parameter, statistic, value, ci_low,
/// ci_high, n` (tidy: one estimate per row; PRIM's choice limits are the choices joined by `|`).
public enum SweepAnalysis {
  public static let fileName = "sensitivity.csv"
  public static let columns = [
    "scenario", "sweep_id", "design", "method", "output", "parameter", "statistic", "value", "ci_low", "ci_high", "n",
  ]

  /// What to analyse.
  public struct Request: Sendable {
    public var outputs: [String]
    public var condition: String?
    public var minimumSupport = 0.05
    public var peelAlpha = 0.05
    public var resamples = 1000

    public init(outputs: [String], condition: String? = nil) {
      self.outputs = outputs
      self.condition = condition
    }
  }

  /// One row of `sensitivity.csv` (after the scenario, sweep id and design).
  public struct Row: Sendable, Equatable {
    public var method: String
    public var output: String
    public var parameter: String
    public var statistic: String
    public var value: String
    public var low: String = ""
    public var high: String = ""
    public var n: Int
  }

  /// What was written.
  public struct Report: Sendable {
    public var file: URL
    public var design: String
    public var rows: [Row]
  }

  /// Analyses the sweep in `folder` and writes `sensitivity.csv` there (atomically).
  ///
  /// - Throws: ``ExperimentError/badPath(_:_:)`` for a folder without `sweep.json` /
  ///   `sweep.csv`; ``ExperimentError/usage(_:)`` for unknown outputs, a bad condition, or a
  ///   request the design cannot answer (indices of an lhs, grid or zip sweep).
  public static func analyze(folder: URL, request: Request) throws(ExperimentError) -> Report {
    let table = try OutcomeTable(folder: folder)
    let design = table.plan["mode"]?.stringValue ?? "grid"
    let seed = UInt64(bitPattern: table.plan["scenario"]?["seed"]?.integerValue ?? 0)
    var outputs: [String] = []
    for name in request.outputs {
      guard let column = table.resolve(name) else {
        throw .usage("no output '\(name)' in sweep.csv (name a metric, metric_final, metric_mean or another column)")
      }
      outputs.append(column)
    }
    var rows: [Row] = []
    switch design {
    case "sobol":
      for output in outputs { rows += sobolRows(table, output: output, seed: seed, resamples: request.resamples) }
    case "morris":
      for output in outputs { rows += morrisRows(table, output: output, seed: seed, resamples: request.resamples) }
    default:
      if request.condition == nil {
        throw .usage("a \(design) sweep has no sensitivity indices (use a sobol or morris design); give --where for a PRIM box")
      }
    }
    if let text = request.condition {
      let condition = try OutcomeCondition(parsing: text, resolve: table.resolve)
      rows += primRows(table, condition: condition, alpha: request.peelAlpha, minimumSupport: request.minimumSupport)
    }
    let file = folder.appendingPathComponent(fileName)
    do {
      let csv = try CSVFile(destination: file, columns: columns)
      let scenario = table.plan["scenario_name"]?.stringValue ?? ""
      let sweepID = table.plan["sweep_id"]?.stringValue ?? ""
      for row in rows {
        try csv.append(
          [scenario, sweepID, design, row.method, row.output, row.parameter, row.statistic, row.value, row.low, row.high,
            String(row.n)])
      }
      _ = try csv.commit()
    } catch {
      throw ExperimentError.wrap(error)
    }
    return Report(file: file, design: design, rows: rows)
  }

  static func number(_ value: Double) -> String { CSVFormat.number(value) }

  static func sobolRows(_ table: OutcomeTable, output: String, seed: UInt64, resamples: Int) -> [Row] {
    let parameters = table.parameters
    var blocks: [Int: (a: Double?, b: Double?, ab: [Double?])] = [:]
    for row in table.completeRows {
      guard let block = table.integer(row, "design_block"), let role = table.field(row, "design_role") else { continue }
      let y = table.double(row, output)
      var entry = blocks[block] ?? (nil, nil, Array(repeating: nil, count: parameters.count))
      switch role {
      case "A": entry.a = y
      case "B": entry.b = y
      default:
        if let name = table.field(row, "design_parameter"), let j = parameters.firstIndex(of: name) { entry.ab[j] = y }
      }
      blocks[block] = entry
    }
    var a: [Double] = []
    var b: [Double] = []
    var ab = [[Double]](repeating: [], count: parameters.count)
    for block in blocks.keys.sorted() {
      let entry = blocks[block]!
      guard let fa = entry.a, let fb = entry.b, entry.ab.allSatisfy({ $0 != nil }) else { continue }
      a.append(fa)
      b.append(fb)
      for j in parameters.indices { ab[j].append(entry.ab[j]!) }
    }
    guard
      let indices = SobolIndices.estimate(
        a: a, b: b, ab: ab, resamples: resamples, seed: seed, key: StableHash.fnv1a(output))
    else { return [] }
    var rows: [Row] = []
    for (j, parameter) in parameters.enumerated() {
      for (statistic, estimate) in [("S1", indices.firstOrder[j]), ("ST", indices.total[j])] {
        rows.append(
          Row(
            method: "sobol", output: output, parameter: parameter, statistic: statistic, value: number(estimate.estimate),
            low: number(estimate.low), high: number(estimate.high), n: indices.blocks))
      }
    }
    return rows
  }

  static func morrisRows(_ table: OutcomeTable, output: String, seed: UInt64, resamples: Int) -> [Row] {
    let parameters = table.parameters
    var trajectories: [Int: [(step: Int, unit: [Double], y: Double?)]] = [:]
    for row in table.completeRows {
      guard let block = table.integer(row, "design_block"), let step = table.integer(row, "design_step") else { continue }
      let unit = parameters.map { table.double(row, "unit." + $0) ?? .nan }
      trajectories[block, default: []].append((step, unit, table.double(row, output)))
    }
    var effects = [[Double]](repeating: [], count: parameters.count)
    for block in trajectories.keys.sorted() {
      let points = trajectories[block]!.sorted { $0.step < $1.step }
      guard points.count == parameters.count + 1, points.allSatisfy({ $0.y != nil }) else { continue }
      let found = MorrisEffects.elementaryEffects(
        units: points.map(\.unit), outputs: points.map { $0.y! }, dimension: parameters.count)
      for j in parameters.indices { effects[j] += found[j] }
    }
    let measures = MorrisEffects.estimate(
      effects: effects, resamples: resamples, seed: seed, key: StableHash.fnv1a(output))
    var rows: [Row] = []
    for (j, parameter) in parameters.enumerated() {
      guard let m = measures.parameters[j] else { continue }
      rows.append(Row(method: "morris", output: output, parameter: parameter, statistic: "mu", value: number(m.mu), n: m.count))
      rows.append(
        Row(
          method: "morris", output: output, parameter: parameter, statistic: "mu_star", value: number(m.muStar.estimate),
          low: number(m.muStar.low), high: number(m.muStar.high), n: m.count))
      rows.append(
        Row(
          method: "morris", output: output, parameter: parameter, statistic: "sigma",
          value: CSVFormat.number(m.sigma), n: m.count))
    }
    return rows
  }

  static func primRows(_ table: OutcomeTable, condition: OutcomeCondition, alpha: Double, minimumSupport: Double)
    -> [Row]
  {
    let rows = table.completeRows
    let parameters = table.parameterColumns
    let inputs: [PRIMBox.Input] = parameters.map { column in
      let fields = rows.map { table.field($0, column) ?? "" }
      let numbers = fields.compactMap(Double.init)
      return numbers.count == fields.count ? .numeric(numbers) : .categorical(fields)
    }
    let interesting = rows.map { row in condition.holds { table.field(row, $0) } }
    let output = condition.description
    guard let box = PRIMBox.find(inputs: inputs, interesting: interesting, alpha: alpha, minimumSupport: minimumSupport)
    else {
      return [Row(method: "prim", output: output, parameter: "", statistic: "coverage", value: "", n: rows.count)]
    }
    var result = [
      ("coverage", number(box.coverage)), ("density", number(box.density)), ("mass", number(box.mass)),
      ("steps", String(box.steps)),
    ].map { Row(method: "prim", output: output, parameter: "", statistic: $0.0, value: $0.1, n: box.count) }
    for (column, limit) in zip(parameters, box.limits) {
      switch limit {
      case .interval(let low, let high):
        result.append(Row(method: "prim", output: output, parameter: column, statistic: "min", value: number(low), n: box.count))
        result.append(Row(method: "prim", output: output, parameter: column, statistic: "max", value: number(high), n: box.count))
      case .choices(let choices):
        result.append(
          Row(
            method: "prim", output: output, parameter: column, statistic: "choices",
            value: choices.joined(separator: "|"), n: box.count))
      }
    }
    return result
  }
}
