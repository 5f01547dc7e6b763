/// A running 64-bit FNV-1a digest of the bytes written to a file.
///
/// Not cryptographic: it exists to notice a truncated or altered result file when runs are
/// merged or resumed (``CompletionMarker``). Content hashes that name runs use ``SHA256``.
public struct FNV1a64: Sendable, Equatable {
  /// The digest so far.
  public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

  public init() {}

  /// Folds `bytes` into the digest.
  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    var hash = value
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    value = hash
  }

  /// The digest as 16 lowercase hexadecimal digits.
  public var hex: String { Hex.word(value) }
}

/// Lowercase hexadecimal text of words and bytes.
public enum Hex {
  static let digits: [Character] = Array("0123456789abcdef")

  /// 16 hex digits, most significant first.
  public static func word(_ value: UInt64) -> String {
    var text = ""
    for shift in stride(from: 60, through: 0, by: -4) {
      text.append(digits[Int((value >> UInt64(shift)) & 0xF)])
    }
    return text
  }

  /// Two hex digits per byte.
  public static func bytes(_ bytes: [UInt8]) -> String {
    var text = ""
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xF)])
    }
    return text
  }
}
