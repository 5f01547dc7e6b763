#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

/// Reads a user-named input file's bytes without ever blocking on, or reading from, anything
/// that is not a regular file (scenario files, conformance vector files).
///
/// The file is opened non-blocking (so a FIFO cannot stall the open) and its type and size are
/// checked on the open descriptor with `fstat` before one byte is read, so a path swapped between
/// a check and the open cannot slip a device, FIFO or socket through. Messages never quote the
/// file's contents.
public enum RegularFile {
  /// Why a path cannot be read as a regular input file.
  public enum Refusal: Error, Equatable {
    /// Nothing at the path.
    case missing
    /// The path exists but may not be read.
    case permissionDenied
    /// The path is something else: "a directory", "a FIFO (named pipe)", ….
    case notRegular(kind: String)
    /// The file holds more bytes than the caller's limit (`bytes` as `fstat` reports them).
    case tooLarge(bytes: Int)
    /// Opening or reading failed otherwise.
    case unreadable

    /// The refusal as a phrase after the path, naming what the file should have been
    /// (`noun`, e.g. "a scenario file"); `tooLarge` names the size and the limit in bytes.
    public func message(noun: String, limit: Int) -> String {
      switch self {
      case .missing: "no such file"
      case .permissionDenied: "cannot be read (permission denied)"
      case .notRegular(let kind): "is \(kind), not \(noun)"
      case .tooLarge(let bytes): "\(bytes) bytes is more than the \(limit) \(noun) may have"
      case .unreadable: "cannot be read"
      }
    }
  }

  /// The kind of filesystem object at `path` (following symbolic links), or `nil` if none.
  public static func kind(atPath path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return describe(info.st_mode)
  }

  /// "a regular file", "a directory", "a FIFO (named pipe)", … for a `st_mode`.
  public static func describe(_ mode: mode_t) -> String {
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

  /// At most `limit + 1` bytes of the regular file at `path` (more than `limit` only when the
  /// file grew after `fstat`; callers refuse that too).
  ///
  /// - Throws: ``Refusal`` when the path is missing, unreadable, not a regular file, or larger
  ///   than `limit` bytes.
  public static func read(path: String, limit: Int) throws(Refusal) -> [UInt8] {
    guard let kind = kind(atPath: path) else { throw errno == EACCES ? .permissionDenied : .missing }
    guard kind == "a regular file" else { throw .notRegular(kind: kind) }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw errno == EACCES ? .permissionDenied : .unreadable }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .unreadable }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular(kind: describe(info.st_mode)) }
    guard Int(info.st_size) <= limit else { throw .tooLarge(bytes: Int(info.st_size)) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while bytes.count <= limit {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
    }
    return bytes
  }
}
