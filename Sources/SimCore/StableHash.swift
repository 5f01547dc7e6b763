/// Stable 64-bit hashing and mixing: identical across processes, builds and machines.
///
/// Swift's `hashValue`/`Hasher` are seeded per process and must never decide anything a result
/// depends on; these functions are what TaoSim uses instead.
public enum StableHash {
  /// FNV-1a over the UTF-8 bytes of `text`.
  @inlinable public static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return hash
  }

  /// The SplitMix64 finaliser: a bijective avalanche mix of one word.
  @inlinable public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Combines words in order into one hash (order matters).
  @inlinable public static func combine(_ words: UInt64...) -> UInt64 {
    var state: UInt64 = 0x5441_4F53_494D_0001  // "TAOSIM" + 1
    for word in words { state = mix(state ^ mix(word)) }
    return state
  }
}
