import Foundation

/// A scenario's expectation about its results, checked by `taosim check`.
///
/// Grammar: `AGGREGATE.METRIC[.STATISTIC] OP NUMBER`, for example
/// `final.top10_validator_share <= 0.5` or `mean.copier_relative_dividend.ci_high < 1`.
/// - AGGREGATE: per replication, `final` (last recorded value), `mean` (time average), `min` or
///   `max` (over the recorded epochs).
/// - STATISTIC (across replications, default `mean`): `mean`, `sd`, `ci_low`, `ci_high` (95 %
///   Student-t interval), `min`, `max`, `n`.
/// - OP: `<`, `<=`, `>`, `>=`, `==`, `!=`.
public struct ExpectClause: Sendable, Equatable, CustomStringConvertible {
  /// How one replication's series is reduced to a number.
  public enum Aggregate: String, Sendable, CaseIterable {
    case final, mean, min, max
  }

  /// How the per-replication numbers are combined.
  public enum Statistic: String, Sendable, CaseIterable {
    case mean, sd, ciLow = "ci_low", ciHigh = "ci_high", min, max, n
  }

  /// The comparison.
  public enum Comparison: String, Sendable, CaseIterable {
    case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!=", less = "<", greater = ">"

    /// Whether `value OP threshold` holds.
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
      switch self {
      case .less: value < threshold
      case .lessOrEqual: value <= threshold
      case .greater: value > threshold
      case .greaterOrEqual: value >= threshold
      case .equal: value == threshold
      case .notEqual: value != threshold
      }
    }
  }

  /// The clause as written.
  public var text: String
  public var aggregate: Aggregate
  /// The metric name (a column of `network.csv` or a study's summary metric).
  public var metric: String
  public var statistic: Statistic
  public var comparison: Comparison
  public var threshold: Double

  public var description: String { text }

  /// The summary lookup key, e.g. `final.top10_validator_share`.
  public var subject: String { "\(aggregate.rawValue).\(metric)" }

  /// Parses `text`; on failure returns what is wrong.
  public static func parse(_ text: String) -> Result<ExpectClause, ExpectParseError> {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let comparison = Comparison.allCases.first(where: { trimmed.contains($0.rawValue) }),
      let range = trimmed.range(of: comparison.rawValue)
    else {
      return .failure(ExpectParseError("has no comparison; write e.g. 'final.top10_validator_share <= 0.5'"))
    }
    let left = trimmed[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
    let right = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
    guard let threshold = ValueReader.parseNumber(right), threshold.isFinite else {
      return .failure(ExpectParseError("'\(right)' is not a finite number"))
    }
    let parts = left.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 || parts.count == 3 else {
      return .failure(ExpectParseError("'\(left)' must be AGGREGATE.METRIC or AGGREGATE.METRIC.STATISTIC"))
    }
    guard let aggregate = Aggregate(rawValue: parts[0]) else {
      let options = Aggregate.allCases.map(\.rawValue).joined(separator: ", ")
      return .failure(ExpectParseError("unknown aggregate '\(parts[0])'; one of: \(options)"))
    }
    let metric = parts[1]
    guard !metric.isEmpty, metric.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
      return .failure(ExpectParseError("'\(metric)' is not a metric name"))
    }
    var statistic = Statistic.mean
    if parts.count == 3 {
      guard let parsed = Statistic(rawValue: parts[2]) else {
        let options = Statistic.allCases.map(\.rawValue).joined(separator: ", ")
        return .failure(ExpectParseError("unknown statistic '\(parts[2])'; one of: \(options)"))
      }
      statistic = parsed
    }
    return .success(
      ExpectClause(
        text: trimmed, aggregate: aggregate, metric: metric, statistic: statistic, comparison: comparison,
        threshold: threshold))
  }
}

/// Why an `expect:` clause does not parse.
public struct ExpectParseError: Error, Sendable {
  public var message: String
  init(_ message: String) { self.message = message }
}
