/// Field formatting for TaoSim's CSV files: RFC 4180 quoting and locale-free numbers.
///
/// Numbers are written with one fixed representation so that the same value always gives the
/// same bytes, whatever the locale, build mode or machine:
/// - integers in plain decimal (`-12`, `7200`);
/// - doubles as the shortest decimal text that reads back as the same `Double` (Swift's
///   `description`, e.g. `0.1`, `1e-05`, `2.5e+20`, `100.0`), with `-0.0` written as `0.0`;
/// - a missing value (`nil`) or a non-finite double as an empty field, which pandas reads as NaN.
public enum CSVFormat {
  /// Quotes `field` when it holds a comma, a double quote, CR or LF (RFC 4180 §2.6–2.7);
  /// inner quotes are doubled.
  public static func escape(_ field: String) -> String {
    var needsQuotes = false
    for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    guard needsQuotes else { return field }
    var quoted = "\""
    for character in field {
      if character == "\"" { quoted.append("\"\"") } else { quoted.append(character) }
    }
    quoted.append("\"")
    return quoted
  }

  /// The fixed shortest-round-trip text of `value`; empty for NaN and ±∞.
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == 0 { return "0.0" }  // folds -0.0 into 0.0
    return value.description
  }

  /// `number(_:)` of `value`, or an empty field for `nil`.
  public static func number(_ value: Double?) -> String {
    guard let value else { return "" }
    return number(value)
  }

  /// Plain decimal text of an integer.
  public static func integer<T: BinaryInteger>(_ value: T) -> String { String(value) }

  /// One CSV line (without the line break) from already formatted fields.
  public static func line(_ fields: [String]) -> String {
    var text = ""
    for (index, field) in fields.enumerated() {
      if index > 0 { text.append(",") }
      text.append(escape(field))
    }
    return text
  }

  /// Splits one CSV line into fields, undoing RFC 4180 quoting.
  ///
  /// For reading back TaoSim's own files (which never put a line break inside a field's quotes,
  /// except when a text field held one; such records are not split across lines by this reader).
  /// - Returns: The fields, or `nil` if a quoted field is not closed.
  public static func fields(of line: Substring) -> [String]? {
    var result: [String] = []
    var current = ""
    var inQuotes = false
    var index = line.startIndex
    while index < line.endIndex {
      let character = line[index]
      if inQuotes {
        if character == "\"" {
          let next = line.index(after: index)
          if next < line.endIndex, line[next] == "\"" {
            current.append("\"")
            index = next
          } else {
            inQuotes = false
          }
        } else {
          current.append(character)
        }
      } else if character == "\"" {
        inQuotes = true
      } else if character == "," {
        result.append(current)
        current = ""
      } else {
        current.append(character)
      }
      index = line.index(after: index)
    }
    guard !inQuotes else { return nil }
    result.append(current)
    return result
  }
}
