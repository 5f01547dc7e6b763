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
    self = uids.withUnsafeBufferPointer { u in WeightVector(uids: u) { stored[$0] } }
  }

  /// Quantises non-negative real weights to u16 by ⌊w/max·65535⌋, then stores them.
  /// Non-finite or negative weights count as 0.
  ///
  /// The quantised row is stored as it is: its largest value is 65 535 (the largest weight maps
  /// to ⌊65 535⌋) or every value is 0, and the max-upscale leaves both unchanged (a test checks
  /// every u16 against ``WeightStorage/maxUpscale(_:)``), so the values are not made twice.
  public init(uids: [Int], weights: [Double]) {
    precondition(uids.count == weights.count, "weights name \(uids.count) uids but give \(weights.count) values")
    self = uids.withUnsafeBufferPointer { u in weights.withUnsafeBufferPointer { w in WeightVector(uids: u, weights: w) } }
  }

  /// ``init(uids:weights:)`` over buffers (a row built in scratch storage is stored without
  /// making arrays of it first).
  ///
  /// - Precondition: equal lengths.
  init(uids u: UnsafeBufferPointer<Int>, weights w: UnsafeBufferPointer<Double>) {
    precondition(u.count == w.count, "weights name \(u.count) uids but give \(w.count) values")
    // One pass for the sum, the largest and the smallest weight: a finite sum means no weight is
    // a NaN or an infinity (either makes the sum non-finite; finite terms can only overflow to
    // one), and then the smallest > 0 means every weight is positive, and the largest is the top
    // the general path finds. Otherwise (or after an overflow) the general path decides.
    var top = 0.0
    var low = Double.infinity
    var sum = 0.0
    for k in 0..<u.count {
      let x = w[k]
      sum += x
      if x > top { top = x }
      if x < low { low = x }
    }
    if sum.isFinite && low > 0 {
      self.init(uids: u) { Self.quantisedPositive(w[$0], top: top) }
    } else {
      top = 0
      for k in 0..<u.count where w[k].isFinite && w[k] > top { top = w[k] }
      self.init(uids: u) { Self.quantised(w[$0], top: top) }
    }
  }

  /// ``quantised(_:top:)`` for a finite w with 0 < w ≤ top (every weight of a row whose weights
  /// are all finite and positive, `top` their largest): the same u16 without the tests.
  ///
  /// Both roundings are monotone and 1 · 65 535 is exact, so w ≤ top gives w/top ≤ 1 and
  /// w/top·65 535 ≤ 65 535: the clamp of ``quantised(_:top:)`` never acts, and the value is ≥ 0,
  /// so truncation is the floor. A test compares both on random rows, the top included.
  @inline(__always)
  static func quantisedPositive(_ w: Double, top: Double) -> UInt16 {
    UInt16(w / top * 65_535)
  }

  /// ⌊w/top·65 535⌋ as a u16 (0 for a non-finite or non-positive w, or without a positive top).
  ///
  /// For finite w > 0 and top > 0 the product is ≥ 0, so truncation is the floor, and clamping
  /// to 65 535 before or after it gives the same u16: this is `min(65 535, ⌊x⌋)` without a call
  /// to the C library's floor.
  @inline(__always)
  static func quantised(_ w: Double, top: Double) -> UInt16 {
    guard top > 0, w.isFinite, w > 0 else { return 0 }
    return UInt16(min(65_535, w / top * 65_535))
  }

  /// Stores `value(k)` (already as the chain stores it) for `uids[k]`, in order, and checks the
  /// UIDs once.
  @inline(__always)
  private init(uids: UnsafeBufferPointer<Int>, value: (Int) -> UInt16) {
    let count = uids.count
    entries = [SparseEntry](unsafeUninitializedCapacity: count) { out, initialized in
      for k in 0..<count { (out.baseAddress! + k).initialize(to: SparseEntry(uid: uids[k], value: value(k))) }
      initialized = count
    }
    (maxUID, isWellFormed) = Self.check(uids)
  }

  /// The largest UID (−1 for none) and whether every UID is ≥ 0, below 2²⁰ and appears once.
  ///
  /// One pass finds the smallest and largest UID and whether they ascend strictly (every honest
  /// row does: no duplicates, no table needed); only other rows are checked with a table.
  static func check(_ uids: UnsafeBufferPointer<Int>) -> (maxUID: Int, isWellFormed: Bool) {
    var low = 0
    var top = -1
    var ascending = true
    if uids.count > 0 {
      low = uids[0]
      top = uids[0]
      var k = 1
      while k < uids.count {
        let x = uids[k]
        ascending = ascending && x > uids[k - 1]
        low = Swift.min(low, x)
        top = Swift.max(top, x)
        k += 1
      }
    }
    var wellFormed = low >= 0 && top < 1 << 20
    if wellFormed && uids.count > 1 && !ascending {
      var seen = [Bool](repeating: false, count: top + 1)
      for u in uids {
        if seen[u] {
          wellFormed = false
          break
        }
        seen[u] = true
      }
    }
    return (top, wellFormed)
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
