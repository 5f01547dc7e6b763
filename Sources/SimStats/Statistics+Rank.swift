/// Kendall's rank correlation and the coefficient of variation (what GSL does not provide).
extension Statistics {
  /// Kendall's τ-b: (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)) over the n₀ = n(n − 1)/2 pairs, where n_c
  /// and n_d count the concordant and discordant pairs, and n₁, n₂ the pairs tied in `xs` and in
  /// `ys` (a pair tied in either is neither concordant nor discordant). With no ties it is
  /// Kendall's τ-a.
  ///
  /// - Returns: `nil` when the lengths differ, n < 2, a value is not finite, or either sample is
  ///   constant (undefined).
  /// - Complexity: O(n²); the samples it serves (one value per subnet) are small.
  public static func kendallTauB(_ xs: [Double], _ ys: [Double]) -> Double? {
    guard xs.count == ys.count, xs.count >= 2, allFinite(xs), allFinite(ys) else { return nil }
    var concordant = 0
    var discordant = 0
    var tiedX = 0
    var tiedY = 0
    for i in 0..<xs.count {
      for j in (i + 1)..<xs.count {
        let dx = xs[i] - xs[j]
        let dy = ys[i] - ys[j]
        if dx == 0 { tiedX += 1 }
        if dy == 0 { tiedY += 1 }
        if dx == 0 || dy == 0 { continue }
        if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
      }
    }
    let pairs = xs.count * (xs.count - 1) / 2
    let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
    guard denominator > 0 else { return nil }
    return Double(concordant - discordant) / denominator
  }

  /// Coefficient of variation: sample standard deviation (divisor n − 1) ÷ mean.
  ///
  /// - Returns: `nil` for fewer than 2 values, a value that is not finite, or a mean of 0.
  public static func coefficientOfVariation(_ xs: [Double]) -> Double? {
    guard let m = mean(xs), m != 0, let sd = standardDeviation(xs) else { return nil }
    return sd / m
  }
}
