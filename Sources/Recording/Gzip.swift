import CZlib

/// Streaming gzip (RFC 1952) compression and decompression over zlib's raw deflate.
///
/// The encoder writes its own header with no file name, modification time 0, no extra flags and
/// OS 255 ("unknown"), so the bytes depend only on the input and zlib's deflate at level 6, not
/// on the time, the file's name or the platform zlib was built for; `gzip -d`, Python's `gzip`
/// and pandas' `read_csv` read it. The decoder reads any gzip file, also several members in a
/// row. Memory is a fixed 64 KiB buffer plus zlib's state, whatever the size of the stream.
public enum Gzip {
  /// The 10-byte member header: magic, deflate, no flags, mtime 0, XFL 0, OS 255.
  static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]

  /// The gzip file of `bytes` in one call (tests and small files).
  public static func compress(_ bytes: [UInt8]) throws(RecordingError) -> [UInt8] {
    let encoder = try Encoder()
    return try encoder.compress(bytes) + encoder.finish()
  }

  /// The content of the gzip file `bytes` in one call.
  public static func decompress(_ bytes: [UInt8]) throws(RecordingError) -> [UInt8] {
    let decoder = try Decoder()
    return try decoder.decompress(bytes) + decoder.finish()
  }

  /// Compresses a stream: ``compress(_:)`` any number of times, then ``finish()`` once; the
  /// concatenated outputs form one gzip member.
  public final class Encoder {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var crc = crc32(0, nil, 0)
    private var size: UInt32 = 0
    private var started = false
    private var finished = false

    public init() throws(RecordingError) {
      stream.initialize(to: z_stream())
      // Raw deflate (negative window bits): the gzip framing is written here, byte for byte.
      let status = deflateInit2_(
        stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        stream.deallocate()
        throw .compression("deflateInit2 failed (\(status))")
      }
    }

    deinit {
      deflateEnd(stream)
      stream.deallocate()
    }

    /// The compressed bytes `bytes` give so far (the header first; often empty, as deflate
    /// buffers).
    public func compress(_ bytes: [UInt8]) throws(RecordingError) -> [UInt8] {
      precondition(!finished, "Gzip.Encoder used after finish()")
      var out: [UInt8] = started ? [] : Gzip.header
      started = true
      bytes.withUnsafeBufferPointer { input in
        crc = crc32(crc, input.baseAddress, uInt(input.count))
      }
      size = size &+ UInt32(truncatingIfNeeded: bytes.count)
      try run(bytes, flush: Z_NO_FLUSH, into: &out)
      return out
    }

    /// The rest of the member: the deflate stream's end, then CRC-32 and size mod 2³², little endian.
    public func finish() throws(RecordingError) -> [UInt8] {
      precondition(!finished, "Gzip.Encoder finished twice")
      var out: [UInt8] = started ? [] : Gzip.header
      started = true
      try run([], flush: Z_FINISH, into: &out)
      finished = true
      for value in [UInt32(truncatingIfNeeded: crc), size] {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
      }
      return out
    }

    private func run(_ input: [UInt8], flush: Int32, into out: inout [UInt8]) throws(RecordingError) {
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      var status = Z_OK
      input.withUnsafeBufferPointer { source in
        stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.pointee.avail_in = uInt(source.count)
        repeat {
          let produced = buffer.withUnsafeMutableBufferPointer { target in
            stream.pointee.next_out = target.baseAddress
            stream.pointee.avail_out = uInt(target.count)
            status = deflate(stream, flush)
            return target.count - Int(stream.pointee.avail_out)
          }
          out.append(contentsOf: buffer[0..<produced])
        } while status == Z_OK && (stream.pointee.avail_out == 0 || (flush == Z_FINISH))
        stream.pointee.next_in = nil
      }
      let done = flush == Z_FINISH ? status == Z_STREAM_END : status == Z_OK || status == Z_BUF_ERROR
      guard done else { throw .compression("deflate failed (\(status))") }
    }
  }

  /// Decompresses a stream fed in chunks: ``decompress(_:)`` any number of times, then ``finish()``.
  public final class Decoder {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    /// True between the end of one member and the start of the next.
    private var atMemberEnd = false
    private var sawInput = false

    public init() throws(RecordingError) {
      stream.initialize(to: z_stream())
      // 15 + 16: a zlib window of 32 KiB with gzip framing (header and trailer checked by zlib).
      let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        stream.deallocate()
        throw .compression("inflateInit2 failed (\(status))")
      }
    }

    deinit {
      inflateEnd(stream)
      stream.deallocate()
    }

    /// The content bytes that `bytes` (the next piece of the gzip file) complete.
    public func decompress(_ bytes: [UInt8]) throws(RecordingError) -> [UInt8] {
      var out: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      var failure: Int32?
      bytes.withUnsafeBufferPointer { source in
        stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.pointee.avail_in = uInt(source.count)
        while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0 {
          if atMemberEnd {
            guard stream.pointee.avail_in > 0 else { break }
            // A further member follows (as `cat a.gz b.gz` makes): start it afresh.
            inflateReset(stream)
            atMemberEnd = false
          }
          sawInput = true
          var status = Z_OK
          let produced = buffer.withUnsafeMutableBufferPointer { target in
            stream.pointee.next_out = target.baseAddress
            stream.pointee.avail_out = uInt(target.count)
            status = inflate(stream, Z_NO_FLUSH)
            return target.count - Int(stream.pointee.avail_out)
          }
          out.append(contentsOf: buffer[0..<produced])
          if status == Z_STREAM_END {
            atMemberEnd = true
          } else if status == Z_BUF_ERROR && produced == 0 {
            break
          } else if status != Z_OK {
            failure = status
            break
          }
        }
        stream.pointee.next_in = nil
      }
      if let failure { throw .compression("not a valid gzip stream (inflate \(failure))") }
      return out
    }

    /// Checks that the stream ended with a complete member (a truncated file is an error).
    public func finish() throws(RecordingError) -> [UInt8] {
      guard atMemberEnd || !sawInput else { throw .compression("the gzip stream is truncated") }
      return []
    }
  }
}
