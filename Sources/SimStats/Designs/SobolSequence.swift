import CGSL
import SimCore

/// GSL's Sobol quasi-random sequence (`gsl_qrng_sobol`, Bratley–Fox direction numbers) in the
/// unit cube.
///
/// GSL starts the sequence after its all-zero point, so no coordinate is ever exactly 0 or 1
/// (every inverse CDF is finite there). Deterministic: there is no seed.
public enum SobolSequence {
  /// The largest dimension `gsl_qrng_sobol` supports.
  public static let maximumDimension = 40

  /// The first `count` points of the `dimension`-dimensional sequence, row by row.
  ///
  /// - Precondition: 1 ≤ dimension ≤ ``maximumDimension``, count ≥ 0.
  /// - Complexity: O(count · dimension).
  public static func points(count: Int, dimension: Int) -> [[Double]] {
    precondition((1...maximumDimension).contains(dimension), "Sobol dimension \(dimension) outside 1...\(maximumDimension)")
    GSLRuntime.prepare()
    guard let generator = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimension)) else {
      fatalError("gsl_qrng_alloc failed: out of memory")
    }
    defer { gsl_qrng_free(generator) }
    var rows: [[Double]] = []
    rows.reserveCapacity(count)
    var row = [Double](repeating: 0, count: dimension)
    for _ in 0..<count {
      let status = row.withUnsafeMutableBufferPointer { gsl_qrng_get(generator, $0.baseAddress) }
      precondition(status == GSL_SUCCESS, "gsl_qrng_get failed with status \(status)")
      rows.append(row)
    }
    return rows
  }
}
