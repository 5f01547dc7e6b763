import EpochTypes

/// The production (sparse) Yuma Consensus epoch of one subnet (spec §3–§6): a pure function
/// from the stored subnet state to the epoch's outputs, in either arithmetic.
///
/// ```swift
/// let output = try YumaEpoch.run(state, hyperparameters: hp, block: b, tempo: 360,
///                                emission: 1_000_000_000, arithmetic: .double)
/// state.persist(output, block: b)
/// ```
public enum YumaEpoch {

  /// Runs one epoch at `block` for a subnet with the given `tempo`, distributing `emission` base
  /// units (R of spec §6). `fixed` reproduces the chain's u16/u64 outputs bit for bit; `double`
  /// is the fast path (differences in spec §14).
  ///
  /// - Throws: `EpochInputError` if per-UID arrays differ in length or a sparse entry names a
  ///   negative UID. Entries naming UIDs ≥ n are ignored, as the chain does (spec §3.5 step 1).
  /// - Complexity: O(n + nnz(W) + nnz(B)) plus the per-column median selection, expected
  ///   O(nnz(W)) in total.
  ///
  /// `storingBonds: false` leaves ``EpochOutput/bonds`` as n empty rows and skips their u16
  /// storage (spec §5.2 step 6, §5.3 storage), for callers that run one epoch and read only its
  /// vectors and emission (the retention study); every other output is the same.
  public static func run(
    _ state: SubnetEpochState, hyperparameters: EpochHyperparameters, block: Int64, tempo: Int64,
    emission: UInt64, arithmetic: Arithmetic, storingBonds: Bool = true
  ) throws -> EpochOutput {
    try oneOff(
      state, hint: nil, hyperparameters: hyperparameters, block: block, tempo: tempo, emission: emission,
      arithmetic: arithmetic, storingBonds: storingBonds)
  }

  /// ``run(_:hyperparameters:block:tempo:emission:arithmetic:storingBonds:)`` that starts the
  /// consensus of each column from the row `hint` names and updates `hint` (``ConsensusHint``):
  /// the same output, in fewer median passes when the epochs run one after the other hold
  /// similar weights (a study's neighbouring networks). Keep one hint per sequence of epochs.
  /// With `memo`, each weight row whose inputs are those of the previous epoch run with it is
  /// copied from that epoch's W instead of being built (``WeightMatrixMemo``): the same output.
  public static func run(
    _ state: SubnetEpochState, hint: inout ConsensusHint, memo: WeightMatrixMemo? = nil,
    hyperparameters: EpochHyperparameters, block: Int64, tempo: Int64, emission: UInt64, arithmetic: Arithmetic,
    storingBonds: Bool = true
  ) throws -> EpochOutput {
    hint.fit(state.n)
    return try hint.rows.withUnsafeMutableBufferPointer { rows in
      try oneOff(
        state, hint: rows.baseAddress, memo: memo, hyperparameters: hyperparameters, block: block, tempo: tempo,
        emission: emission, arithmetic: arithmetic, storingBonds: storingBonds)
    }
  }

  /// The one-off epoch (the stored bonds read from `state`, the new rows returned in the output)
  /// with an optional hint of n rows and an optional memo.
  static func oneOff(
    _ state: SubnetEpochState, hint: UnsafeMutablePointer<Int32>?, memo: WeightMatrixMemo? = nil,
    hyperparameters: EpochHyperparameters, block: Int64, tempo: Int64, emission: UInt64, arithmetic: Arithmetic,
    storingBonds: Bool
  ) throws -> EpochOutput {
    try validate(state)
    var rows: [[SparseEntry]] = []
    switch arithmetic {
    case .fixed:
      return try EpochEngine<I32F32>.run(
        state, hp: hyperparameters, block: block, tempo: tempo, emission: emission, storingBonds: storingBonds,
        bonds: &rows, reusing: false, hint: hint, memo: memo)
    case .double:
      return try EpochEngine<Double>.run(
        state, hp: hyperparameters, block: block, tempo: tempo, emission: emission, storingBonds: storingBonds,
        bonds: &rows, reusing: false, hint: hint, memo: memo)
    }
  }

