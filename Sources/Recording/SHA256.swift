import Crypto

/// SHA-256 (FIPS 180-4) over UTF-8 text: the content hash behind run ids and scenario versions.
///
/// A thin name over swift-crypto's `SHA256` (BoringSSL on Linux, CryptoKit on Apple platforms), so
/// run ids are identical on every platform. Tested against the FIPS 180-2 examples.
public enum SHA256 {
  /// The digest of `text`'s UTF-8 bytes as 64 lower-case hex digits.
  public static func hex(_ text: String) -> String {
    hex(bytes: Array(text.utf8))
  }

  /// The digest of `bytes` as 64 lower-case hex digits.
  public static func hex(bytes: [UInt8]) -> String {
    Hex.bytes(Array(Crypto.SHA256.hash(data: bytes)))
  }
}
