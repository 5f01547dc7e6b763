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
/// When only some rows changed (a validator that set new weights; a study's networks that
/// differ in a few validators' rows), W is built again with each unchanged row copied from the
/// kept one, or, when every unchanged row comes before the first changed one (a retention
/// network's honest rows before its cabal's), with those rows left in place and only the rest
/// built after them. A reused W or row is what a rebuild would give, entry for entry, so the memo
/// changes no output. Keep one per subnet (or per sequence of a study's networks), used by one
/// thread at a time
/// (``YumaEpoch/run(reusingBondsOf:hint:memo:hyperparameters:block:tempo:emission:arithmetic:)``,
/// ``YumaEpoch/run(_:hint:memo:hyperparameters:block:tempo:emission:arithmetic:storingBonds:)``).
public final class WeightMatrixMemo: @unchecked Sendable {
  /// The kept matrix and its inputs, for the arithmetic that last used the memo.
  var kept: AnyObject?
  /// Epochs that reused the kept matrix.
  public internal(set) var reused = 0
  /// Epochs that built it anew.
  public internal(set) var built = 0
  /// Of those, epochs that copied some of its rows from the kept matrix, or left them in place.
  public internal(set) var partlyReused = 0
  /// Of those, epochs whose kept rows were all among W's unchanged first rows, left where they
  /// were with the rest built after them.
  public internal(set) var builtInPlace = 0
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
  /// Where W is built when some of its rows are copied from the kept one (then swapped in).
  var spareStart = ScratchBuffer<Int>()
  var spareCol = ScratchBuffer<Int32>()
  var spareVal = ScratchBuffer<T>()
  /// Per row, whether the kept W row is this epoch's (``compare(_:oldPermit:owner:commitReveal:)``).
  var sameRow = ScratchBuffer<Bool>()
  /// How many first rows of W are unchanged (kept, or without a permit before and now), and
  /// whether no row after them is kept (then W can be built after them in place).
  var unchangedPrefix = 0
  var onlyPrefixKept = false
  /// Whether the buffers hold the W of the inputs below (false after a failed build).
  var valid = false
  /// Whether this epoch reused W (set by the weight matrix step).
  var reusedNow = false
  /// Whether this epoch built W with some rows copied from the kept one (or left in place).
  var copiedNow = false
  /// Whether it left them in place (the unchanged first rows).
  var inPlaceNow = false
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
  /// The stored rows, held so that each row's storage stays unchanged and cannot be reused.
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
    spareStart.release()
    spareCol.release()
    spareVal.release()
    sameRow.release()
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

  /// How much of the kept W these inputs give again (see ``WeightMatrixMemo``).
  enum Reuse {
    /// None of it: another size, owner, commit-reveal setting or registration blocks.
    case none
    /// The rows marked in ``sameRow``: a row is the same when it is permitted now and was, from
    /// the same stored row, with an equivalent mask limit (a W row depends on nothing else).
    case rows
    /// All of it.
    case all
  }

  /// Compares these inputs with the kept W's, marking in ``sameRow`` each row that W keeps.
  func compare(
    _ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool
  ) -> Reuse {
    guard valid, n == state.n, self.owner == owner, self.commitReveal == commitReveal,
      registration == state.registrationBlock
    else { return .none }
    let latest = latestRegistration
    let same = sameRow.reserve(n)
    // Read as locals (a stored property's accesses are checked one by one).
    let (rows, permit, limit) = (self.rows, self.permit, self.limit)
    var all = true
    var any = false
    var prefix = -1  // the first changed row, once found
    var keptAfter = false
    for i in 0..<n {
      let permitted = oldPermit[i]
      same[i] = false
      if permitted != permit[i] {
        all = false
        if prefix < 0 { prefix = i }
        continue
      }
      if !permitted { continue }
      let now = EpochEngine<T>.maskLimit(state, row: i, commitReveal: commitReveal)
      let before = limit[i]
      let kept =
        WeightStorage.sameStorage(rows[i], state.weights[i]) && (now == before || (latest < now && latest < before))
      same[i] = kept
      all = all && kept
      any = any || kept
      if !kept && prefix < 0 { prefix = i }
      if kept && prefix >= 0 { keptAfter = true }
    }
    unchangedPrefix = prefix < 0 ? n : prefix
    onlyPrefixKept = !keptAfter
    return all ? .all : any ? .rows : .none
  }

  /// Makes the spare buffers (W just built from some kept rows) the kept ones.
  func swapSpare() {
    swap(&start, &spareStart)
    swap(&col, &spareCol)
    swap(&val, &spareVal)
  }

  /// Records the inputs of the W just built into the buffers.
  func record(_ state: SubnetEpochState, oldPermit: UnsafeMutablePointer<Bool>, owner: Int, commitReveal: Bool) {
    n = state.n
    self.owner = owner
    self.commitReveal = commitReveal
    // The state's row array itself: the rows it holds stay as they are, whatever the state
    // stores later (copy-on-write).
    rows = state.weights
    registration = state.registrationBlock
    latestRegistration = registration.max() ?? .min
    permit = Array(UnsafeBufferPointer(start: oldPermit, count: n))
    limit = [Int64](unsafeUninitializedCapacity: n) { limit, count in
      for i in 0..<n {
        limit[i] = oldPermit[i] ? EpochEngine<T>.maskLimit(state, row: i, commitReveal: commitReveal) : 0
      }
      count = n
    }
    valid = true
  }
}
