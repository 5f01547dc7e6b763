import SimCore

/// Morris elementary-effects trajectories on a p-level grid (Morris 1991, in the form of
/// Campolongo, Cariboni & Saltelli 2007; SALib's `morris` sampler without trajectory
/// optimisation).
///
/// Levels are 0, 1/(p−1), …, 1 and the step is Δ = p / (2(p − 1)) (p even; Δ = 2/3 for the
/// default p = 4). A trajectory starts at a random base point x* with coordinates in
/// {0, 1/(p−1), …, 1 − Δ}, each coordinate given a random direction; it then moves the k
/// coordinates one at a time, in a random order, by +Δ (direction up, starting at x*) or −Δ
/// (direction down, starting at x* + Δ): k + 1 points per trajectory, r(k + 1) in all.
///
/// Trajectory t draws from its own keyed stream (`sweep.morris`, entity t), so adding
/// trajectories leaves the earlier ones unchanged.
public struct MorrisDesign: Sendable {
  /// One point: its trajectory, its step (0 = start), the coordinate moved to reach it (nil at
  /// the start) and its unit-cube coordinates.
  public struct Point: Sendable {
    public var trajectory: Int
    public var step: Int
    public var moved: Int?
    public var unit: [Double]
  }

  public var trajectories: Int
  public var dimension: Int
  public var levels: Int
  public var points: [Point]

  /// Δ = p / (2(p − 1)).
  public static func delta(levels: Int) -> Double { Double(levels) / (2 * Double(levels - 1)) }

  /// `trajectories` trajectories over `dimension` parameters with `levels` grid levels, drawn
  /// from streams keyed by `seed`.
  ///
  /// - Precondition: trajectories ≥ 1, dimension ≥ 1, levels even and ≥ 2.
  public init(trajectories: Int, dimension: Int, levels: Int = 4, seed: UInt64) {
    precondition(trajectories >= 1 && dimension >= 1 && levels >= 2 && levels % 2 == 0, "invalid Morris design")
    self.trajectories = trajectories
    self.dimension = dimension
    self.levels = levels
    let delta = Self.delta(levels: levels)
    let step = 1 / Double(levels - 1)
    var points: [Point] = []
    points.reserveCapacity(trajectories * (dimension + 1))
    for trajectory in 0..<trajectories {
      let stream = RandomStream(rootSeed: seed, purpose: "sweep.morris", entity: UInt64(trajectory))
      let base = (0..<dimension).map { _ in Double(stream.uniformInt(below: levels / 2)) * step }
      let up = (0..<dimension).map { _ in stream.uniformInt(below: 2) == 1 }
      let order = Shuffle.permutation(dimension, stream)
      var unit = (0..<dimension).map { up[$0] ? base[$0] : min(1, base[$0] + delta) }
      points.append(Point(trajectory: trajectory, step: 0, moved: nil, unit: unit))
      for (index, j) in order.enumerated() {
        unit[j] = up[j] ? min(1, base[j] + delta) : base[j]
        points.append(Point(trajectory: trajectory, step: index + 1, moved: j, unit: unit))
      }
    }
    self.points = points
  }
}
