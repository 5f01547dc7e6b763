import Consensus
import Foundation
import Testing

@testable import Conformance

/// Malformed vectors are refused with the file, the JSON path and what was wrong; none crashes.
@Suite("Malformed vectors")
struct MalformedVectorTests {

  @Test("Malformed files are rejected with file, line, column and the path of the problem", arguments: [
    ("{", "test.json:1:2: not valid JSON: unexpected end of the file"),
    ("[1, 2,]", "test.json:1:7: not valid JSON: a trailing comma is not JSON"),
    ("[1] x", "test.json:1:5: not valid JSON: unexpected text after the JSON value"),
    ("[{\"a\": 01}]", "test.json:1:9: not valid JSON: expected \",\" or \"}\""),
    ("[\"\\q\"]", "test.json:1:3: not valid JSON: an unknown escape in a string"),
    ("{}", "test.json:1:1: $: the file must hold a JSON array of vectors"),
    ("[]", "test.json:1:1: $: the file holds no vectors"),
    ("[{\"params\": {}}]", "test.json:1:2: $[0].name: missing"),
    ("[{\"name\": \"x\", \"params\": {}, \"inputs\": {}, \"expected\": {},\n  \"expect\": {}}]", "test.json:2:13: $[0] (x).expect: unknown key"),
    ("[{\"name\": \"x\", \"params\": {}, \"inputs\": {}, \"expected\": {}, \"tolerance\": \"1e-3\"}]", "test.json:1:73: $[0] (x).tolerance: expected an object"),
  ])
  func malformedFile(json: String, message: String) {
    let refusal = VectorFixtures.refusal(json)
    #expect(refusal?.hasPrefix(message) == true, "\(refusal ?? "accepted")")
  }

  @Test("Nesting deeper than the scanner allows is a syntax error, not a stack overflow")
  func deepNesting() {
    let json = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let refusal = VectorFixtures.refusal(json)
    #expect(refusal?.hasPrefix("test.json:1:258: not valid JSON: nested deeper than 256 levels") == true, "\(refusal ?? "accepted")")
  }

