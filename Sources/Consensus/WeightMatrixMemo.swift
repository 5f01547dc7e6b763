import EpochTypes

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A subnet's epoch weight matrix W (spec §3.5) kept from its last epoch with what it was built
/// from, so that the next epoch reuses it when none of that changed.
///
/// W is a function of the stored weight rows, the permits P^old, the owner, each row's mask limit
/// (min(LUᵢ, CBᵢ + 1), spec §3.5 steps 3–4) and the registration blocks. The weights of a World's
/// validators change when their view of utility does (once a day), while a subnet runs an epoch
/// every tempo: most epochs find W as the last one left it. The memo compares, per row, the
/// stored row (by storage: it holds the rows it was built from, so a row at the same address is
/// the same unchanged row), the permit and the limit (two limits above every registration block
/// mask nothing, so they count as equal), and the registration blocks and owner as a whole.
/// A reused W is the matrix a rebuild would give, entry for entry, so the memo changes no output.
/// Keep one per subnet, used by one thread at a time
/// (``YumaEpoch/run(reusingBondsOf:hint:memo:hyperparameters:block:tempo:emission:arithmetic:)``).
public final class WeightMatrixMemo: @unchecked Sendable {
  /// The kept matrix and its inputs, for the arithmetic that last used the memo.
  var kept: AnyObject?
  /// Epochs that reused the kept matrix.
  public internal(set) var reused = 0
  /// Epochs that built it anew.
  public internal(set) var built = 0
  /// Epochs that also reused the kept clipping: W̃ and validator trust (spec §4.3, §5.1 with
  /// β = 1), whose inputs are W and the consensus.
  public internal(set) var clipReused = 0

  public init() {}

  /// The kept state for arithmetic `T` (a new, empty one if the memo held the other arithmetic).
  func store<T: EpochScalar>(_: T.Type) -> KeptWeightMatrix<T> {
    if let store = kept as? KeptWeightMatrix<T> { return store }
    let store = KeptWeightMatrix<T>()
    kept = store
    return store
  }
}

/// W in compressed rows and the inputs it was built from (``WeightMatrixMemo``), and with β = 1
/// its clipping W̃ = W̄ (removed entries dropped) with the validator trust and the consensus it
/// was clipped at.
@usableFromInline
final class KeptWeightMatrix<T: EpochScalar> {
  var start = ScratchBuffer<Int>()
  var col = ScratchBuffer<Int32>()
  var val = ScratchBuffer<T>()
  /// Whether the buffers hold the W of the inputs below (false after a failed build).
  var valid = false
  /// Whether this epoch reused W (set by the weight matrix step).
  var reusedNow = false
  var barStart = ScratchBuffer<Int>()
  var barCol = ScratchBuffer<Int32>()
  var barVal = ScratchBuffer<T>()
  /// The consensus and trust of the kept W̃ (n each).
  var consensus = ScratchBuffer<T>()
  var trust = ScratchBuffer<T>()
  /// Whether the bar buffers hold W̄ of the kept W clipped at ``consensus`` (β = 1).
  var barValid = false
  /// The lane median's copy of the kept W (valid only while W is kept).
  let lanes = LaneLayout()
  var n = 0
  var owner = -1
  var commitReveal = false
  /// The stored rows, each held so that its storage stays unchanged and cannot be reused.
  var rows: [[SparseEntry]] = []
  var registration: [Int64] = []
  var latestRegistration = Int64.min
  var permit: [Bool] = []
  /// Per permitted row: its mask limit.
  var limit: [Int64] = []

  deinit {
    start.release()
    col.release()
    val.release()
    barStart.release()
    barCol.release()
    barVal.release()
    consensus.release()
    trust.release()
  }

  /// The kept matrix, valid for `n` rows.
  var matrix: SparseRows<T> { SparseRows(start: start.base, col: col.base, val: val.base, rows: n) }

  /// The kept W̃ (β = 1), valid for `n` rows when ``barValid``.
  var bar: SparseRows<T> { SparseRows(start: barStart.base, col: barCol.base, val: barVal.base, rows: n) }

  /// Whether the kept W̃ and trust are this epoch's: W reused, and the consensus equal bit for bit.
  func clipMatches(consensus c: UnsafePointer<T>) -> Bool {
    guard reusedNow, barValid else { return false }
    return memcmp(consensus.base, c, n &* MemoryLayout<T>.stride) == 0
  }

  /// Records the consensus and trust of the W̃ just clipped into the bar buffers.
  func recordClip(consensus c: UnsafePointer<T>, trust t: UnsafePointer<T>) {
    consensus.reserve(n).update(from: c, count: n)
    trust.reserve(n).update(from: t, count: n)
    barValid = true
  }

  /// Whether the kept W is the one these inputs give (see ``WeightMatrixMemo``).
  func matches(
    _ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool
  ) -> Bool {
    guard valid, n == state.n, self.owner == owner, self.commitReveal == commitReveal,
      registration == state.registrationBlock
    else { return false }
    let latest = latestRegistration
    for i in 0..<n {
      let permitted = oldPermit[i]
      if permitted != permit[i] { return false }
      if !permitted { continue }
      if !WeightStorage.sameStorage(rows[i], state.weights[i]) { return false }
      let now = EpochEngine<T>.maskLimit(state, row: i, commitReveal: commitReveal)
      let before = limit[i]
      if now != before && !(latest < now && latest < before) { return false }
    }
    return true
  }

  /// Records the inputs of the W just built into the buffers.
  func record(_ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool) {
    n = state.n
    self.owner = owner
    self.commitReveal = commitReveal
    rows.removeAll(keepingCapacity: true)
    rows.append(contentsOf: state.weights)
    registration = state.registrationBlock
    latestRegistration = registration.max() ?? .min
    permit.removeAll(keepingCapacity: true)
    limit.removeAll(keepingCapacity: true)
    for i in 0..<n {
      permit.append(oldPermit[i])
      limit.append(oldPermit[i] ? EpochEngine<T>.maskLimit(state, row: i, commitReveal: commitReveal) : 0)
    }
    valid = true
  }
}
