import Foundation
import Recording

/// A sweep's `sweep.json` and `sweep.csv`, read for analysis (``SweepAnalysis``).
struct OutcomeTable {
  var plan: JSONValue
  var header: [String]
  var rows: [[String]]
  /// Parameter paths, in order.
  var parameters: [String]
  /// The parameter columns of `sweep.csv` (mapping-valued parameters flattened).
  var parameterColumns: [String]
  private var index: [String: Int] = [:]

  init(folder: URL) throws(ExperimentError) {
    let planURL = folder.appendingPathComponent(SweepPlan.planFileName)
    let tableURL = folder.appendingPathComponent(SweepIndex.fileName)
    guard let planText = try? String(contentsOf: planURL, encoding: .utf8),
      let plan = try? JSONValue.parse(planText, source: SweepPlan.planFileName)
    else { throw .badPath(folder.path, "holds no readable \(SweepPlan.planFileName) (name a sweep folder)") }
    guard let reader = try? CSVLineReader(url: tableURL), let first = try? reader.next(),
      let header = CSVFormat.fields(of: Substring(first))
    else { throw .badPath(folder.path, "holds no readable \(SweepIndex.fileName)") }
    var rows: [[String]] = []
    while let line = try? reader.next() {
      guard !line.isEmpty else { continue }
      guard let fields = CSVFormat.fields(of: Substring(line)), fields.count == header.count else {
        throw .badPath(tableURL.path, "row \(rows.count + 1) does not have \(header.count) fields")
      }
      rows.append(fields)
    }
    self.plan = plan
    self.header = header
    self.rows = rows
    parameters = plan["parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
    for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
    let start = header.firstIndex(of: "replications").map { $0 + 1 } ?? header.count
    let end = header.firstIndex(where: { $0 == "design_block" || $0 == "complete" }) ?? header.count
    parameterColumns = start < end ? Array(header[start..<end]) : []
  }

  /// Rows of complete points.
  var completeRows: [[String]] { rows.filter { field($0, "complete") == "true" } }

  /// The column a written output or condition name means: itself, or `name_final`.
  func resolve(_ name: String) -> String? {
    if index[name] != nil { return name }
    if index[name + "_final"] != nil { return name + "_final" }
    return nil
  }

  func field(_ row: [String], _ column: String) -> String? { index[column].map { row[$0] } }
  func double(_ row: [String], _ column: String) -> Double? { field(row, column).flatMap(Double.init) }
  func integer(_ row: [String], _ column: String) -> Int? { field(row, column).flatMap { Int($0) } }
}
