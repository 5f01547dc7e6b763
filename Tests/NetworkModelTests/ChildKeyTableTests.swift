import NetworkModel
import Testing

/// Child keys' stake inheritance and guards (spec §17.5.1, §17.5.3), root-claim bookkeeping
/// (§17.7) and the take rate limits (§17.9) on hand-checked numbers.
@Suite("Child keys, root-claim book and take limits")
struct ChildKeyTableTests {
  let p = HotkeyID(1), c = HotkeyID(2), g = HotkeyID(3)
  let half = UInt64.max / 2 + 1  // π = ½ up to 2⁻⁶⁴

  @Test func aChildInheritsItsParentsOwnStakeOneLevelOnly() {
    var t = ChildKeyTable()
    t.apply(parent: p, children: [ChildLink(hotkey: c, proportion: half)])
    t.apply(parent: c, children: [ChildLink(hotkey: g, proportion: .max)])
    let own: [HotkeyID: UInt64] = [p: 1_000, c: 200, g: 0]
    let stake = { (h: HotkeyID) in t.inheritedStake(of: h) { own[$0] ?? 0 } }
    // P keeps ½ of 1 000; C has 200 − 200 (all to G) + ½ · 1 000; G gets C's own 200, not what C inherits.
    #expect(stake(p) == 500)
    #expect(stake(c) == 500)
    #expect(stake(g) == 200)
  }

  @Test func aNewChildSetReplacesTheOldOneAndItsParentLinks() {
    var t = ChildKeyTable()
    t.apply(parent: p, children: [ChildLink(hotkey: c, proportion: half)])
    t.apply(parent: p, children: [ChildLink(hotkey: g, proportion: half)])
    #expect(t.parents(of: c).isEmpty)
    #expect(t.parents(of: g) == [ChildLink(hotkey: p, proportion: half)])
    #expect(t.linkCount == 1)
    t.removeAll(of: g)
    #expect(t.isEmpty && t.children(of: p).isEmpty)
  }

  @Test func theChainsGuardsRefuseSixChildrenSelfDuplicatesOverflowAndLoops() {
    var t = ChildKeyTable()
    let six = (10..<16).map { ChildLink(hotkey: HotkeyID($0), proportion: 1) }
    #expect(t.refusal(parent: p, children: six) != nil)
    #expect(t.refusal(parent: p, children: Array(six.prefix(5))) == nil)
    #expect(t.refusal(parent: p, children: [ChildLink(hotkey: p, proportion: 1)]) != nil)
    #expect(t.refusal(parent: p, children: [ChildLink(hotkey: c, proportion: 1), ChildLink(hotkey: c, proportion: 1)]) != nil)
    #expect(t.refusal(parent: p, children: [ChildLink(hotkey: c, proportion: .max), ChildLink(hotkey: g, proportion: 1)]) != nil)
    t.apply(parent: p, children: [ChildLink(hotkey: c, proportion: half)])
    #expect(t.refusal(parent: c, children: [ChildLink(hotkey: p, proportion: 1)]) != nil)
  }

  @Test func aPendingSetIsAppliedOnlyAfterItsCoolDown() {
    var t = ChildKeyTable()
    t.pending = [PendingChildren(parent: p, children: [ChildLink(hotkey: c, proportion: half)], coolDownUntil: 7_300)]
    t.applyDue(at: 7_300)
    #expect(t.isEmpty && t.pending.count == 1)
    t.applyDue(at: 7_301)
    #expect(t.children(of: p).count == 1 && t.pending.isEmpty)
  }

  @Test func theEffectiveChildkeyTakeIsTheStoredOneRaisedToTheMinimum() {
    var t = ChildKeyTable()
    t.childkeyTake[c] = 1_000
    #expect(t.effectiveTake(of: c, minimum: 0) == 1_000)
    #expect(t.effectiveTake(of: c, minimum: 2_000) == 2_000)
    #expect(t.effectiveTake(of: g, minimum: 0) == 0)
  }

