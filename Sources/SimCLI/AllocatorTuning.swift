#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide allocator settings for long compute loops, made once by the executable at start-up
/// (a library never changes process-wide settings behind its caller's back).
///
/// Epoch-heavy studies allocate and free many arrays of a few hundred kilobytes per epoch. With
/// glibc's defaults each free can hand the pages back to the kernel (heap trimming, mmap-backed
/// chunks) and the next allocation faults them in again, zeroed: on the retention grid this cost
/// as much system time as the epochs' own work. Keeping freed memory in the process removes it;
/// the resident size stays at its peak instead. No effect on results. Without glibc: no-op.
enum AllocatorTuning {
  /// Stops glibc from trimming the heap and from serving chunks below 32 MiB by mmap.
  ///
  /// `mallopt` is looked up with `dlsym` because `malloc.h` is not part of Swift's Glibc module;
  /// the option numbers are glibc's `M_TRIM_THRESHOLD` (−1) and `M_MMAP_THRESHOLD` (−3).
  static func keepFreedMemory() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      _ = mallopt(-1, 1 << 30)
      _ = mallopt(-3, 32 << 20)
    #endif
  }
}
