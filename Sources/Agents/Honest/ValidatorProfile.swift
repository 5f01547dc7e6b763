import NetworkModel
import SimCore

/// How one honest validator differs from the others: its noise level, its own cadence, whether it
/// lags, whether it is misconfigured (see ``HonestValidatorParameters``).
///
/// Each trait is drawn once, when the validator is first seen with a permit, from its own stream
/// keyed by purpose and (subnet, hotkey), and only when the trait is switched on: so turning one
/// trait on changes no other trait's draws, and with all traits off nothing is drawn at all.
struct ValidatorProfile {
  var drawn = false
  /// σ_i, the validator's subjectivity noise level.
  var sigma = 0.0
  /// Blocks between its submissions (0 = the cohort's cadence).
  var interval: Int64 = 0
  /// Its next submission block when it has its own cadence.
  var nextDue: Int64 = 0
  /// Whether it weights stale utility.
  var lagging = false
  /// Whether it is misconfigured, and its stream for the wrong weights.
  var misconfigured = false
  var wrongStream: RandomStream? = nil

  /// Draws the profile of the validator at `uid` (stream entity `entity`), first seen at `block`.
  static func draw(
    _ p: HonestValidatorParameters, subnet s: Subnet, uid: Int, entity: UInt64, streams: StreamFactory, block: Int64
  ) -> ValidatorProfile {
    var v = ValidatorProfile()
    v.drawn = true
    v.sigma = p.weightSigma
    if p.weightSigmaSpread > 0 {
      v.sigma = p.weightSigma * streams.stream("validator.sigma", entity: entity).lognormal(zeta: 0, sigma: p.weightSigmaSpread)
    }
    if let range = p.weightIntervalRange {
      let cadence = streams.stream("validator.cadence", entity: entity)
      v.interval = range.lowerBound + Int64(cadence.uniformInt(below: Int(range.upperBound - range.lowerBound + 1)))
      v.nextDue = block + Int64(cadence.uniformInt(below: Int(v.interval)))
    }
    if p.lagShare > 0 { v.lagging = streams.stream("validator.lag", entity: entity).uniform() < p.lagShare }
    if p.misconfiguredShare > 0 {
      let wrong = streams.stream("validator.misconfigured", entity: entity)
      v.misconfigured = wrong.uniform() < p.misconfiguredShare && isSmall(uid: uid, subnet: s)
      if v.misconfigured { v.wrongStream = wrong }
    }
    return v
  }

  /// Whether the validator at `uid` has less alpha stake than the median permit-holding honest
  /// validator of the subnet (mean of the two middle stakes for an even count).
  static func isSmall(uid: Int, subnet s: Subnet) -> Bool {
    var stakes: [UInt64] = []
    for j in 0..<s.n where s.chain.validatorPermit[j] { stakes.append(s.alphaStake(uid: j)) }
    guard !stakes.isEmpty else { return false }
    stakes.sort()
    let median = (Double(stakes[(stakes.count - 1) / 2]) + Double(stakes[stakes.count / 2])) / 2
    return Double(s.alphaStake(uid: uid)) < median
  }

  /// Whether a validator with its own cadence submits at `block`.
  func isDue(at block: Int64) -> Bool { block >= nextDue }

  /// Moves its next submission one interval past `block`.
  mutating func advance(from block: Int64) { nextDue = block + interval }
}
