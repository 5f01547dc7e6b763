import EpochTypes

/// The state changes around an epoch: persisting its outputs, storing weights, replacing a
/// neuron and resetting a bond column. The World calls these; the epoch itself never mutates.
extension SubnetEpochState {

  /// Persists an epoch's outputs (spec §2, §5.5): ValidatorPermit ← P', bond rows ← the output's
  /// rows (empty for UIDs without P'), LastMechansimStepBlock ← block.
  public mutating func persist(_ output: EpochOutput, block: Int64) {
    validatorPermit = output.validatorPermit
    bonds = output.bonds
    lastMechanismStepBlock = block
  }

  /// Stores a weight submission of `uid` at `block` (spec §3.5): values max-upscaled, explicit
  /// zeros kept, submission order kept, LastUpdate ← block. The chain's acceptance checks
  /// (permit, rate limit, length, version) are the caller's job.
  public mutating func setWeights(uid: Int, dests: [Int], values: [UInt16], block: Int64) throws {
    if dests.count != values.count {
      throw WeightSubmissionError.lengthMismatch(uids: dests.count, values: values.count)
    }
    if uid < 0 || uid >= n { throw WeightSubmissionError.uidOutOfRange(uid: uid, n: n) }
    var seen = [Bool](repeating: false, count: n)
    for j in dests {
      if j < 0 || j >= n { throw WeightSubmissionError.uidOutOfRange(uid: j, n: n) }
      if seen[j] { throw WeightSubmissionError.duplicateUID(uid: j) }
      seen[j] = true
    }
    let stored = WeightStorage.maxUpscale(values)
    weights[uid] = zip(dests, stored).map { SparseEntry(uid: $0, value: $1) }
    lastUpdate[uid] = block
  }

  /// Replaces the neuron at `uid` with a new hotkey registered at `block` (spec §11.1, §15.1):
  /// R = LU = block, permit false, its weight and bond rows cleared, other rows' weight values on
  /// it set to 0 (entries kept), no commits, and the new hotkey's stake. Other validators' bonds
  /// on it stay stored; the next epoch masks them (spec §5.4).
  public mutating func replaceNeuron(uid: Int, block: Int64, alphaStake newAlpha: UInt64, rootStake newRoot: UInt64 = 0) {
    precondition(uid >= 0 && uid < n, "replaceNeuron: uid \(uid) outside 0..<\(n)")
    registrationBlock[uid] = block
    lastUpdate[uid] = block
    validatorPermit[uid] = false
    weights[uid] = []
    bonds[uid] = []
    earliestCommitBlock[uid] = nil
    alphaStake[uid] = newAlpha
    rootStake[uid] = newRoot
    for i in weights.indices where i != uid {
      for k in weights[i].indices where weights[i][k].uid == uid { weights[i][k].value = 0 }
    }
  }

  /// Deletes every stored bond entry pointing at `uid` (spec §5.3.3 bond reset).
  public mutating func resetBondsColumn(uid: Int) {
    for i in bonds.indices where bonds[i].contains(where: { $0.uid == uid }) {
      bonds[i].removeAll { $0.uid == uid }
    }
  }
}
