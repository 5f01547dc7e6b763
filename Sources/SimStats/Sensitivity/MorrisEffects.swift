import CGSL
import SimCore

/// Morris screening measures from elementary effects (Morris 1991; μ* from Campolongo,
/// Cariboni & Saltelli 2007): per parameter the mean μ, the mean absolute value μ* and the
/// sample standard deviation σ of its r elementary effects.
///
/// μ*'s interval: `resamples` bootstrap resamples of the effects (keyed stream
/// `analyze.morris`, entity `key`); half-width z_{(1+level)/2} · sd of the resampled μ*, as
/// SALib's `morris.analyze` reports `mu_star_conf`.
public struct MorrisEffects: Sendable {
  public struct Measures: Sendable, Equatable {
    public var mu: Double
    public var muStar: IndexEstimate
    /// `nil` with a single effect.
    public var sigma: Double?
    public var count: Int
  }

  public var parameters: [Measures?]

  /// The elementary effects of one trajectory: consecutive points differ in one coordinate j;
  /// the effect (y₁ − y₀)/(u₁ⱼ − u₀ⱼ) is credited to j (±Δ in the unit cube).
  ///
  /// - Returns: per parameter, the effects found (a step that moved no coordinate is skipped).
  public static func elementaryEffects(units: [[Double]], outputs: [Double], dimension: Int) -> [[Double]] {
    var effects = [[Double]](repeating: [], count: dimension)
    guard units.count == outputs.count, units.count >= 2 else { return effects }
    for step in 1..<units.count {
      var moved: Int?
      var largest = 0.0
      for j in 0..<dimension {
        let change = abs(units[step][j] - units[step - 1][j])
        if change > largest {
          largest = change
          moved = j
        }
      }
      guard let j = moved else { continue }
      effects[j].append((outputs[step] - outputs[step - 1]) / (units[step][j] - units[step - 1][j]))
    }
    return effects
  }

  /// The measures per parameter (`nil` for a parameter without effects).
  public static func estimate(
    effects: [[Double]], resamples: Int = 1000, level: Double = 0.95, seed: UInt64, key: UInt64 = 0
  ) -> MorrisEffects {
    GSLRuntime.prepare()
    let z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2)
    let stream = RandomStream(rootSeed: seed, purpose: "analyze.morris", entity: key)
    let measures: [Measures?] = effects.map { values in
      guard !values.isEmpty else { return nil }
      let n = values.count
      let mu = values.reduce(0, +) / Double(n)
      let muStar = values.reduce(0) { $0 + abs($1) } / Double(n)
      var resampled: [Double] = []
      resampled.reserveCapacity(resamples)
      for _ in 0..<resamples {
        var sum = 0.0
        for _ in 0..<n { sum += abs(values[stream.uniformInt(below: n)]) }
        resampled.append(sum / Double(n))
      }
      let half = z * (Statistics.standardDeviation(resampled) ?? 0)
      return Measures(
        mu: mu, muStar: IndexEstimate(estimate: muStar, halfWidth: half),
        sigma: Statistics.standardDeviation(values), count: n)
    }
    return MorrisEffects(parameters: measures)
  }
}
