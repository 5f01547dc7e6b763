/// Sparse weight rows: keep only a validator's k largest observed weights.
enum TopK {
  /// The row with only its `k` largest weights (ties to the lower UID), in UID order; the whole
  /// row when `k` is 0 or the row is no longer than `k`.
  static func keep(_ k: Int, uids: [Int], weights: [Double]) -> WeightVector {
    uids.withUnsafeBufferPointer { u in weights.withUnsafeBufferPointer { w in keep(k, uids: u, weights: w) } }
  }

  /// ``keep(_:uids:weights:)`` over a row held in scratch buffers (equal lengths).
  static func keep(_ k: Int, uids: UnsafeBufferPointer<Int>, weights: UnsafeBufferPointer<Double>) -> WeightVector {
    guard k > 0, uids.count > k else { return WeightVector(uids: uids, weights: weights) }
    let best = uids.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : uids[$0] < uids[$1] }
      .prefix(k).sorted()
    return WeightVector(uids: best.map { uids[$0] }, weights: best.map { weights[$0] })
  }
}