  @Test func rootClaimsOweRateTimesStakeLessDebtAndAStakeChangeIsNotRetroactive() {
    var b = RootClaimBook()
    let pos = RootPosition(hotkey: p, coldkey: ColdkeyID(5))
    // 1 000 alpha on a hotkey with 400 root stake: r = 2.5; a staker with 100 is owed 250.
    let first = b.accrue(1_000, hotkey: p, rootStake: 400)
    #expect(first)
    #expect(b.owed(pos, stake: 100) == 250)
    b.paid(250, to: pos)
    #expect(b.owed(pos, stake: 100) == 0 && b.unpaid == 750)
    // +100 root stake shifts the debt by 2.5 · 100: still nothing owed.
    b.stakeChanged(pos, by: 100)
    #expect(b.owed(pos, stake: 200) == 0)
    // 400 more alpha over 500 root stake: r += 0.8, owed 0.8 · 200 = 160.
    let second = b.accrue(400, hotkey: p, rootStake: 500)
    #expect(second)
    #expect(b.owed(pos, stake: 200) == 160)
    let none = b.accrue(10, hotkey: g, rootStake: 0)
    #expect(!none)
  }

  @Test func aStakeChangeWithTheRateReadByTheCallerShiftsTheDebtAsLookingTheRateUp() {
    var looked = RootClaimBook()
    let pos = RootPosition(hotkey: p, coldkey: ColdkeyID(5))
    _ = looked.accrue(1_000, hotkey: p, rootStake: 300)
    var given = looked
    for delta in [100.0, -37.5, 0, 1e12] {
      looked.stakeChanged(pos, by: delta)
      given.stakeChanged(pos, by: delta, rate: given.rate[p]!)
      #expect(given.debt == looked.debt)
    }
    #expect(given.owed(pos, stake: 400) == looked.owed(pos, stake: 400))
  }

  @Test func debtSlotsKeptByTheCallerGiveTheDebtsOfTheDictionaryWrites() {
    var plain = RootClaimBook()
    _ = plain.accrue(1_000_000, hotkey: p, rootStake: 300)
    _ = plain.accrue(7_777, hotkey: c, rootStake: 91)
    var slotted = plain
    let positions = [
      RootPosition(hotkey: p, coldkey: ColdkeyID(5)), RootPosition(hotkey: p, coldkey: ColdkeyID(6)),
      RootPosition(hotkey: c, coldkey: ColdkeyID(5)),
    ]
    var slots = [Int](repeating: -1, count: positions.count)
    let deltas: [Double] = [0, 100, -37.5, 0, 1e12, -0.0, 3, -1e12, 0.25]
    for (step, delta) in deltas.enumerated() {
      for (k, pos) in positions.enumerated() where (step + k) % 2 == 0 {
        let rate = plain.rate[pos.hotkey]!
        plain.stakeChanged(pos, by: delta, rate: rate)
        slotted.stakeChanged(pos, by: delta, rate: rate, slot: &slots[k])
      }
      if step == 4 {
        plain.paid(12, to: positions[1])
        slotted.paid(12, to: positions[1])
      }
      #expect(slotted.debt == plain.debt)
      for pos in positions { #expect(slotted.owed(pos, stake: 400) == plain.owed(pos, stake: 400)) }
    }
    // A position is written only when a change or payment reaches it, as with the dictionary.
    #expect(plain.debt.count == 3 && Set(plain.debt.keys) == Set(positions))
    #expect(slots.allSatisfy { $0 >= 0 })
  }

  @Test func aTakeIncreaseWaitsMoreThanTheRateLimitAfterTheLastChangeAndADecreaseNever() {
    let limit: Int64 = 216_000
    #expect(TakeRateLimits.allows(old: 1_000, new: 2_000, last: 0, block: 5, limit: limit))
    #expect(!TakeRateLimits.allows(old: 1_000, new: 2_000, last: 100, block: 216_100, limit: limit))
    #expect(TakeRateLimits.allows(old: 1_000, new: 2_000, last: 100, block: 216_101, limit: limit))
    #expect(TakeRateLimits.allows(old: 2_000, new: 1_000, last: 100, block: 101, limit: limit))
    #expect(!TakeRateLimits.allows(old: 1_000, new: 1_000, last: 0, block: 5, limit: limit))
  }
}
