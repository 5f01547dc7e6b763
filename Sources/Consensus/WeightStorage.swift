import EpochTypes

/// How submitted weights are stored (spec §3.5, "Setting weights").
public enum WeightStorage {

  /// Max-upscales submitted u16 weights so the largest becomes 65 535 (spec §3.5): all zero if
  /// the maximum is 0; if the maximum exceeds 32 768 each value is multiplied by the I32F32 ratio
  /// 65535/max; otherwise multiplied by 65535 and divided by max; each result rounded half away
  /// from zero. Example: [43 690, 21 845] → [65 535, 32 768].
  public static func maxUpscale(_ values: [UInt16]) -> [UInt16] {
    guard let largest = values.max() else { return [] }
    if largest == 0 { return values }
    let u16Max = I32F32(integer: 65_535)
    let top = I32F32(integer: Int64(largest))
    if largest > 32_768 {
      let ratio = u16Max / top
      return values.map { roundedU16(ratio * I32F32(integer: Int64($0))) }
    }
    return values.map { roundedU16((I32F32(integer: Int64($0)) * u16Max) / top) }
  }

  /// Whether two stored rows are one storage object (same address and count), read without their
  /// entries; rows of different storage may still be equal. While something holds a row, a row at
  /// its address is that unchanged row (``WeightMatrixMemo``).
  @inlinable @inline(__always)
  public static func sameStorage(_ a: [SparseEntry], _ b: [SparseEntry]) -> Bool {
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count }
    }
  }

  /// Rounds half away from zero, then saturates to u16.
  static func roundedU16(_ x: I32F32) -> UInt16 {
    if x.raw <= 0 { return 0 }
    let r = (x.raw &+ (1 << 31)) >> 32
    return r >= 65_535 ? 65_535 : UInt16(r)
  }
}

/// Why a weight submission could not be stored.
public enum WeightSubmissionError: Error, Equatable, Sendable, CustomStringConvertible {
  case lengthMismatch(uids: Int, values: Int)
  case uidOutOfRange(uid: Int, n: Int)
  case duplicateUID(uid: Int)

  public var description: String {
    switch self {
    case .lengthMismatch(let u, let v): "weights name \(u) uids but give \(v) values"
    case .uidOutOfRange(let uid, let n): "weight target uid \(uid) is outside the subnet of \(n) uids"
    case .duplicateUID(let uid): "weight target uid \(uid) appears twice"
    }
  }
}
