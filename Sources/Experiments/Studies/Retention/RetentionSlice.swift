import Consensus
import EpochTypes

/// One honest-stake slice of the retention grid: the layout, the draws and the subnet after the
/// permit epoch, from which every (W_H, W_C) network of that S_H is run (spec §15.3 steps 3–6).
public struct RetentionSlice: Sendable {
  /// Tempo of the study's subnet (the chain's study creates it with `u16::MAX − 1` to keep the
  /// built-in epoch away and runs epochs by hand).
  static let tempo: Int64 = 65_534
  /// Block of the registrations and the permit epoch.
  static let registrationBlock: Int64 = 0
  /// Block at which weights are set and the measured epoch runs.
  static let weightBlock: Int64 = 1

  /// The honest stake S_H of this slice.
  public let honestStake: Double
  /// Who is honest.
  public let layout: RetentionLayout
  let honestNoise: [[Double]]
  let cabalNoise: [[Double]]
  /// The subnet after registration at block 0 and the permit epoch, with every server's
  /// self-weight set at block 1; validator rows are filled in per network.
  let base: SubnetEpochState
  /// The stored weight rows of the cabal validators for each grid W_C (index as in the grid):
  /// they do not depend on W_H, so they are built once per slice.
  let cabalRows: [[[SparseEntry]]]
  let parameters: RetentionParameters
  let hyperparameters: EpochHyperparameters

  /// Registers every UID at block 0 with its drawn stake and runs the permit epoch
  /// (spec §15.3 step 6, first half).
  public init(stakeIndex: Int, parameters: RetentionParameters) throws {
    let grid = parameters.grid
    let percent = grid.honestStakePercents[stakeIndex]
    honestStake = grid.honestStake(at: stakeIndex)
    layout = RetentionLayout(
      networkSize: parameters.networkSize, validatorCount: parameters.validatorCount, honestStakePercent: percent)
    let draws = RetentionDraws(layout: layout, honestStake: honestStake, parameters: parameters)
    honestNoise = draws.honestNoise
    cabalNoise = draws.cabalNoise
    self.parameters = parameters
    hyperparameters = parameters.hyperparameters

    var state = SubnetEpochState(n: parameters.networkSize, registeredAt: Self.registrationBlock)
    state.alphaStake = draws.stake
    let first = try YumaEpoch.run(
      state, hyperparameters: hyperparameters, block: Self.registrationBlock, tempo: Self.tempo,
      emission: parameters.epochEmission, arithmetic: parameters.arithmetic)
    state.persist(first, block: Self.registrationBlock)
    // The study calls the epoch directly, so `LastMechansimStepBlock` stays 0 (spec §5.4).
    state.lastMechanismStepBlock = 0
    for uid in layout.servers {
      // Servers submit a self-weight (masked by the epoch; it only marks them active).
      state.weights[uid] = [SparseEntry(uid: uid, value: UInt16.max)]
      state.lastUpdate[uid] = Self.weightBlock
    }
    base = state
    let (honestNoise, cabalNoise, layout) = (self.honestNoise, self.cabalNoise, self.layout)
    cabalRows = (0..<grid.utilityCount).map { cabalIndex in
      let selfWeight = grid.utility(at: cabalIndex)
      return layout.cabalValidators.map { uid in
        Self.row(
          servers: layout.servers, honestNoise: honestNoise[uid], onHonest: 1 - selfWeight,
          cabalNoise: cabalNoise[uid], onCabal: selfWeight)
      }
    }
  }

  /// The stored weight rows of the honest validators for honest utility W_H = `honestUtility`.
  public func honestRows(honestUtility: Double) -> [[SparseEntry]] {
    layout.honestValidators.map { uid in
      Self.row(
        servers: layout.servers, honestNoise: honestNoise[uid], onHonest: honestUtility,
        cabalNoise: cabalNoise[uid], onCabal: 1 - honestUtility)
    }
  }

  /// Runs the measured epoch of the network with honest rows `honestRows` (from ``honestRows(honestUtility:)``)
  /// and the cabal rows of grid W_C index `cabalIndex` (spec §15.3 step 6, second half: R = 10⁹).
  /// The study reads only the emission, so the output's bond rows are not stored (left empty).
  /// `hint` carries each column's median row from the previous network run with it (a cell's
  /// networks differ only in the cabal's rows): fewer median passes, the same output
  /// (``ConsensusHint``). `memo`, carried the same way, copies the weight rows a network shares
  /// with the previous one (the honest and the servers' rows) from that network's W instead of
  /// building them again (``WeightMatrixMemo``): the same output too.
  public func run(
    honestRows: [[SparseEntry]], cabalIndex: Int, hint: inout ConsensusHint, memo: WeightMatrixMemo? = nil
  ) throws -> EpochOutput {
    let state = network(honestRows: honestRows, cabalRows: cabalRows[cabalIndex])
    return try YumaEpoch.run(
      state, hint: &hint, memo: memo, hyperparameters: hyperparameters, block: Self.weightBlock, tempo: Self.tempo,
      emission: parameters.epochEmission, arithmetic: parameters.arithmetic, storingBonds: false)
  }

  /// The honest emission ratio E_H of one network (spec §15.3 step 7, with ξ per ``RetentionEmission``).
  public func honestEmission(
    honestRows: [[SparseEntry]], cabalIndex: Int, hint: inout ConsensusHint, memo: WeightMatrixMemo? = nil
  ) throws -> Double {
    let output = try run(honestRows: honestRows, cabalIndex: cabalIndex, hint: &hint, memo: memo)
    return RetentionEmission.honestShare(output, layout: layout, validatorShare: parameters.validatorShare)
  }

  /// E_H of network (W_H = `honestUtility`, W_C = grid value at `cabalIndex`).
  public func honestEmission(honestUtility: Double, cabalIndex: Int) throws -> Double {
    var hint = ConsensusHint()
    return try honestEmission(honestRows: honestRows(honestUtility: honestUtility), cabalIndex: cabalIndex, hint: &hint)
  }

  /// The subnet just before the measured epoch: validator weights stored as on chain
  /// (max-upscaled, spec §3.5) with LastUpdate = block 1.
  func network(honestRows: [[SparseEntry]], cabalRows: [[SparseEntry]]) -> SubnetEpochState {
    var state = base
    for (uid, row) in zip(layout.honestValidators, honestRows) {
      state.weights[uid] = row
      state.lastUpdate[uid] = Self.weightBlock
    }
    for (uid, row) in zip(layout.cabalValidators, cabalRows) {
      state.weights[uid] = row
      state.lastUpdate[uid] = Self.weightBlock
    }
    return state
  }

  /// One validator's stored row over all servers (honest block first): `onHonest` spread by its
  /// honest-block noise, `onCabal` by its cabal-block noise, each ⌊·65535⌋, then max-upscaled.
  static func row(
    servers: Range<Int>, honestNoise: [Double], onHonest: Double, cabalNoise: [Double], onCabal: Double
  ) -> [SparseEntry] {
    var values: [UInt16] = []
    values.reserveCapacity(servers.count)
    for share in honestNoise { values.append(submitted(onHonest * share)) }
    for share in cabalNoise { values.append(submitted(onCabal * share)) }
    return zip(servers, WeightStorage.maxUpscale(values)).map { SparseEntry(uid: $0, value: $1) }
  }

  /// A proportion submitted as ⌊x·65535⌋ (spec §15.3 step 5).
  static func submitted(_ proportion: Double) -> UInt16 {
    UInt16(min(max(proportion * 65_535, 0), 65_535).rounded(.down))
  }
}
