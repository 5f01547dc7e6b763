import Consensus
import Foundation
import Testing

@testable import Conformance

/// Each array form of spec §15.1, written by hand into a small vector and checked against the
/// same vector with plain lists: both read to the same scenario and both pass.
@Suite("Array fields in every form of spec §15.1")
struct ArrayFormTests {

  @Test("The hand-written vectors pass as written with plain lists")
  func plainListsPass() throws {
    try VectorFixtures.expectPassing(try VectorFixtures.outdated())
    try VectorFixtures.expectPassing(try VectorFixtures.permits())
    try VectorFixtures.expectPassing(try VectorFixtures.yuma3())
  }

  @Test("Per-UID inputs may be {fill, set}: range entries are half-open and later entries win")
  func perUIDInputs() throws {
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.outdated([
        "STAKE": #"{"fill": 1}"#,
        "REGISTRATION": #"{"fill": 7, "set": [{"range": [0, 4], "value": 9}, {"range": [0, 4], "value": 1}]}"#,
        "LAST_UPDATE": #"{"fill": 1, "set": []}"#,
        "PERMIT": #"{"fill": true, "set": [{"range": [0, 4], "value": false}]}"#,
      ]),
      as: try VectorFixtures.outdated())
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.permits([
        "STAKE": #"{"fill": 3, "set": [{"range": [0, 2], "value": 4}, {"range": [1, 2], "value": 5}, {"range": [2, 3], "value": 2}, {"range": [3, 3], "value": 0}]}"#
      ]),
      as: try VectorFixtures.permits())
  }

  @Test("set_weights values may be {fill, set} with one entry per dest, explicit zeros kept")
  func weightValues() throws {
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.outdated(["VALUES": #"{"fill": 21845, "set": [{"range": [0, 1], "value": 43690}]}"#]),
      as: try VectorFixtures.outdated())
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.yuma3(["VALUES": #"{"fill": 0, "set": [{"range": [0, 1], "value": 65535}]}"#]),
      as: try VectorFixtures.yuma3())
  }

  @Test("set_weights values in {fill, set} follow the number of dests, also when dests is a range")
  func valuesFollowDests() throws {
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.outdated([
        "DESTS": #"{"range": [2, 4]}"#, "VALUES": #"{"fill": 43690, "set": [{"range": [1, 2], "value": 21845}]}"#,
      ]),
      as: try VectorFixtures.outdated())
  }

  @Test("dests may be a list, a range or a per-UID true/false selection", arguments: [
    #"{"range": [2, 4]}"#,
    #"{"fill": false, "set": [{"range": [2, 4], "value": true}]}"#,
    #"{"fill": true, "set": [{"range": [0, 2], "value": false}]}"#,
  ])
  func dests(spelling: String) throws {
    try VectorFixtures.expectSameAndPassing(try VectorFixtures.outdated(["DESTS": spelling]), as: try VectorFixtures.outdated())
  }

  @Test("set_weights uid may be a list, a range or a per-UID true/false selection", arguments: [
    #"{"range": [0, 2]}"#,
    #"{"fill": false, "set": [{"range": [0, 2], "value": true}]}"#,
  ])
  func weightSetters(spelling: String) throws {
    try VectorFixtures.expectSameAndPassing(try VectorFixtures.outdated(["UID": spelling]), as: try VectorFixtures.outdated())
  }

  @Test("A selection {\"fill\": true} is every UID")
  func everyUID() throws {
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.yuma3(["UID": #"{"fill": true, "set": [{"range": [3, 5], "value": false}]}"#]),
      as: try VectorFixtures.yuma3())
    let all = try VectorFixtures.scenarios(try VectorFixtures.yuma3(["UID": #"{"fill": true}"#]))[0]
    #expect(all.steps[1].actions.first == .setWeights(uids: [0, 1, 2, 3, 4], dests: [3, 4], values: [65535, 0]))
  }

  @Test("A UID list in {fill, set} form with integer entries is the n UIDs as written")
  func literalUIDs() throws {
    let json = try VectorFixtures.outdated(["UID": #"{"fill": 1, "set": [{"range": [0, 1], "value": 0}]}"#])
    let scenario = try VectorFixtures.scenarios(json)[0]
    #expect(scenario.steps[1].actions.first == .setWeights(uids: [0, 1, 1, 1], dests: [2, 3], values: [43690, 21845]))
    // Setting the same row again at the same block stores the same weights: the run still passes.
    try VectorFixtures.expectPassing(json)
  }

  @Test("add_stake uids may be one uid, a list, a range or a per-UID selection", arguments: [
    #""uids": {"range": [2, 4]}"#,
    #""uids": {"fill": false, "set": [{"range": [2, 4], "value": true}]}"#,
  ])
  func stakeTargets(spelling: String) throws {
    try VectorFixtures.expectSameAndPassing(try VectorFixtures.permits(["TARGETS": spelling]), as: try VectorFixtures.permits())
    let one = try VectorFixtures.scenarios(try VectorFixtures.permits(["TARGETS": #""uid": 2"#]))[0]
    #expect(one.steps[0].actions[1] == .addStake(uids: [2], amount: 8))
  }

  @Test("Expected validator_permit and dividends_fraction may be {fill, set}")
  func expectedArrays() throws {
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.permits([
        "E1": #"{"fill": false, "set": [{"range": [0, 2], "value": true}]}"#,
        "E2": #"{"fill": true, "set": [{"range": [0, 2], "value": false}]}"#,
      ]),
      as: try VectorFixtures.permits())
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.outdated(["PERMITS_OUT": #"{"fill": true}"#]), as: try VectorFixtures.outdated())
    try VectorFixtures.expectSameAndPassing(
      try VectorFixtures.yuma3([
        "FRACTION": #"{"fill": 0, "set": [{"range": [0, 1], "value": 0.8}, {"range": [1, 3], "value": 0.1}]}"#
      ]),
      as: try VectorFixtures.yuma3())
  }

  @Test("Expected per-UID values may be a {uid: value} map, a full list or {fill, set}", arguments: [
    "[250000000, 250000000, 500000000, 0]",
    #"{"fill": 250000000, "set": [{"range": [2, 3], "value": 500000000}, {"range": [3, 4], "value": 0}]}"#,
  ])
  func expectedPerUID(spelling: String) throws {
    try VectorFixtures.expectSameAndPassing(try VectorFixtures.outdated(["E2": spelling]), as: try VectorFixtures.outdated())
  }

  @Test("Range writes are applied in order whatever their overlap", arguments: [1, 2, 3, 42])
  func paintMatchesNaive(seed: UInt64) {
    var state = seed
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for _ in 0..<200 {
      let count = next(40)
      var writes: [(range: Range<Int>, value: Int)] = []
      for v in 0..<next(8) {
        let a = next(count + 1)
        writes.append((a..<(a + next(count - a + 1)), v + 1))
      }
      var naive = [Int](repeating: 0, count: count)
      for w in writes { for i in w.range { naive[i] = w.value } }
      var painted = [Int](repeating: 0, count: count)
      VectorReader.paint(&painted, writes)
      #expect(painted == naive, "\(writes)")
    }
  }
}
