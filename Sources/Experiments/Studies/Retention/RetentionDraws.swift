import SimCore

/// The random inputs of one honest-stake slice: validator stakes and per-validator weight noise.
///
/// The chain's study restarts its own seeded generator (Box–Muller on u16 uniforms, seed 0) for every
/// network, so all networks with the same S_H see the same stake and noise draws. This port keeps
/// that common-random-numbers structure but draws from keyed GSL streams (``RandomStream``, Gaussian
/// variates by `gsl_ran_gaussian_ziggurat`), so its numbers are not the chain's numbers:
/// - stake: stream (seed, `"retention.stake"`, entity 0 = honest subset, 1 = cabal subset);
/// - weight noise: stream (seed, `"retention.weight_noise"`, entity = validator UID), honest-server
///   block first, then the cabal-server block.
/// Keys do not contain S_H, W_H or W_C; the noise is σ_W·z with the same z for every σ_W.
struct RetentionDraws {
  /// Stake in base units per UID (servers 0).
  var stake: [UInt64]
  /// Per validator (index = UID): normalised noise over the honest servers (sums to 1).
  var honestNoise: [[Double]]
  /// Per validator (index = UID): normalised noise over the cabal servers (sums to 1).
  var cabalNoise: [[Double]]

  /// Draws the stakes and the noise for `layout` (spec §15.3 steps 4–5).
  init(layout: RetentionLayout, honestStake: Double, parameters: RetentionParameters) {
    stake = Array(repeating: 0, count: layout.networkSize)
    for (entity, (ratio, members)) in [(honestStake, layout.honestValidators), (1 - honestStake, layout.cabalValidators)]
      .enumerated()
    {
      let stream = RandomStream(rootSeed: parameters.seed, purpose: "retention.stake", entity: UInt64(entity))
      let shares = Self.normalised(members.map { _ in stream.gaussian(mean: 1, sigma: parameters.stakeSigma) })
      for (uid, share) in zip(members, shares) {
        stake[uid] = UInt64((ratio * share * parameters.totalStake).rounded(.down))
      }
    }
    var honestNoise: [[Double]] = []
    var cabalNoise: [[Double]] = []
    for uid in layout.validators {
      let stream = RandomStream(rootSeed: parameters.seed, purpose: "retention.weight_noise", entity: UInt64(uid))
      let sigma = parameters.weightSigma
      honestNoise.append(Self.normalised(layout.honestServers.map { _ in stream.gaussian(mean: 1, sigma: sigma) }))
      cabalNoise.append(Self.normalised(layout.cabalServers.map { _ in stream.gaussian(mean: 1, sigma: sigma) }))
    }
    self.honestNoise = honestNoise
    self.cabalNoise = cabalNoise
  }

  /// Clamps at 0 and normalises to sum 1 (an all-zero vector stays zero, spec §0.3).
  static func normalised(_ draws: [Double]) -> [Double] {
    let clamped = draws.map { max($0, 0) }
    let total = clamped.reduce(0, +)
    return total > 0 ? clamped.map { $0 / total } : clamped
  }
}
