import Consensus
import EpochTypes

/// The outcome of one vector: PASS, or the first mismatch.
public struct VectorResult: Sendable, Equatable {
  /// The vector's name.
  public var name: String
  /// nil when every expectation matched; otherwise "label field[index] expected X got Y".
  public var mismatch: String?

  public var passed: Bool { mismatch == nil }

  /// `PASS name` or `FAIL name: label field[index] expected X got Y`.
  public var line: String { mismatch.map { "FAIL \(name): \($0)" } ?? "PASS \(name)" }
}

/// Runs conformance vectors (spec §15.1) in one arithmetic.
public enum ConformanceRunner {

  /// Runs one vector and reports its first mismatch.
  public static func run(_ vector: ConformanceVector, arithmetic: Arithmetic) -> VectorResult {
    var trace = ScenarioTrace()
    return VectorResult(
      name: vector.name, mismatch: firstMismatch(vector, arithmetic: arithmetic, trace: &trace, stopAtMismatch: true))
  }

  /// Runs every step of one vector (also past a mismatch) and returns every epoch output of its
  /// scenarios, for comparing arithmetics (`ScenarioTrace.maximumDeviation`).
  public static func runTracing(_ vector: ConformanceVector, arithmetic: Arithmetic) -> (VectorResult, ScenarioTrace) {
    var trace = ScenarioTrace()
    let mismatch = firstMismatch(vector, arithmetic: arithmetic, trace: &trace, stopAtMismatch: false)
    return (VectorResult(name: vector.name, mismatch: mismatch), trace)
  }

  static func firstMismatch(
    _ vector: ConformanceVector, arithmetic: Arithmetic, trace: inout ScenarioTrace, stopAtMismatch: Bool
  ) -> String? {
    switch vector.kind {
    case .weightedMedianScalar(let cases, let tolerance):
      for (k, c) in cases.enumerated() {
        // Inputs are converted to I32F32 first (the vector's tolerance statement); on that grid
        // Double sums are exact, so both arithmetics see the same ties.
        let stake = c.stake.map(onFixedGrid)
        let majority = onFixedGrid(c.majority)
        let minority = 1 - majority
        let got: Double
        do {
          got = try YumaMath.weightedMedian(stake: stake, score: c.score.map(onFixedGrid), minority: minority, arithmetic: arithmetic)
        } catch {
          return "case\(k) median error \(error)"
        }
        if !tolerance.accepts(onFixedGrid(got), onFixedGrid(c.expected)) {
          return "case\(k) median[0] expected \(c.expected) got \(got)"
        }
      }
      return nil
    case .weightedMedianColumns(let cases, let tolerance):
      for (k, c) in cases.enumerated() {
        let got: [Double]
        do {
          got = try YumaMath.weightedMedianColumns(
            stake: c.stake.map(onFixedGrid), weights: c.weights.map { $0.map(onFixedGrid) }, kappa: onFixedGrid(c.kappa),
            arithmetic: arithmetic)
        } catch {
          return "case\(k) consensus error \(error)"
        }
        for j in c.expected.indices where !tolerance.accepts(onFixedGrid(got[j]), onFixedGrid(c.expected[j])) {
          return "case\(k) consensus[\(j)] expected \(c.expected[j]) got \(got[j])"
        }
      }
      return nil
    case .emaAlpha(let cases, let tolerance):
      for (k, c) in cases.enumerated() {
        let got: [Double]
        do {
          got = try YumaMath.emaAlpha(
            old: c.old, new: c.new, alpha: c.alpha, rows: c.rows, columns: c.columns, sparse: c.sparse,
            arithmetic: arithmetic)
        } catch {
          return "case\(k) result error \(error)"
        }
        for e in c.expected.indices where !tolerance.accepts(got[e], c.expected[e]) {
          return "case\(k) result[\(e)] expected \(c.expected[e]) got \(got[e])"
        }
      }
      return nil
    case .epoch(let scenarios):
      var first: String? = nil
      for s in scenarios {
        if let m = ScenarioRun.firstMismatch(s, arithmetic: arithmetic, trace: &trace, stopAtMismatch: stopAtMismatch),
          first == nil
        {
          first = scenarios.count > 1 ? "\(s.name) \(m)" : m
          if stopAtMismatch { break }
        }
      }
      return first
    }
  }

  /// x rounded to the nearest I32F32 value (as a Double).
  static func onFixedGrid(_ x: Double) -> Double { I32F32(rounding: x).doubleValue }
}
