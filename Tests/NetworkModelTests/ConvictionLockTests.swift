import NetworkModel
import Testing

/// Conviction locks' roll-forward and the owner-change king (spec §17.8) on the spec's worked values.
@Suite("Conviction locks")
struct ConvictionLockTests {
  let rates = LockRates()
  let owner = HotkeyID(0), h = HotkeyID(1), k = HotkeyID(2)
  let m0: UInt64 = 1_000_000_000_000
  var tau: Int64 { Int64(rates.unlockBlocks) }

  @Test func aDecayingLockFromZeroPeaksAtOneOverETimesItsMassAfterOneTimeConstant() {
    let lock = ConvictionLock(hotkey: h, mass: m0, conviction: 0, lastUpdate: 0)
    let r = lock.rolled(to: tau, rates: rates, ownerHotkey: owner)
    // C(τ) = M₀ (τ/τ) e^{−1}; M(τ) = ⌊M₀ e^{−1}⌋.
    #expect(abs(r.conviction - Double(m0) / RealMath.exp(1)) < 1e-9 * Double(m0))
    #expect(r.mass == FixedMath.floorAmount(Double(m0) * RealMath.exp(-1)))
    // Half a time constant: C = M₀ · ½ · e^{−½}.
    let half = lock.rolled(to: tau / 2, rates: rates, ownerHotkey: owner)
    #expect(abs(half.conviction - Double(m0) * 0.5 * RealMath.exp(-0.5)) < 1e-5 * Double(m0))
  }

  @Test func aPerpetualLockKeepsItsMassAndConvictionApproachesIt() {
    let lock = ConvictionLock(hotkey: h, mass: m0, conviction: 0, lastUpdate: 0, decaying: false)
    let r = lock.rolled(to: tau, rates: rates, ownerHotkey: owner)
    #expect(r.mass == m0)
    #expect(abs(r.conviction - Double(m0) * (1 - RealMath.exp(-1))) < 1e-9 * Double(m0))
  }

  @Test func rollingInTwoStepsMatchesOneStepUpToTheMassFloor() {
    let lock = ConvictionLock(hotkey: h, mass: m0, conviction: 0, lastUpdate: 0)
    let once = lock.rolled(to: 200_000, rates: rates, ownerHotkey: owner)
    let twice = lock.rolled(to: 50_000, rates: rates, ownerHotkey: owner).rolled(to: 200_000, rates: rates, ownerHotkey: owner)
    #expect(abs(Double(once.mass) - Double(twice.mass)) <= 1)
    #expect(abs(once.conviction - twice.conviction) < 1e-6 * Double(m0))
  }

  @Test func aLockOnTheOwnerHotkeyHasFullConvictionAtOnceAndDustIsZeroed() {
    let lock = ConvictionLock(hotkey: owner, mass: m0, conviction: 0, lastUpdate: 0)
    let r = lock.rolled(to: 10, rates: rates, ownerHotkey: owner)
    #expect(r.conviction == Double(r.mass))
    let dust = ConvictionLock(hotkey: h, mass: 99, conviction: 50, lastUpdate: 0).rolled(to: 1, rates: rates, ownerHotkey: owner)
    #expect(dust.mass == 0 && dust.conviction == 0)
  }

  @Test func theKingIsTheHotkeyWithMostConvictionOnceTenTimesTheTotalReachesTheOutstandingAlpha() {
    var locks = ConvictionLocks()
    locks.set(ConvictionLock(hotkey: h, mass: 500, conviction: 300, lastUpdate: 0), for: ColdkeyID(1))
    locks.set(ConvictionLock(hotkey: k, mass: 500, conviction: 200, lastUpdate: 0), for: ColdkeyID(2))
    locks.set(ConvictionLock(hotkey: k, mass: 500, conviction: 100, lastUpdate: 0), for: ColdkeyID(3))
    // Σ C = 600: 10 · 600 ≥ 6 000 but not 6 001; h and k tie at 300 — the last maximum (k) wins.
    #expect(locks.king(alphaOut: 6_000) == k)
    #expect(locks.king(alphaOut: 6_001) == nil)
    #expect(locks.king(alphaOut: 0) == nil)
  }
}
