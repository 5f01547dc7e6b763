import Emission
import NetworkModel
import Testing

/// The dividend split from a child hotkey back to its parents (spec §17.5.2) on hand-checked numbers.
@Suite("Child-key dividend split")
struct ChildKeyDividendsTests {
  @Test func aParentOfAnotherColdkeyGetsItsStakeShareLessTheChildkeyTake() {
    // D = 1 000, w_h = 100 (no children of its own), one parent with π = 1 and w_p = 300, χ = 0.1:
    // σ = 100, κ = 300, K = 400, e_p = 750, take 75 ⇒ parent 675, child ⌊1 000 − 750 + 75⌋ = 325.
    let s = ChildKeyDividends.split(
      amount: 1_000, childWeight: 100, childKeep: 1, parents: [(fraction: 1, weight: 300, sameColdkey: false)], take: 0.1)
    #expect(s.child == 325 && s.parents == [675])
  }

  @Test func aParentOfTheSameColdkeyPaysNoTake() {
    let s = ChildKeyDividends.split(
      amount: 1_000, childWeight: 100, childKeep: 1, parents: [(fraction: 1, weight: 300, sameColdkey: true)], take: 0.1)
    #expect(s.child == 250 && s.parents == [750])
  }

  @Test func twoParentsSplitByProportionTimesStakeAndTheChildKeepsWhatItDoesNotDelegate() {
    // w_h = 200 with half delegated onward: σ = 100; parents κ = ½·400 = 200 and ¼·400 = 100; K = 400.
    // e = 500 and 250; no take ⇒ child 250.
    let s = ChildKeyDividends.split(
      amount: 1_000, childWeight: 200, childKeep: 0.5,
      parents: [(fraction: 0.5, weight: 400, sameColdkey: false), (fraction: 0.25, weight: 400, sameColdkey: false)], take: 0)
    #expect(s.child == 250 && s.parents == [500, 250])
  }

  @Test func aChildWithNoStakeAnywhereKeepsEverything() {
    let s = ChildKeyDividends.split(
      amount: 7, childWeight: 0, childKeep: 1, parents: [(fraction: 1, weight: 0, sameColdkey: false)], take: 0.1)
    #expect(s.child == 7 && s.parents == [0])
  }

  @Test func parentsWithoutAUIDBecomeExtraReceiversAfterTheUIDs() {
    // UID 0 = hotkey 10 (child of root hotkey 20, π = 1), UID 1 = hotkey 11 (no parents).
    var t = ChildKeyTable()
    t.apply(parent: HotkeyID(20), children: [ChildLink(hotkey: HotkeyID(10), proportion: .max)])
    let weight: [HotkeyID: Double] = [HotkeyID(10): 0, HotkeyID(11): 50, HotkeyID(20): 900]
    let split = ChildKeyDividends.distribute(
      hotkeys: [HotkeyID(10), HotkeyID(11)], amounts: [900, 100], table: t, weight: { weight[$0] ?? 0 },
      coldkey: { ColdkeyID($0.index) }, take: { _ in 0.125 })
    // The owner-like child has no own stake: its parent gets e = 900 less the 12.5 % take (112.5).
    #expect(split.receivers == [HotkeyID(10), HotkeyID(11), HotkeyID(20)])
    #expect(split.amounts == [112, 100, 787])
  }
}
