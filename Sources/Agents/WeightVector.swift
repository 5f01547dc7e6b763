import Consensus
import EpochTypes

/// A weight row ready for storage: sparse (uid, u16) entries, max-upscaled as the chain stores
/// them (spec §3.5), explicit zeros kept, submission order kept.
///
/// The only way to make one is through an initializer that upscales, so the World can store it
/// without re-checking, and an agent that re-submits an unchanged row shares the array (no copy).
public struct WeightVector: Sendable, Equatable {
  /// The stored entries.
  public let entries: [SparseEntry]
  /// The largest target UID (−1 for an empty row).
  public let maxUID: Int
  /// Whether every target UID is ≥ 0 and appears once (checked once, at construction).
  public let isWellFormed: Bool

  /// Stores raw submitted values for `uids` (max-upscaled).
  ///
  /// - Precondition: equal lengths.
  public init(uids: [Int], values: [UInt16]) {
    precondition(uids.count == values.count, "weights name \(uids.count) uids but give \(values.count) values")
    let stored = WeightStorage.maxUpscale(values)
    self.init(uids: uids, count: uids.count) { stored[$0] }
  }

  /// Quantises non-negative real weights to u16 by ⌊w/max·65535⌋, then stores them.
  /// Non-finite or negative weights count as 0.
  ///
  /// The quantised row is stored as it is: its largest value is 65 535 (the largest weight maps
  /// to ⌊65 535⌋) or every value is 0, and the max-upscale leaves both unchanged (a test checks
  /// every u16 against ``WeightStorage/maxUpscale(_:)``), so the values are not made twice.
  public init(uids: [Int], weights: [Double]) {
    precondition(uids.count == weights.count, "weights name \(uids.count) uids but give \(weights.count) values")
    var top = 0.0
    for w in weights where w.isFinite && w > top { top = w }
    self.init(uids: uids, count: uids.count) { k in
      let w = weights[k]
      guard top > 0, w.isFinite, w > 0 else { return 0 }
      return UInt16(min(65_535, (w / top * 65_535).rounded(.down)))
    }
  }

  /// Stores `value(k)` (already as the chain stores it) for `uids[k]`, in order, and checks the
  /// UIDs once.
  private init(uids: [Int], count: Int, value: (Int) -> UInt16) {
    entries = [SparseEntry](unsafeUninitializedCapacity: count) { out, initialized in
      for k in 0..<count { (out.baseAddress! + k).initialize(to: SparseEntry(uid: uids[k], value: value(k))) }
      initialized = count
    }
    let top = uids.max() ?? -1
    maxUID = top
    var wellFormed = (uids.min() ?? 0) >= 0 && top < 1 << 20
    // Strictly ascending UIDs (every honest row) have no duplicates: no table needed.
    if wellFormed && uids.count > 1 && !Self.isStrictlyAscending(uids) {
      var seen = [Bool](repeating: false, count: top + 1)
      for u in uids {
        if seen[u] {
          wellFormed = false
          break
        }
        seen[u] = true
      }
    }
    isWellFormed = wellFormed
  }

  /// Whether each UID is larger than the one before it (one pass, no allocation).
  static func isStrictlyAscending(_ uids: [Int]) -> Bool {
    uids.withUnsafeBufferPointer { u in
      var k = 1
      while k < u.count {
        if u[k] <= u[k - 1] { return false }
        k += 1
      }
      return true
    }
  }

  /// An empty row.
  public static let empty = WeightVector(uids: [], values: [])

  /// Whether the row is a self-weight of `uid` (exactly one entry, on itself; spec §3.5).
  public func isSelfWeight(of uid: Int) -> Bool { entries.count == 1 && entries[0].uid == uid }
}
