import Consensus

/// One network of the retention grid and its honest emission ratio.
public struct RetentionRow: Sendable, Equatable {
  /// S_H, the honest stake share.
  public var honestStake: Double
  /// W_H, the honest validators' weight on honest servers (honest utility).
  public var honestUtility: Double
  /// W_C, the cabal validators' weight on cabal servers.
  public var cabalSelfWeight: Double
  /// E_H, the honest share of the epoch's emission.
  public var honestEmission: Double

  public init(honestStake: Double, honestUtility: Double, cabalSelfWeight: Double, honestEmission: Double) {
    self.honestStake = honestStake
    self.honestUtility = honestUtility
    self.cabalSelfWeight = cabalSelfWeight
    self.honestEmission = honestEmission
  }

  /// Whether the honest side kept (at least) its stake share: E_H ≥ S_H.
  public var retained: Bool { honestEmission >= honestStake }
}

/// The honest utility an honest stake needs to keep its share against every cabal (spec §15.3 step 8).
public struct RetentionThreshold: Sendable, Equatable {
  /// S_H.
  public var honestStake: Double
  /// The smallest grid W_H such that E_H ≥ S_H for every W_C at that W_H and at every larger grid W_H;
  /// nil when even W_H = 1 does not retain the stake against some W_C.
  public var requiredHonestUtility: Double?

  public init(honestStake: Double, requiredHonestUtility: Double?) {
    self.honestStake = honestStake
    self.requiredHonestUtility = requiredHonestUtility
  }
}

/// The outcome of a retention study: every network in grid order and the threshold per S_H.
public struct RetentionResult: Sendable, Equatable {
  /// Rows in the chain's study order: S_H ascending, then W_H from 1 down to 0, then W_C from 1 down to 0.
  public var rows: [RetentionRow]
  /// One threshold per S_H, ascending.
  public var thresholds: [RetentionThreshold]
}

/// The retention (collusion) Monte-Carlo of spec §15.3: how much honest utility an honest stake
/// majority needs to keep its stake share against a colluding cabal, in one Yuma-2 epoch.
///
/// Procedure (per network of the grid): 512 UIDs, validators 0–63 and servers 64–511 (blockwise);
/// honest = the first ⌊S_H·64⌋ validators and ⌊S_H·448⌋ servers (forced into [1, total − 1]);
/// validator stakes N(1, 0.3²) clamped at 0, normalised within each side, scaled by S_H or 1 − S_H and
/// by 21·10¹⁵ base units; honest validators put W_H on honest servers and 1 − W_H on cabal servers,
/// cabal validators W_C on cabal servers and 1 − W_C on honest servers, spread inside each block by
/// N(1, σ_W²) noise (clamped, normalised) and submitted as ⌊·65535⌋ u16 values, max-upscaled on store;
/// servers self-weight. All UIDs register at block 0, one epoch assigns permits, weights are set at
/// block 1 and one epoch with R = 10⁹ is measured. E_H comes from the stored `Emission` (ξ: see
/// ``RetentionEmission``). Randomness: keyed GSL streams, not the chain's generator (``RetentionDraws``).
///
/// ``run()`` works serially. A parallel runner calls ``slice(_:)`` for every S_H, then
/// ``rows(of:utilityIndex:)`` for every (S_H, W_H) cell, in any order on any threads, and hands the
/// cells in index order (S_H-major) to ``result(cells:)``; the outcome is the same.
public struct RetentionStudy: Sendable {
  /// The validated parameters.
  public let parameters: RetentionParameters

  /// - Throws: ``RetentionParameterError`` listing every problem with `parameters`.
  public init(parameters: RetentionParameters) throws {
    let problems = parameters.problems
    guard problems.isEmpty else { throw RetentionParameterError(problems: problems) }
    self.parameters = parameters
  }

  /// Prepares the slice of honest stake `stakeIndex` (draws, registration, permit epoch).
  public func slice(_ stakeIndex: Int) throws -> RetentionSlice {
    try RetentionSlice(stakeIndex: stakeIndex, parameters: parameters)
  }

  /// The rows of one (S_H, W_H) cell: every W_C from 1 down to 0.
  public func rows(of slice: RetentionSlice, utilityIndex: Int) throws -> [RetentionRow] {
    let grid = parameters.grid
    let honestUtility = grid.utility(at: utilityIndex)
    let honestRows = slice.honestRows(honestUtility: honestUtility)
    // The cell's networks in W_C order, each median started from the previous network's and
    // its unchanged weight rows copied from the previous network's W (the cell's own hint and
    // memo, so no cell depends on another: the rows are the same however cells are split
    // between workers).
    var hint = ConsensusHint()
    let memo = WeightMatrixMemo()
    return try (0..<grid.utilityCount).map { cabalIndex in
      RetentionRow(
        honestStake: slice.honestStake, honestUtility: honestUtility, cabalSelfWeight: grid.utility(at: cabalIndex),
        honestEmission: try slice.honestEmission(
          honestRows: honestRows, cabalIndex: cabalIndex, hint: &hint, memo: memo))
    }
  }

  /// Runs the whole grid on the calling thread.
  public func run() throws -> RetentionResult {
    var rows: [RetentionRow] = []
    rows.reserveCapacity(parameters.grid.networkCount)
    for stakeIndex in parameters.grid.honestStakePercents.indices {
      let slice = try slice(stakeIndex)
      for utilityIndex in 0..<parameters.grid.utilityCount {
        rows.append(contentsOf: try self.rows(of: slice, utilityIndex: utilityIndex))
      }
    }
    return RetentionResult(rows: rows, thresholds: Self.thresholds(rows, grid: parameters.grid))
  }

  /// Number of (S_H, W_H) cells; cell `index` is S_H index `index / utilityCount`, W_H index
  /// `index % utilityCount`.
  public var cellCount: Int { parameters.grid.honestStakePercents.count * parameters.grid.utilityCount }

  /// Assembles the result from every cell's rows in cell-index order.
  public func result(cells: [[RetentionRow]]) -> RetentionResult {
    let rows = cells.flatMap { $0 }
    return RetentionResult(rows: rows, thresholds: Self.thresholds(rows, grid: parameters.grid))
  }

  /// The threshold per S_H from rows in study order (spec §15.3 step 8).
  ///
  /// For each S_H, W_H passes when E_H ≥ S_H for every W_C; the required utility is the smallest W_H
  /// such that it and every larger W_H pass (walking down from W_H = 1 until the first failure).
  public static func thresholds(_ rows: [RetentionRow], grid: RetentionGrid) -> [RetentionThreshold] {
    let perStake = grid.utilityCount * grid.utilityCount
    precondition(rows.count == grid.honestStakePercents.count * perStake, "rows do not cover the grid")
    return grid.honestStakePercents.indices.map { stakeIndex in
      var required: Double?
      for utilityIndex in 0..<grid.utilityCount {
        let start = stakeIndex * perStake + utilityIndex * grid.utilityCount
        let cell = rows[start..<(start + grid.utilityCount)]
        guard cell.allSatisfy(\.retained) else { break }
        required = grid.utility(at: utilityIndex)
      }
      return RetentionThreshold(honestStake: grid.honestStake(at: stakeIndex), requiredHonestUtility: required)
    }
  }
}
