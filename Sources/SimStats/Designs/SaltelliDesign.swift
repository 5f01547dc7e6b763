/// The Saltelli layout of a Sobol design for first-order and total indices (Saltelli 2010;
/// SALib's `saltelli`/`sobol` sampler with `calc_second_order=False`).
///
/// Block b (0..<N) takes row b + 1 of a 2k-dimensional Sobol sequence (row 0, GSL's first point,
/// is the cube's centre in every coordinate, so A = B there and the block would carry no
/// information; it is skipped): its first k coordinates are
/// the row of matrix A, its last k the row of matrix B. The block's k + 2 points are, in order,
/// A_b, AB_b^(1) … AB_b^(k) (A_b with coordinate j taken from B_b), then B_b: N·(k + 2) points.
public struct SaltelliDesign: Sendable {
  /// What a point of the design is.
  public enum Role: Sendable, Equatable {
    case a
    /// A with parameter `j` (0-based) taken from B.
    case ab(Int)
    case b
  }

  /// One point: its block, its role and its unit-cube coordinates.
  public struct Point: Sendable {
    public var block: Int
    public var role: Role
    public var unit: [Double]
  }

  public var blocks: Int
  public var dimension: Int
  public var points: [Point]

  /// The largest number of parameters (2k Sobol coordinates are needed).
  public static let maximumDimension = SobolSequence.maximumDimension / 2

  /// The design with `blocks` base samples over `dimension` parameters.
  ///
  /// - Precondition: blocks ≥ 1 and 1 ≤ dimension ≤ ``maximumDimension``.
  public init(blocks: Int, dimension: Int) {
    precondition(blocks >= 1 && (1...Self.maximumDimension).contains(dimension), "invalid Saltelli design size")
    self.blocks = blocks
    self.dimension = dimension
    var points: [Point] = []
    points.reserveCapacity(blocks * (dimension + 2))
    for (block, row) in SobolSequence.points(count: blocks + 1, dimension: 2 * dimension).dropFirst().enumerated() {
      let a = Array(row[0..<dimension])
      let b = Array(row[dimension...])
      points.append(Point(block: block, role: .a, unit: a))
      for j in 0..<dimension {
        var ab = a
        ab[j] = b[j]
        points.append(Point(block: block, role: .ab(j), unit: ab))
      }
      points.append(Point(block: block, role: .b, unit: b))
    }
    self.points = points
  }
}
