/// The blockwise UID layout of one honest-stake slice and its honest/cabal split (spec §15.3 steps 1, 3).
///
/// Validators are UIDs 0..<V, servers V..<N. The honest part is the first ⌊S_H·V⌋ validators and the
/// first ⌊S_H·(N−V)⌋ servers, each count forced into [1, total − 1]; the cabal is the rest of each block.
public struct RetentionLayout: Sendable, Equatable {
  /// Number of UIDs.
  public let networkSize: Int
  /// Honest validator UIDs.
  public let honestValidators: Range<Int>
  /// Cabal validator UIDs.
  public let cabalValidators: Range<Int>
  /// Honest server UIDs.
  public let honestServers: Range<Int>
  /// Cabal server UIDs.
  public let cabalServers: Range<Int>

  /// The layout for honest stake `percent`/100 on `networkSize` UIDs of which `validatorCount` validate.
  public init(networkSize: Int, validatorCount: Int, honestStakePercent percent: Int) {
    let serverCount = networkSize - validatorCount
    let honestV = Self.split(percent, of: validatorCount)
    let honestS = Self.split(percent, of: serverCount)
    self.networkSize = networkSize
    honestValidators = 0..<honestV
    cabalValidators = honestV..<validatorCount
    honestServers = validatorCount..<(validatorCount + honestS)
    cabalServers = (validatorCount + honestS)..<networkSize
  }

  /// All validator UIDs.
  public var validators: Range<Int> { honestValidators.lowerBound..<cabalValidators.upperBound }
  /// All server UIDs.
  public var servers: Range<Int> { honestServers.lowerBound..<cabalServers.upperBound }

  /// Whether `uid` belongs to the honest side.
  public func isHonest(_ uid: Int) -> Bool { honestValidators.contains(uid) || honestServers.contains(uid) }

  /// ⌊percent·total/100⌋ forced into [1, total − 1] (the chain's `non_extreme_fixed_ratio`).
  static func split(_ percent: Int, of total: Int) -> Int {
    min(max(percent * total / 100, 1), total - 1)
  }
}
