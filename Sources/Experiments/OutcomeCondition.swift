import Foundation

/// A `--where` condition over a sweep's outcome table: comparisons joined by `and` / `or`
/// (`and` binds tighter), e.g. `top10_validator_share > 0.5 and commit_reveal == false`.
///
/// A comparison is `COLUMN OP VALUE` with OP one of `<`, `<=`, `>`, `>=`, `==`, `!=`; a
/// numeric VALUE compares numerically, any other VALUE (`==`/`!=` only) as text. A bare metric
/// name means its final value (`metric_final`). A row whose field is empty does not satisfy
/// a comparison.
public struct OutcomeCondition: Sendable, CustomStringConvertible {
  struct Comparison: Sendable {
    var column: String
    var op: String
    var text: String
    var number: Double?
  }

  /// Alternatives of conjunctions.
  var alternatives: [[Comparison]]
  public let description: String

  static let operators = ["<=", ">=", "==", "!=", "<", ">"]

  /// Parses `text`; `resolve` maps a written column name to a table column (or `nil` if unknown).
  ///
  /// - Throws: ``ExperimentError/usage(_:)`` naming the part that is wrong.
  public init(parsing text: String, resolve: (String) -> String?) throws(ExperimentError) {
    description = text
    var alternatives: [[Comparison]] = []
    for alternative in Self.split(text, on: "or") {
      var conjunction: [Comparison] = []
      for term in Self.split(alternative, on: "and") {
        guard let op = Self.operators.first(where: { term.contains($0) }), let range = term.range(of: op) else {
          throw .usage("--where: '\(term)' is not COLUMN OP VALUE (OP: \(Self.operators.joined(separator: " ")))")
        }
        let name = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !value.isEmpty else { throw .usage("--where: '\(term)' needs a column and a value") }
        guard let column = resolve(name) else { throw .usage("--where: no column '\(name)' in sweep.csv") }
        let number = Double(value)
        if number == nil, !["==", "!="].contains(op) {
          throw .usage("--where: '\(value)' is not a number, so only == and != can compare it")
        }
        conjunction.append(Comparison(column: column, op: op, text: value, number: number))
      }
      alternatives.append(conjunction)
    }
    self.alternatives = alternatives
  }

  /// Whether a row (column → field) satisfies the condition.
  public func holds(_ field: (String) -> String?) -> Bool {
    alternatives.contains { conjunction in
      conjunction.allSatisfy { comparison in
        guard let value = field(comparison.column), !value.isEmpty else { return false }
        guard let target = comparison.number, let number = Double(value) else {
          return comparison.op == "==" ? value == comparison.text : comparison.op == "!=" && value != comparison.text
        }
        switch comparison.op {
        case "<": return number < target
        case "<=": return number <= target
        case ">": return number > target
        case ">=": return number >= target
        case "==": return number == target
        default: return number != target
        }
      }
    }
  }

  /// `text` split at the whole word `word` (surrounded by spaces), each part trimmed.
  static func split(_ text: String, on word: String) -> [String] {
    text.components(separatedBy: " \(word) ").map { $0.trimmingCharacters(in: .whitespaces) }
  }
}
