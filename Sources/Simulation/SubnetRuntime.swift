import Agents
import Consensus
import EpochTypes
import NetworkModel

/// The World's own bookkeeping for one netuid slot, beside the chain-visible ``Subnet`` in
/// ``NetworkState/subnets``: whether the slot is live, its emission accrual in the current share
/// piece (spec §8.1, §17.3), its pending weight commits (spec §10), what its last epoch paid
/// (spec §8.2) and its record cadence.
///
/// One value per netuid (index 0, root, is never live), so adding a subnet or a field is one
/// change here. Reading a field through `runtimes[index]` never copies the value: the World keeps
/// these in a plain array, never as optionals (comparing an optional element with `nil` can copy
/// it).
struct SubnetRuntime {
  /// Whether the slot holds a live subnet (mirrors `state.subnets[index] != nil` without touching
  /// the subnet).
  var live = false
  /// Bumped whenever the slot is (re)filled or dissolved; a scheduled epoch of an older generation
  /// is stale.
  var generation: UInt32 = 0
  /// The subnet's TAO share of block emission in the current piece (0 when not emitting).
  var share = 0.0
  /// The block the subnet's emission is accrued through (closed form, ``World/accrue(_:)``).
  var accruedThrough: Int64 = 0
  /// TAO allocated to the subnet in the current share piece (rao).
  var allocatedInPiece: UInt64 = 0
  /// Weight commits waiting for their reveal (spec §10).
  var pendingCommits: [PendingCommit] = []
  /// The epoch index whose commits the last reveal applied, until those and older ones leave
  /// ``pendingCommits`` after the epoch (``dropRevealedCommits()``).
  var revealedThrough: Int64? = nil
  /// Per UID: the validator part of the last epoch's emission (alpha base units).
  var lastValidatorEmission: [UInt64] = []
  /// Per UID: the miner part of the last epoch's emission (alpha base units).
  var lastMinerEmission: [UInt64] = []
  /// Per UID: whether the UID was active in the last epoch (new UIDs count as active).
  var lastActive: [Bool] = []
  /// The alpha the last epoch distributed (R, base units).
  var lastEpochAmount: UInt64 = 0
  /// The owner cut the last epoch paid (alpha base units).
  var lastOwnerCut: UInt64 = 0
  /// Epochs since the last subnet record.
  var epochsSinceRecord = 0
  /// Epochs since the last neuron records.
  var epochsSinceNeuronRecord = 0
  /// The spot price after the subnet's last epoch (0 before the first), for `tao_apy`.
  var yieldLastPrice = 0.0
  /// The permit holders' alpha position after the subnet's last epoch, valued at that epoch's
  /// price (TAO; 0 before the first): this subnet's part of the staked portfolio `tao_apy` chains.
  var yieldLastValue = 0.0
  /// The same per validator class, by the class's slot in ``World/yieldClassSlots`` (a slot
  /// past the end holds 0).
  var yieldLastClassValue: [Double] = []
  /// Where each column's consensus came from in the subnet's last epoch: a starting guess for the
  /// next one that changes no output (``ConsensusHint``).
  var consensusHint = ConsensusHint()
  /// The weight matrix of the subnet's last epoch, reused while its inputs are unchanged
  /// (``WeightMatrixMemo``; changes no output).
  var weightMemo = WeightMatrixMemo()
  /// The subnet's utility profile, drawn once at genesis (``SubnetUtilityParameters``); a subnet
  /// registered during the run is neutral.
  var utilityProfile = SubnetUtilityProfile.neutral

  /// Fills the slot with a new subnet of `uids` UIDs accruing from `block`: a new generation, no
  /// share, nothing allocated, no commits, no yield history; every UID starts active. The last
  /// epoch's amounts and the record cadence carry over from the slot's previous subnet.
  mutating func open(uids: Int, at block: Int64) {
    live = true
    generation &+= 1
    share = 0
    accruedThrough = block
    allocatedInPiece = 0
    pendingCommits = []
    revealedThrough = nil
    lastValidatorEmission = Array(repeating: 0, count: uids)
    lastMinerEmission = Array(repeating: 0, count: uids)
    lastActive = Array(repeating: true, count: uids)
    yieldLastPrice = 0
    yieldLastValue = 0
    yieldLastClassValue = []
    utilityProfile = .neutral
    consensusHint = ConsensusHint()
    weightMemo = WeightMatrixMemo()
  }

  /// Empties the slot when its subnet dissolves: no share, no commits, a new generation (so its
  /// scheduled epoch is stale).
  mutating func close() {
    pendingCommits = []
    revealedThrough = nil
    live = false
    share = 0
    generation &+= 1
    // A dissolved subnet's position leaves the staked portfolio (a flow, not a loss).
    yieldLastValue = 0
    yieldLastClassValue = []
  }

  /// Keeps what an epoch paid (`amount` alpha passed in, `ownerCut` to the owner) for the records
  /// and the metrics.
  mutating func keep(_ output: EpochOutput, amount: UInt64, ownerCut: UInt64) {
    lastValidatorEmission = output.validatorEmission
    lastMinerEmission = output.minerEmission
    lastActive = output.active
    lastEpochAmount = amount
    lastOwnerCut = ownerCut
  }

  /// A UID appended to the subnet: nothing paid yet, active.
  mutating func neuronAppended() {
    lastValidatorEmission.append(0)
    lastMinerEmission.append(0)
    lastActive.append(true)
  }

  /// Drops the commits the last reveal applied or found too old (the commits still ahead stay in
  /// order, in the same storage).
  mutating func dropRevealedCommits() {
    guard let due = revealedThrough else { return }
    revealedThrough = nil
    pendingCommits.removeAll { $0.epoch <= due }
  }

  /// UID `uid` replaced by a new hotkey: nothing paid yet, active, the old hotkey's commits dropped.
  mutating func neuronReplaced(uid: Int) {
    lastValidatorEmission[uid] = 0
    lastMinerEmission[uid] = 0
    lastActive[uid] = true
    pendingCommits.removeAll { $0.uid == uid }
  }

  /// Counts one epoch towards a record every `every` epochs (0 = never); true when one is due.
  static func due(_ since: inout Int, every: Int) -> Bool {
    guard every > 0 else { return false }
    since += 1
    guard since >= every else { return false }
    since = 0
    return true
  }
}

/// A weight commit waiting for its reveal (spec §10).
struct PendingCommit: Sendable {
  var uid: Int
  var hotkey: HotkeyID
  var weights: [SparseEntry]
  var block: Int64
  var epoch: Int64
}
