import Consensus
import Foundation
import Testing

@testable import Conformance

/// The math vectors of spec §15.1 with their arrays in the {fill, set} form wherever another
/// field fixes the length.
@Suite("Math vectors with {fill, set} arrays")
struct MathFormTests {

  static func vector(_ name: String, _ function: String, _ tolerance: String, inputs: String, expected: String) -> String {
    """
    [{"name": "\(name)", "provenance": "hand-written", "params": {"function": "\(function)"},
      "tolerance": \(tolerance), "inputs": {"cases": [\(inputs)]}, "expected": \(expected)}]
    """
  }

  static func median(_ stake: String, _ score: String, _ expected: String) -> String {
    vector(
      "weighted_median_scalar", "weighted_median(stake, score)", #"{"median": "exact"}"#,
      inputs: #"{"stake": \#(stake), "score": \#(score), "majority": 0.51}"#, expected: #"{"median": \#(expected)}"#)
  }

  @Test("Scalar median: stake takes its length from score, score from stake, medians from the cases")
  func scalarMedian() throws {
    let plain = Self.median("[0.2, 0.2, 0.2, 0.2, 0.2]", "[0.8, 0.2, 1.0, 0.6, 0.4]", "[0.6]")
    try VectorFixtures.expectPassing(plain)
    for json in [
      Self.median(#"{"fill": 0.2}"#, "[0.8, 0.2, 1.0, 0.6, 0.4]", #"{"fill": 0.6}"#),
      Self.median("[0.2, 0.2, 0.2, 0.2, 0.2]", #"{"fill": 0.2, "set": [{"range": [0, 1], "value": 0.8}, {"range": [2, 3], "value": 1.0}, {"range": [3, 4], "value": 0.6}, {"range": [4, 5], "value": 0.4}]}"#, "[0.6]"),
    ] {
      try VectorFixtures.expectPassing(json)
      let vector = try VectorFixtures.parse(json)[0]
      guard case .weightedMedianScalar(let cases, _) = vector.kind else {
        Issue.record("not a scalar median vector")
        continue
      }
      #expect(cases[0].stake == [0.2, 0.2, 0.2, 0.2, 0.2] && cases[0].score == [0.8, 0.2, 1.0, 0.6, 0.4])
    }
  }

  @Test("Scalar median: with neither stake nor score a list the length is unknown, and that is an error")
  func scalarMedianWithoutLength() {
    let message = VectorFixtures.refusal(Self.median(#"{"fill": 0.2}"#, #"{"fill": 0.5}"#, "[0.5]"))
    #expect(message?.contains("cases[0].stake: the {\"fill\", \"set\"} form needs a length known from elsewhere") == true, "\(message ?? "accepted")")
  }

  @Test("Column median: rows and stake fix each other's length; a written row or the expected row fixes the columns")
  func columnMedian() throws {
    func json(_ stake: String, _ rows: String, _ expected: String) -> String {
      Self.vector(
        "weighted_median_col", "weighted_median_col(stake, W, kappa)", #"{"consensus": "exact (I32F32)"}"#,
        inputs: #"{"stake": \#(stake), "weights_rows": \#(rows), "kappa": 0.24}"#, expected: #"{"consensus": [\#(expected)]}"#)
    }
    let rows = "[[0.0, 0.1, 0.0], [0.0, 0.2, 0.4], [0.0, 0.3, 0.1], [0.0, 0.4, 0.5]]"
    try VectorFixtures.expectPassing(json("[0.0, 0.75, 0.25, 0.0]", rows, "[0.0, 0.3, 0.4]"))
    try VectorFixtures.expectPassing(json(
      #"{"fill": 0.0, "set": [{"range": [1, 2], "value": 0.75}, {"range": [2, 3], "value": 0.25}]}"#,
      #"[[0.0, 0.1, 0.0], {"fill": 0.0, "set": [{"range": [1, 2], "value": 0.2}, {"range": [2, 3], "value": 0.4}]}, [0.0, 0.3, 0.1], [0.0, 0.4, 0.5]]"#,
      #"{"fill": 0.0, "set": [{"range": [1, 2], "value": 0.3}, {"range": [2, 3], "value": 0.4}]}"#))
    // Every row in one fill: the expected consensus row fixes the number of columns.
    try VectorFixtures.expectPassing(json("[0.0, 0.5, 0.5, 0.0]", #"{"fill": {"fill": 0.1, "set": [{"range": [0, 1], "value": 0.0}]}}"#, "[0.0, 0.1, 0.1]"))
  }

  @Test("Bond EMA: old, new and the expected result take their length from shape, itself an array")
  func ema() throws {
    func json(_ shape: String, _ old: String, _ new: String, _ result: String) -> String {
      Self.vector(
        "mat_ema_alpha_sparse", "B_new = min(1, (1 - a) * B_old + max(0, a * W))", #"{"result": "abs <= 1e-4 per entry"}"#,
        inputs: #"{"variant": "sparse", "shape": \#(shape), "old": \#(old), "new": \#(new), "alpha": 0.1}"#,
        expected: #"{"result": [\#(result)]}"#)
    }
    try VectorFixtures.expectPassing(json(
      "[4, 3]", "[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]",
      "[0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]", "[0.0, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]"))
    try VectorFixtures.expectPassing(json(
      #"{"fill": 4, "set": [{"range": [1, 2], "value": 3}]}"#,
      #"{"fill": 0.0, "set": [{"range": [0, 1], "value": 1.0}]}"#,
      #"{"fill": 0.0, "set": [{"range": [4, 5], "value": 2.0}]}"#,
      #"{"fill": 0.0, "set": [{"range": [4, 5], "value": 0.2}]}"#))
  }
}
