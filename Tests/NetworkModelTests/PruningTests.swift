import Testing

@testable import NetworkModel

@Suite("Pruning (spec §11.3)")
struct PruningTests {
  let emission: [UInt64] = [0, 7, 3, 3, 9, 3]
  let registered: [Int64] = [0, 0, 50, 20, 0, 990]

  @Test func theLowestEmissionNonImmuneUIDIsReplacedWithTiesToTheEarlierRegistration() {
    // Block 1000, immunity 100: UID 5 is immune. Owner UID 0 is immortal.
    let immortal = [true, false, false, false, false, false]
    let uid = Pruning.select(
      emission: emission, registrationBlock: registered, ownerImmortal: immortal, block: 1_000, immunityPeriod: 100,
      minNonImmuneUids: 2)
    #expect(uid == 3)  // emission 3 at UIDs 2, 3 (5 is immune): UID 3 registered earlier
  }

  @Test func tooFewNonImmuneUIDsMakeTheBestImmuneCandidateTheChoice() {
    let immortal = [true, false, false, false, false, false]
    // Immunity 960 leaves UIDs 1, 3, 4 open (3 is not > minNonImmune 4); immune: 2 (reg 50), 5 (reg 990).
    let uid = Pruning.select(
      emission: emission, registrationBlock: registered, ownerImmortal: immortal, block: 1_000, immunityPeriod: 960,
      minNonImmuneUids: 4)
    #expect(uid == 2)
  }

  @Test func withTooFewNonImmuneUIDsAndNoImmuneOneTheChainRefusesTheRegistration() {
    // Nobody is immune (immunity 0) and 3 open UIDs are not more than the floor of 4: the floor is
    // protected and there is no immune candidate, so nothing is replaced.
    let immortal = [true, false, false, false]
    let small = [UInt64](emission.prefix(4))
    let reg = [Int64](registered.prefix(4))
    #expect(
      Pruning.select(
        emission: small, registrationBlock: reg, ownerImmortal: immortal, block: 1_000, immunityPeriod: 0,
        minNonImmuneUids: 4) == nil)
    // One more open UID than the floor: the best open UID is replaced.
    #expect(
      Pruning.select(
        emission: small, registrationBlock: reg, ownerImmortal: immortal, block: 1_000, immunityPeriod: 0,
        minNonImmuneUids: 2) != nil)
  }

  @Test func ownerHotkeysStayImmortalUpToTheLimitEarliestFirst() {
    let mask = Pruning.ownerImmortal(
      isOwnerHotkey: [false, true, false, false], ownedByOwnerColdkey: [true, true, true, false],
      registrationBlock: [30, 0, 10, 0], limit: 2)
    #expect(mask == [false, true, true, false])
    #expect(
      Pruning.select(
        emission: [0, 0, 0, 5], registrationBlock: [30, 0, 10, 0], ownerImmortal: mask, block: 10_000, immunityPeriod: 1,
        minNonImmuneUids: 0) == 0)
  }
}
