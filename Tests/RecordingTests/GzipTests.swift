import Foundation
import Testing

@testable import Recording

/// gzip files that any reader takes, with bytes that depend only on their content.
@Suite("gzip")
struct GzipTests {
  /// A CSV-like text of `rows` lines.
  static func text(rows: Int) -> [UInt8] {
    var text = "scenario,run_id,replication,block,value\n"
    for row in 0..<rows { text += "tiny,seed-7_reps-2_abc,\(row % 2),\(row * 360),\(CSVFormat.number(Double(row) / 7))\n" }
    return Array(text.utf8)
  }

  /// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit.
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  @Test("compressing and decompressing gives back the bytes", arguments: [0, 1, 1_000, 50_000])
  func roundTrip(rows: Int) throws {
    let bytes = rows == 0 ? [] : Self.text(rows: rows)
    let compressed = try Gzip.compress(bytes)
    #expect(try Gzip.decompress(compressed) == bytes)
    if rows >= 1_000 { #expect(compressed.count * 4 < bytes.count) }
  }

  @Test("the header has no name, time 0 and OS 255; the trailer holds CRC-32 and size")
  func framing() throws {
    let bytes = Array("hello, gzip\n".utf8)
    let compressed = try Gzip.compress(bytes)
    #expect(Array(compressed.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
    let size = compressed.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    #expect(size == UInt32(bytes.count))
    let crc = compressed.dropLast(4).suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    #expect(crc == Self.crc32(bytes))
    #expect(try Gzip.decompress(compressed) == bytes)
  }

  @Test("the bytes do not depend on how the input is split into writes")
  func chunkingDoesNotMatter() throws {
    let bytes = Self.text(rows: 20_000)
    let whole = try Gzip.compress(bytes)
    let encoder = try Gzip.Encoder()
    var pieces: [UInt8] = []
    var start = 0
    for size in [1, 7, 4_096, 65_536, 100_000, 262_144] where start < bytes.count {
      let end = min(bytes.count, start + size)
      pieces += try encoder.compress(Array(bytes[start..<end]))
      start = end
    }
    pieces += try encoder.compress(Array(bytes[start...]))
    pieces += try encoder.finish()
    #expect(pieces == whole)
  }

  @Test("a decoder fed byte by byte, and two members in a row, read back exactly")
  func streamingDecoder() throws {
    let a = Self.text(rows: 300)
    let b = Array("tail\n".utf8)
    let joined = try Gzip.compress(a) + Gzip.compress(b)
    let decoder = try Gzip.Decoder()
    var out: [UInt8] = []
    for byte in joined { out += try decoder.decompress([byte]) }
    out += try decoder.finish()
    #expect(out == a + b)
  }

  @Test("a truncated or corrupted file is an error, not short data")
  func damage() throws {
    let compressed = try Gzip.compress(Self.text(rows: 2_000))
    #expect(throws: RecordingError.self) { try Gzip.decompress(Array(compressed.dropLast(9))) }
    var corrupted = compressed
    corrupted[corrupted.count / 2] ^= 0xFF
    #expect(throws: RecordingError.self) { try Gzip.decompress(corrupted) }
    #expect(throws: RecordingError.self) { try Gzip.decompress(Array("plain text, not gzip\n".utf8)) }
  }

  @Test("an atomic gzip file holds the compressed bytes, and its size and digest are theirs")
  func atomicFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taosim-gzip-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appendingPathComponent("t.csv.gz")
    let file = try AtomicFile(destination: destination, gzip: true)
    let bytes = Self.text(rows: 30_000)
    try file.write(bytes: bytes)
    let (size, digest) = try file.commit()
    let written = [UInt8](try Data(contentsOf: destination))
    #expect(written.count == size)
    var expected = FNV1a64()
    expected.update(written)
    #expect(digest == expected)
    #expect(written == (try Gzip.compress(bytes)))
    #expect(try Gzip.decompress(written) == bytes)
  }
}
