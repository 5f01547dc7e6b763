import SimCore

/// A Latin hypercube sample in the unit cube (McKay, Beckman & Conover 1979): each of the n
/// equal-probability strata of every coordinate holds exactly one point, at a uniformly random
/// position inside it.
///
/// Coordinate j draws from its own keyed stream (`sweep.lhs`, entity = `keys[j]`, a stable hash
/// of the parameter's name), so adding or reordering parameters leaves the other columns unchanged.
public enum LatinHypercube {
  /// `count` points with one coordinate per key.
  ///
  /// Coordinates lie in the open interval (0, 1): a uniform draw of exactly 0 is replaced by the
  /// stratum's midpoint, so every inverse CDF is finite there.
  /// - Complexity: O(count · keys.count).
  public static func points(count: Int, keys: [UInt64], seed: UInt64) -> [[Double]] {
    var rows = [[Double]](repeating: [Double](repeating: 0, count: keys.count), count: max(0, count))
    guard count > 0 else { return rows }
    for (j, key) in keys.enumerated() {
      let stream = RandomStream(rootSeed: seed, purpose: "sweep.lhs", entity: key)
      let strata = Shuffle.permutation(count, stream)
      for i in 0..<count {
        var offset = stream.uniform()
        if offset == 0 { offset = 0.5 }
        rows[i][j] = (Double(strata[i]) + offset) / Double(count)
      }
    }
    return rows
  }
}
