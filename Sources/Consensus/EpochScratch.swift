#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable, uninitialised buffer of trivial values that an epoch reuses from one call to the
/// next (it never shrinks). Contents are undefined between uses: every step writes what it reads.
@usableFromInline
struct ScratchBuffer<Element> {
  @usableFromInline var base: UnsafeMutablePointer<Element>
  @usableFromInline var capacity: Int

  @inlinable init() {
    base = UnsafeMutablePointer<Element>.allocate(capacity: 1)
    capacity = 1
  }

  /// At least `count` elements of storage (old contents are not kept when it grows).
  @inlinable @inline(__always)
  mutating func reserve(_ count: Int) -> UnsafeMutablePointer<Element> {
    if count > capacity { grow(count) }
    return base
  }

  @usableFromInline mutating func grow(_ count: Int) {
    base.deallocate()
    capacity = max(count, capacity * 2)
    base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
  }

  @inlinable func release() { base.deallocate() }
}

/// The working memory of one arithmetic's epoch: every per-UID vector and every sparse matrix
/// the pipeline builds, kept between epochs so that a steady stream of epochs (a World's
/// subnets, a study's networks) allocates nothing but its outputs.
///
/// One instance per thread (``EpochWorkspace``); the epoch is not re-entrant on a thread.
@usableFromInline
final class EpochScratch<T: EpochScalar> {
  // Per-UID vectors (n).
  @usableFromInline var s = ScratchBuffer<T>()
  @usableFromInline var a = ScratchBuffer<T>()
  @usableFromInline var consensus = ScratchBuffer<T>()
  @usableFromInline var trust = ScratchBuffer<T>()
  @usableFromInline var ranks = ScratchBuffer<T>()
  @usableFromInline var incentive = ScratchBuffer<T>()
  @usableFromInline var dividends = ScratchBuffer<T>()
  @usableFromInline var sums = ScratchBuffer<T>()
  @usableFromInline var emaSums = ScratchBuffer<T>()
  @usableFromInline var deltaSums = ScratchBuffer<T>()
  @usableFromInline var divisorsA = ScratchBuffer<T.Divisor>()
  @usableFromInline var divisorsB = ScratchBuffer<T.Divisor>()
  /// One stored row's divisors gathered by column (n).
  @usableFromInline var gathered = ScratchBuffer<T.Divisor>()
  /// A second row's worth of gathered divisors (n; the Yuma-2 merge of sparse rows).
  @usableFromInline var gatheredB = ScratchBuffer<T.Divisor>()
  @usableFromInline var stakeWeights = ScratchBuffer<Wide128>()
  @usableFromInline var oldPermit = ScratchBuffer<Bool>()
  @usableFromInline var order = ScratchBuffer<Int>()
  @usableFromInline var integerSums = ScratchBuffer<Int64>()
  /// Dense rows (n columns) for the EMA merge of dense rows.
  @usableFromInline var rowA = ScratchBuffer<T>()
  @usableFromInline var rowB = ScratchBuffer<T>()
  @usableFromInline var rowStored = ScratchBuffer<UInt16>()
  /// Yuma 2's stored-bond column totals as `Double` (n).
  @usableFromInline var totals = ScratchBuffer<Double>()
  /// A dense row's liquid-alpha exponents (n).
  @usableFromInline var rowC = ScratchBuffer<T>()
  // Sparse matrices (row starts n + 1, entries nnz).
  @usableFromInline var wStart = ScratchBuffer<Int>()
  @usableFromInline var wCol = ScratchBuffer<Int32>()
  @usableFromInline var wVal = ScratchBuffer<T>()
  @usableFromInline var bwStart = ScratchBuffer<Int>()
  @usableFromInline var bwCol = ScratchBuffer<Int32>()
  @usableFromInline var bwVal = ScratchBuffer<T>()
  @usableFromInline var delta = ScratchBuffer<T>()
  @usableFromInline var emaStart = ScratchBuffer<Int>()
  @usableFromInline var emaCol = ScratchBuffer<Int32>()
  @usableFromInline var emaVal = ScratchBuffer<T>()
  /// The weighted median's working memory.
  @usableFromInline var median = MedianScratch<T>()

  @usableFromInline init() {}

  deinit {
    s.release(); a.release(); consensus.release(); trust.release(); ranks.release()
    incentive.release(); dividends.release(); sums.release(); emaSums.release(); deltaSums.release(); divisorsA.release(); divisorsB.release(); gathered.release(); gatheredB.release()
    stakeWeights.release(); oldPermit.release(); order.release(); integerSums.release(); rowA.release(); rowB.release(); rowStored.release(); rowC.release(); totals.release()
    wStart.release(); wCol.release(); wVal.release()
    bwStart.release(); bwCol.release(); bwVal.release(); delta.release()
    emaStart.release(); emaCol.release(); emaVal.release()
    median.release()
  }
}

/// The per-thread pair of scratch spaces (one per arithmetic), created on a thread's first epoch
/// and freed when the thread ends.
@usableFromInline
final class EpochWorkspace {
  @usableFromInline let fixed = EpochScratch<I32F32>()
  @usableFromInline let double = EpochScratch<Double>()

  init() {}

  /// The thread-specific key; its destructor releases the thread's workspace.
  static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
      #if canImport(Darwin)
      Unmanaged<EpochWorkspace>.fromOpaque(pointer).release()
      #else
      if let pointer { Unmanaged<EpochWorkspace>.fromOpaque(pointer).release() }
      #endif
    }
    precondition(status == 0, "pthread_key_create failed")
    return key
  }()

  /// The calling thread's workspace.
  @usableFromInline static var current: EpochWorkspace {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<EpochWorkspace>.fromOpaque(pointer).takeUnretainedValue()
    }
    let workspace = EpochWorkspace()
    pthread_setspecific(key, Unmanaged.passRetained(workspace).toOpaque())
    return workspace
  }

  /// The scratch space of arithmetic `T`.
  @inlinable func scratch<T: EpochScalar>(_: T.Type) -> EpochScratch<T> {
    if T.self == Double.self { return unsafeDowncast(double, to: EpochScratch<T>.self) }
    return unsafeDowncast(fixed, to: EpochScratch<T>.self)
  }
}