  /// ``run(_:hyperparameters:block:tempo:emission:arithmetic:storingBonds:)`` with the bonds
  /// stored in place: the same output, and `state.bonds` becomes the output's bond rows, written
  /// over the previous epoch's row arrays (each reused where it is not shared and large enough),
  /// so that an epoch of a subnet whose rows keep their sizes allocates no bond row. Nothing else
  /// in `state` changes; on a throw nothing does. A row array shared with another array (a copy
  /// of the state, an earlier output) is left as it was, by copy-on-write.
  ///
  /// ```swift
  /// let output = try YumaEpoch.run(reusingBondsOf: &state, hyperparameters: hp, block: b,
  ///                                tempo: 360, emission: 1_000_000_000, arithmetic: .double)
  /// state.persist(output, block: b)  // the rows are already in place
  /// ```
  public static func run(
    reusingBondsOf state: inout SubnetEpochState, hyperparameters: EpochHyperparameters, block: Int64, tempo: Int64,
    emission: UInt64, arithmetic: Arithmetic
  ) throws -> EpochOutput {
    try run(reusingBondsOf: &state, hint: nil, hyperparameters: hyperparameters, block: block, tempo: tempo,
      emission: emission, arithmetic: arithmetic)
  }

  /// ``run(reusingBondsOf:hyperparameters:block:tempo:emission:arithmetic:)`` that also starts the
  /// consensus of each column from where `hint` says the previous epoch's came from, and updates
  /// `hint` for the next epoch: the same output, usually in fewer median passes (``ConsensusHint``).
  /// With `memo`, the weight matrix of the subnet's last epoch is reused when its inputs did not
  /// change (``WeightMatrixMemo``): the same output again. Keep one hint and one memo per subnet.
  public static func run(
    reusingBondsOf state: inout SubnetEpochState, hint: inout ConsensusHint, memo: WeightMatrixMemo? = nil,
    hyperparameters: EpochHyperparameters, block: Int64, tempo: Int64, emission: UInt64, arithmetic: Arithmetic
  ) throws -> EpochOutput {
    hint.fit(state.n)
    return try hint.rows.withUnsafeMutableBufferPointer { rows in
      try run(reusingBondsOf: &state, hint: rows.baseAddress, memo: memo, hyperparameters: hyperparameters,
        block: block, tempo: tempo, emission: emission, arithmetic: arithmetic)
    }
  }

  /// The epoch with its bonds stored in place, an optional hint of n rows and an optional memo.
  static func run(
    reusingBondsOf state: inout SubnetEpochState, hint: UnsafeMutablePointer<Int32>?, memo: WeightMatrixMemo? = nil,
    hyperparameters: EpochHyperparameters, block: Int64, tempo: Int64, emission: UInt64, arithmetic: Arithmetic
  ) throws -> EpochOutput {
    try validate(state)
    // The rows moved out of the state, so that they are referenced once while the epoch runs.
    var rows: [[SparseEntry]] = []
    swap(&rows, &state.bonds)
    defer { swap(&rows, &state.bonds) }
    switch arithmetic {
    case .fixed:
      return try EpochEngine<I32F32>.run(
        state, hp: hyperparameters, block: block, tempo: tempo, emission: emission, storingBonds: true, bonds: &rows,
        reusing: true, hint: hint, memo: memo)
    case .double:
      return try EpochEngine<Double>.run(
        state, hp: hyperparameters, block: block, tempo: tempo, emission: emission, storingBonds: true, bonds: &rows,
        reusing: true, hint: hint, memo: memo)
    }
  }

  /// Checks that every per-UID array has `n` entries, and that n is within what a stored row can
  /// name (``SparseEntry/maximumUIDs``).
  public static func validate(_ state: SubnetEpochState) throws {
    let n = state.n
    if n > SparseEntry.maximumUIDs { throw EpochInputError.tooManyUIDs(n: n, maximum: SparseEntry.maximumUIDs) }
    func check(_ field: String, _ count: Int) throws {
      if count != n { throw EpochInputError.lengthMismatch(field: field, expected: n, got: count) }
    }
    try check("rootStake", state.rootStake.count)
    try check("registrationBlock", state.registrationBlock.count)
    try check("lastUpdate", state.lastUpdate.count)
    try check("validatorPermit", state.validatorPermit.count)
    try check("weights", state.weights.count)
    try check("bonds", state.bonds.count)
    try check("earliestCommitBlock", state.earliestCommitBlock.count)
    if let owner = state.ownerUID, owner < 0 || owner >= n {
      throw EpochInputError.uidOutOfRange(field: "ownerUID", row: 0, uid: owner)
    }
  }
}
