import SimCore

/// Random permutations from a keyed stream (Fisher–Yates with `gsl_rng_uniform_int`).
public enum Shuffle {
  /// A uniformly random permutation of 0..<count.
  public static func permutation(_ count: Int, _ stream: RandomStream) -> [Int] {
    var items = Array(0..<count)
    guard count > 1 else { return items }
    for i in stride(from: count - 1, to: 0, by: -1) {
      items.swapAt(i, stream.uniformInt(below: i + 1))
    }
    return items
  }
}
