import CGSL
import SimCore

/// An index estimate with its bootstrap interval.
public struct IndexEstimate: Sendable, Equatable {
  public var estimate: Double
  /// Half-width of the interval: z · sd of the bootstrap estimates (SALib's `*_conf`).
  public var halfWidth: Double
  public var low: Double { estimate - halfWidth }
  public var high: Double { estimate + halfWidth }

  public init(estimate: Double, halfWidth: Double) {
    self.estimate = estimate
    self.halfWidth = halfWidth
  }
}

/// First-order and total Sobol indices from a Saltelli design (``SaltelliDesign``).
///
/// The outputs are first centred on the mean of all N(k + 2) of them (as SALib does; the
/// first-order estimator is not shift-invariant, and centring lowers its variance). With f_A,
/// f_B and f_AB^(j) the centred outputs of block b's points and V the population variance of
/// f_A and f_B together:
/// - first order (Saltelli et al. 2010): S_j = mean(f_B · (f_AB^(j) − f_A)) / V;
/// - total (Jansen 1999): ST_j = mean((f_A − f_AB^(j))²) / (2V).
///
/// Intervals: `resamples` bootstrap resamples of the blocks (drawn from the keyed stream
/// `analyze.sobol`, entity `key`); the half-width is z_{(1+level)/2} times the sample standard
/// deviation of the resampled estimates, as SALib's `sobol.analyze` reports it.
public struct SobolIndices: Sendable {
  public var firstOrder: [IndexEstimate]
  public var total: [IndexEstimate]
  /// Blocks used (N).
  public var blocks: Int

  /// The indices, or `nil` with fewer than 2 blocks, unequal lengths or constant output.
  ///
  /// - Parameters:
  ///   - a: f_A per block.
  ///   - b: f_B per block.
  ///   - ab: per parameter j, f_AB^(j) per block.
  /// - Complexity: O(resamples · N · k).
  public static func estimate(
    a: [Double], b: [Double], ab: [[Double]], resamples: Int = 1000, level: Double = 0.95, seed: UInt64,
    key: UInt64 = 0
  ) -> SobolIndices? {
    let n = a.count
    guard n >= 2, b.count == n, ab.allSatisfy({ $0.count == n }), resamples >= 2, level > 0, level < 1 else {
      return nil
    }
    let centre = (a.reduce(0, +) + b.reduce(0, +) + ab.joined().reduce(0, +)) / Double(n * (ab.count + 2))
    let a = a.map { $0 - centre }
    let b = b.map { $0 - centre }
    let ab = ab.map { column in column.map { $0 - centre } }
    guard let full = indices(a, b, ab, rows: Array(0..<n)) else { return nil }
    let stream = RandomStream(rootSeed: seed, purpose: "analyze.sobol", entity: key)
    var firstSamples = [[Double]](repeating: [], count: ab.count)
    var totalSamples = [[Double]](repeating: [], count: ab.count)
    for _ in 0..<resamples {
      let rows = (0..<n).map { _ in stream.uniformInt(below: n) }
      guard let resampled = indices(a, b, ab, rows: rows) else { continue }
      for j in ab.indices {
        firstSamples[j].append(resampled.first[j])
        totalSamples[j].append(resampled.total[j])
      }
    }
    GSLRuntime.prepare()
    let z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2)
    func half(_ samples: [Double]) -> Double { z * (Statistics.standardDeviation(samples) ?? 0) }
    return SobolIndices(
      firstOrder: ab.indices.map { IndexEstimate(estimate: full.first[$0], halfWidth: half(firstSamples[$0])) },
      total: ab.indices.map { IndexEstimate(estimate: full.total[$0], halfWidth: half(totalSamples[$0])) },
      blocks: n)
  }

  /// The point estimates over the blocks `rows` (with repeats); `nil` when the output is
  /// constant over them.
  static func indices(_ a: [Double], _ b: [Double], _ ab: [[Double]], rows: [Int])
    -> (first: [Double], total: [Double])?
  {
    let count = Double(rows.count)
    var sum = 0.0
    for row in rows { sum += a[row] + b[row] }
    let mean = sum / (2 * count)
    var squares = 0.0
    for row in rows {
      squares += (a[row] - mean) * (a[row] - mean) + (b[row] - mean) * (b[row] - mean)
    }
    let variance = squares / (2 * count)
    guard variance > 0, variance.isFinite else { return nil }
    var first: [Double] = []
    var total: [Double] = []
    for column in ab {
      var s = 0.0
      var t = 0.0
      for row in rows {
        s += b[row] * (column[row] - a[row])
        t += (a[row] - column[row]) * (a[row] - column[row])
      }
      first.append(s / count / variance)
      total.append(t / count / (2 * variance))
    }
    return (first, total)
  }
}
