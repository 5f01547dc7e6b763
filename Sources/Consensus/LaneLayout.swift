#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lane median's copy of W (``WeightedMedian/ColumnPass/laneColumns(_:scratch:layout:)``)
/// kept between a subnet's epochs: the weighted columns' list and every block of 16 of them as
/// the participants × 16 pack the lanes read (complete only when every block's rows could be
/// gathered, as W's ascending rows always can).
///
/// All of it is a function of W and of which rows take part (the rows with positive active
/// stake), not of their stakes: an epoch that reused W (``WeightMatrixMemo``) with the same
/// participants reads the kept packs instead of gathering them, and skips the column list. The
/// packs hold the same numbers a gather would write, so the answers are the same.
@usableFromInline
final class LaneLayout {
  /// The weighted columns, ascending, and each column's place among them (n each).
  @usableFromInline var order = ScratchBuffer<Int32>()
  @usableFromInline var slot = ScratchBuffer<Int32>()
  @usableFromInline var weighted = 0
  /// Block b's pack at b·p·16 (``WeightedMedian/laneBlock`` columns).
  @usableFromInline var packs = ScratchBuffer<Double>()
  /// The participant rows the packs were gathered for.
  @usableFromInline var participants = ScratchBuffer<Int>()
  @usableFromInline var p = 0
  /// Whether the buffers hold a complete layout (false while one is recorded).
  @usableFromInline var valid = false

  @usableFromInline init() {}

  deinit {
    order.release()
    slot.release()
    packs.release()
    participants.release()
  }

  /// Whether the kept layout was gathered for these participant rows.
  @usableFromInline func matches(participants rows: UnsafePointer<Int>, count: Int) -> Bool {
    valid && p == count && memcmp(participants.base, rows, count &* MemoryLayout<Int>.stride) == 0
  }

  /// Starts recording a layout for these participant rows (``valid`` once the lanes finish).
  @usableFromInline func begin(participants rows: UnsafePointer<Int>, count: Int) {
    valid = false
    p = count
    participants.reserve(count).update(from: rows, count: count)
  }
}
