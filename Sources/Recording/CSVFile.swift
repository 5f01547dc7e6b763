import Foundation

/// A CSV file streamed row by row to disk and committed atomically (see ``AtomicFile``).
///
/// Memory stays flat in the number of rows: rows go to a 256 KiB buffer and then to the
/// temporary file. Fields are escaped by ``CSVFormat/escape(_:)``; lines end with `\n`.
public final class CSVFile {
  /// Column names, in order.
  public let columns: [String]
  private let file: AtomicFile
  /// Data rows written so far (the header is not counted).
  public private(set) var rowCount = 0

  /// Opens `destination` for writing and writes the header line unless `header` is false
  /// (parts that are concatenated later carry no header).
  public init(destination: URL, columns: [String], header: Bool = true) throws {
    self.columns = columns
    file = try AtomicFile(destination: destination)
    if header { try file.write(CSVFormat.line(columns) + "\n") }
  }

  /// Appends one row of already formatted fields.
  ///
  /// - Precondition: `fields.count == columns.count`.
  public func append(_ fields: [String]) throws {
    precondition(fields.count == columns.count, "\(fields.count) fields for \(columns.count) columns")
    var line = ""
    for (index, field) in fields.enumerated() {
      if index > 0 { line.append(",") }
      line.append(CSVFormat.escape(field))
    }
    line.append("\n")
    try write(line: line)
  }

  /// Writes one finished line and counts it.
  func write(line: String) throws {
    try file.write(line)
    rowCount += 1
  }

  /// Renames the finished file into place.
  @discardableResult
  public func commit() throws -> (bytes: Int, digest: FNV1a64) { try file.commit() }

  /// Drops the unfinished file.
  public func discard() { file.discard() }
}

extension CSVFile {
  /// Appends one row whose leading fields are already joined into `prefix` (e.g. the identity
  /// columns shared by every row of a file), followed by `fields`.
  ///
  /// - Precondition: the prefix's fields plus `fields` make up ``columns``.
  public func append(prefixed prefix: String, _ fields: [String]) throws {
    var line = prefix
    for field in fields {
      line.append(",")
      line.append(CSVFormat.escape(field))
    }
    line.append("\n")
    try write(line: line)
  }
}