  @Test("A problem deep in a vector is located at its value, a missing key at the object that lacks it")
  func locations() throws {
    let json = try VectorFixtures.outdated(["VALUES": "{\"fill\": 70000}"])
    let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(lines.firstIndex { $0.contains("70000") })
    let column = lines[row].distance(from: lines[row].startIndex, to: try #require(lines[row].range(of: "70000")).lowerBound) + 1
    let refusal = VectorFixtures.refusal(json)
    #expect(refusal?.hasPrefix("test.json:\(row + 1):\(column): $[0] (outdated).inputs.steps[1].actions[0].values.fill: 70000 is outside") == true, "\(refusal ?? "accepted")")
    let text = JSONText(bytes: Array(#"[{"a": {"b c": [1, {"d.e": 2}]}, "x": "é"}]"#.utf8))
    #expect(text.lineAndColumn(text.offset(of: [.index(0), .key("a"), .key("b c"), .index(1)])) == (1, 20))
    #expect(text.lineAndColumn(text.offset(of: [.index(0), .key("a"), .key("missing")])) == (1, 8))
    // Columns count Unicode scalars: "é" is two bytes but one column.
    let accented = JSONText(bytes: Array(#"["é", "é", 5]"#.utf8))
    #expect(accented.lineAndColumn(accented.offset(of: [.index(2)])) == (1, 12))
    #expect(JSONText.steps(of: "$[0] (a.b).inputs.steps[2].values", name: { _ in "a.b" })
      == [.index(0), .key("inputs"), .key("steps"), .index(2), .key("values")])
  }

  @Test("Only regular files are read: a FIFO is refused instead of waited on")
  func fifo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-vectors-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("vectors.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(throws: ConformanceError.unreadable(file: fifo, reason: "not a regular file")) {
      try ConformanceVector.load(file: fifo)
    }
  }

  /// (token, spelling, message): the outdated-weights vector with one array spelled wrongly.
  @Test("Wrong array forms name their location and what is expected", arguments: [
    ("STAKE", #"{"fill": 1, "colour": 2}"#, "inputs.alpha_stake.colour: unknown key"),
    ("STAKE", #"{"set": [{"range": [0, 1], "value": 1}]}"#, "inputs.alpha_stake.fill: missing"),
    ("STAKE", #"{"fill": 1, "set": [[0, 5]]}"#, "inputs.alpha_stake.set[0]: expected an object"),
    ("STAKE", #"{"fill": 1, "set": [{"index": 0, "value": 5}]}"#, "inputs.alpha_stake.set[0].index: unknown key"),
    ("STAKE", #"{"fill": 1, "set": [{"range": [0, 5], "value": 5}]}"#, "inputs.alpha_stake.set[0].range[1]: 5 is outside 0…4"),
    ("STAKE", #"{"fill": 1, "set": [{"range": [3, 2], "value": 5}]}"#, "inputs.alpha_stake.set[0].range[1]: 2 is outside 3…4"),
    ("STAKE", #"{"fill": 1, "set": [{"range": [0, 1, 2], "value": 5}]}"#, "range: has 3 entries, expected 2 (a range is [start, end))"),
    ("STAKE", #"{"fill": -1}"#, "inputs.alpha_stake.fill: expected a non-negative integer"),
    ("STAKE", "[1, 1, 1]", "inputs.alpha_stake: has 3 entries, expected 4 (n = 4)"),
    ("STAKE", "7", "inputs.alpha_stake: expected a list or {\"fill\": x, \"set\""),
    ("VALUES", #"{"fill": 70000}"#, "values.fill: 70000 is outside 0…65535"),
    ("VALUES", "[1, 2, 3]", "values: has 3 entries, expected 2 (one per dest)"),
    ("DESTS", "[2, 2]", "dests: uid 2 appears twice"),
    ("DESTS", #"{"fill": 2}"#, "dests: uid 2 appears twice"),
    ("DESTS", #"{"range": [2, 4], "fill": true}"#, "dests.fill: unknown key"),
    ("DESTS", #"{"colour": 1}"#, "dests: expected a uid, a list of uids, {\"range\": [a, b]} or a per-UID {\"fill\", \"set\"} array"),
    ("UID", #"{"fill": false, "set": [{"range": [0, 2], "value": 1}]}"#, "uid.set[0].value: expected true or false"),
    ("UID", #"{"fill": 4}"#, "uid.fill: uid 4 is outside 0..<4"),
    ("UID", #""0""#, "uid: expected a uid, a list of uids"),
    ("E2", #"{"fill": 1, "7": 2}"#, "emission.7: unknown key"),
    ("E2", #"{"9": 0}"#, "emission.9: key must be a uid in 0..<4"),
    ("PERMITS_OUT", #"{"fill": 1}"#, "validator_permit.fill: expected true or false"),
  ])
  func wrongArrayForms(token: String, spelling: String, message: String) throws {
    let refusal = VectorFixtures.refusal(try VectorFixtures.outdated([token: spelling]))
    #expect(refusal?.contains(message) == true, "\(refusal ?? "accepted")")
  }

  @Test("Unknown actions, parameters and inputs, and labels without an epoch name their location", arguments: [
    (#""op": "replace_neuron""#, #""op": "explode""#, "unknown action \"explode\""),
    (#""tempo": 0,"#, #""tempo": 0, "colour": 1,"#, "params.colour: unknown parameter"),
    (#""start_block": 1,"#, #""start_block": 1, "params": {"n": 5},"#, "inputs.params: unknown input"),
    (#""start_block": 1,"#, #""start_block": 1, "name": "x","#, "inputs.name: unknown input"),
    (#""e2": {"dividends_u16""#, #""e9": {"dividends_u16""#, "expected.e9: no run_epoch step has this label"),
    (#""label": "e2""#, #""label": "e1""#, "label \"e1\" is used twice"),
    (#""uid": 3, "new_alpha_stake": 0"#, #""uid": 3, "new_alpha_stake": 0, "why": 1"#, "why: unknown key for replace_neuron"),
    (#""actions": [{"op": "run_epoch", "label": "permits"}]"#, #""actions": {"fill": {"op": "run_epoch"}}"#,
     "inputs.steps[0].actions: the {\"fill\", \"set\"} form needs a length known from elsewhere; write this array as a list"),
    (#""dividends_u16": {"0": 32767}"#, #""dividends_u16": {"0": 32767}, "trust_u16": {}"#, "e2.trust_u16: unknown expected field"),
  ])
  func malformedScenario(original: String, replacement: String, message: String) throws {
    let plain = try VectorFixtures.outdated()
    let json = plain.replacingOccurrences(of: original, with: replacement)
    #expect(json != plain, "test edit did not apply: \(original)")
    let refusal = VectorFixtures.refusal(json)
    #expect(refusal?.contains(message) == true, "\(refusal ?? "accepted")")
  }

  @Test("Stake that would pass UInt64.max is refused at its amount, not wrapped")
  func stakeOverflow() throws {
    let refusal = VectorFixtures.refusal(try VectorFixtures.permits(["AMOUNT": "18446744073709551614"]))
    #expect(
      refusal?.contains("inputs.steps[0].actions[1].amount: uid 2's stake 2 + 18446744073709551614 exceeds 18446744073709551615") == true,
      "\(refusal ?? "accepted")")
    let both = VectorFixtures.refusal(try VectorFixtures.permits(["TARGETS": #""uids": [2], "uid": 3"#]))
    #expect(both?.contains("actions[1].uid: give either uids or uid, not both") == true, "\(both ?? "accepted")")
  }

  @Test("A few bytes of fill/set cannot ask for a matrix too large to hold")
  func sizeLimits() throws {
    let huge = VectorFixtures.outdatedParams.replacingOccurrences(of: #""n": 4"#, with: #""n": 1048576"#)
    let refusal = VectorFixtures.refusal(try VectorFixtures.outdated([
      "PARAMS": huge, "STAKE": #"{"fill": 1}"#, "REGISTRATION": #"{"fill": 1}"#, "LAST_UPDATE": #"{"fill": 1}"#,
      "PERMIT": #"{"fill": false}"#, "UID": #"{"fill": true}"#, "DESTS": #"{"fill": true}"#, "VALUES": #"{"fill": 1}"#,
    ]))
    #expect(refusal?.contains("inputs.steps[1].actions[0]: the scenario would store") == true, "\(refusal ?? "accepted")")
    let stall = VectorFixtures.refusal(try VectorFixtures.outdated([
      "PARAMS": huge, "STAKE": #"{"fill": 1}"#, "REGISTRATION": #"{"fill": 1}"#, "LAST_UPDATE": #"{"fill": 1}"#,
      "PERMIT": #"{"fill": false}"#, "UID": #"{"fill": true}"#, "DESTS": "[2, 3]",
    ]))
    #expect(stall?.contains("inputs.steps[1].actions[0]: set_weights rows × n reach") == true, "\(stall ?? "accepted")")
    let ema = VectorFixtures.refusal(MathFormTests.vector(
      "mat_ema_alpha_sparse", "B_new", "{}",
      inputs: #"{"variant": "dense", "shape": [1048576, 1048576], "old": {"fill": 0}, "new": {"fill": 0}, "alpha": 0.1}"#,
      expected: #"{"result": [{"fill": 0}]}"#))
    #expect(ema?.contains("cases[0].shape: 1048576×1048576 has more than") == true, "\(ema ?? "accepted")")
    let side = Array(repeating: "0.5", count: 4097).joined(separator: ", ")
    let wide = VectorFixtures.refusal(MathFormTests.vector(
      "weighted_median_col", "weighted_median_col(stake, W, kappa)", "{}",
      inputs: #"{"stake": [\#(side)], "weights_rows": {"fill": {"fill": 0.5}}, "kappa": 0.5}"#,
      expected: #"{"consensus": [[\#(side)]]}"#))
    #expect(wide?.contains("cases[0].weights_rows: 4097×4097 has more than") == true, "\(wide ?? "accepted")")
  }
}
