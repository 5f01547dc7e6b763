import Foundation
import Recording

/// Reads a file line by line in 1 MiB chunks (memory flat in the file size); a file whose name
/// ends in `.gz` is decompressed as it is read.
///
/// Lines end with `\n`; TaoSim's result files never hold a line break inside a field.
final class CSVLineReader {
  private let handle: FileHandle
  private let decoder: Gzip.Decoder?
  private let path: String
  private var buffer: [UInt8] = []
  private var start = 0
  private var exhausted = false

  init(url: URL) throws {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw ExperimentError.badPath(url.path, "cannot be read")
    }
    self.handle = handle
    path = url.path
    decoder = url.pathExtension == "gz" ? try Gzip.Decoder() : nil
  }

  deinit { try? handle.close() }

  /// The next line without its line break, or `nil` at the end.
  func next() throws -> String? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[start..<newline], as: UTF8.self)
        start = newline + 1
        return line
      }
      if exhausted {
        guard start < buffer.count else { return nil }
        let line = String(decoding: buffer[start...], as: UTF8.self)
        start = buffer.count
        return line
      }
      buffer.removeFirst(start)
      start = 0
      do {
        if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
          buffer.append(contentsOf: try decoder.map { try $0.decompress([UInt8](chunk)) } ?? [UInt8](chunk))
        } else {
          if let decoder { buffer.append(contentsOf: try decoder.finish()) }
          exhausted = true
        }
      } catch let error as RecordingError {
        throw ExperimentError.badPath(path, error.description)
      }
    }
  }
}
