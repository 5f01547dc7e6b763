import Foundation

/// File names of a run's record tables: `network.csv`, or `network.csv.gz` when the run was
/// written with `--compress`. Readers take whichever is there (``CSVLineReader`` decompresses).
enum ResultTable {
  /// `<table>.csv`, or `<table>.csv.gz` when `compressed`.
  static func fileName(_ table: String, compressed: Bool) -> String { table + (compressed ? ".csv.gz" : ".csv") }

  /// The file of `table` in `folder`: `<table>.csv` if it exists, else `<table>.csv.gz` if that
  /// exists, else `nil`.
  static func url(_ table: String, in folder: URL) -> URL? {
    for compressed in [false, true] {
      let url = folder.appendingPathComponent(fileName(table, compressed: compressed))
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    return nil
  }
}
