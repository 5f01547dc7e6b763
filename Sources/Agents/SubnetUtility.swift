import NetworkModel
import SimCore

/// How subnets differ in the value their miners produce (model input, not chain data).
///
/// Each subnet s draws, from its own keyed stream, a latent utility scale U_s, a spread exponent
/// k_s and a drift δ_s; a miner's utility is U_s · d^k_s, where d is its draw from
/// ``HonestMinerParameters/distribution``, and every update multiplies the subnet's utilities (and
/// the level its arrivals start from) by exp(δ_s). With probability ``captureShare`` a subnet is an
/// "emission-capture" subnet whose scale is ``captureScale`` (near zero). The defaults make every
/// subnet alike (U = 1, k = 1, δ = 0, no capture subnets), which is the model without this block.
public struct SubnetUtilityParameters: Sendable, Equatable, Hashable {
  /// The distribution of U_s. Default `constant(1)`; heavy-tailed choices are `lognormal` and `pareto`.
  public var scale: UtilityDistribution = .constant(1)
  /// σ of log k_s: k_s = exp(N(0, σ²)), so miners' log-utility spread differs by subnet. Default 0.
  public var spreadSigma: Double = 0
  /// σ of δ_s ~ N(0, σ²), the per-update drift of the subnet's log utility. Default 0.
  public var driftSigma: Double = 0
  /// Probability that a subnet is an emission-capture subnet. Default 0.
  public var captureShare: Double = 0
  /// U_s of an emission-capture subnet. Default 0.001.
  public var captureScale: Double = 0.001

  public init() {}

  /// True when every subnet gets the neutral profile whatever it draws.
  public var isNeutral: Bool {
    scale == .constant(1) && spreadSigma == 0 && driftSigma == 0 && captureShare == 0
  }

  /// Subnet `netuid`'s profile, from its own stream `subnet.utility` (four draws in a fixed order:
  /// capture uniform, scale, spread gaussian, drift gaussian), so adding subnets changes no other
  /// subnet's profile.
  public func profile(netuid: Int, streams: StreamFactory) -> SubnetUtilityProfile {
    guard !isNeutral else { return .neutral }
    let rng = streams.stream("subnet.utility", entity: UInt64(netuid))
    let capture = rng.uniform() < captureShare
    let drawn = scale.draw(rng)
    let spread = RealMath.exp(rng.gaussian(sigma: 1) * spreadSigma)
    let drift = rng.gaussian(sigma: 1) * driftSigma
    return SubnetUtilityProfile(scale: capture ? captureScale : drawn, spread: spread, drift: drift, isCapture: capture)
  }

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out = scale.problems().map { "subnet_utility.scale: \($0)" }
    if !(spreadSigma.isFinite && spreadSigma >= 0) { out.append("subnet_utility.spread_sigma must be ≥ 0") }
    if !(driftSigma.isFinite && driftSigma >= 0) { out.append("subnet_utility.drift_sigma must be ≥ 0") }
    if !(captureShare.isFinite && captureShare >= 0 && captureShare <= 1) {
      out.append("subnet_utility.capture_share must be in [0, 1]")
    }
    if !(captureScale.isFinite && captureScale >= 0) { out.append("subnet_utility.capture_scale must be ≥ 0") }
    return out
  }
}

/// One subnet's drawn utility profile (``SubnetUtilityParameters``).
public struct SubnetUtilityProfile: Sendable, Equatable, Hashable {
  /// U_s, the subnet's utility scale.
  public var scale: Double
  /// k_s, the exponent on each miner's base draw.
  public var spread: Double
  /// δ_s, the log drift per update.
  public var drift: Double
  /// Whether it is an emission-capture subnet.
  public var isCapture: Bool

  public init(scale: Double, spread: Double, drift: Double, isCapture: Bool) {
    self.scale = scale
    self.spread = spread
    self.drift = drift
    self.isCapture = isCapture
  }

  /// Every subnet alike: U = 1, k = 1, δ = 0.
  public static let neutral = SubnetUtilityProfile(scale: 1, spread: 1, drift: 0, isCapture: false)

  /// A miner's utility from its base draw `d`: U_s · d^k_s (exactly `d` for the neutral profile).
  @inlinable public func utility(_ d: Double) -> Double {
    if self == .neutral { return d }
    return scale * (spread == 1 ? d : RealMath.pow(d, spread))
  }
}
