#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// Reads a scenario file's bytes without ever blocking on, or reading from, anything that is
/// not a regular file.
///
/// The file is opened non-blocking (so a FIFO cannot stall the open) and its type is checked
/// on the open descriptor with `fstat` before one byte is read, so a path swapped between a
/// check and the open cannot slip a device, FIFO or socket through. Messages never quote the
/// file's contents.
enum ScenarioFile {
  /// Why a path cannot be read as a scenario file.
  struct Refusal: Error {
    var message: String
  }

  /// The kind of filesystem object at `path` (following symbolic links), or `nil` if none.
  static func kind(atPath path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return describe(info.st_mode)
  }

  /// "a regular file", "a directory", "a FIFO", … for a `st_mode`.
  static func describe(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFREG: "a regular file"
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "not a regular file"
    }
  }

  /// At most `limit + 1` bytes of the regular file at `path`.
  static func read(path: String, limit: Int) throws(Refusal) -> [UInt8] {
    guard let kind = kind(atPath: path) else {
      throw Refusal(message: errno == EACCES ? "cannot be read (permission denied)" : "no such file")
    }
    guard kind == "a regular file" else { throw Refusal(message: "is \(kind), not a scenario file") }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw Refusal(message: "cannot be read (permission denied?)") }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Refusal(message: "cannot be read") }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw Refusal(message: "is \(describe(info.st_mode)), not a scenario file")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count <= limit {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Refusal(message: "cannot be read")
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return bytes
  }
}
