import Foundation
import Recording

/// JUnit XML for `taosim check --junit FILE`: one test suite per run, one test case per
/// invariant or clause. No timestamps or durations, so the file is reproducible.
public enum JUnitReport {
  public static func xml(_ reports: [Check.RunReport]) -> String {
    let tests = reports.reduce(0) { $0 + $1.findings.count }
    let failures = reports.reduce(0) { $0 + $1.failures }
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    text += "<testsuites name=\"taosim check\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
    for report in reports {
      text += "  <testsuite name=\"\(escape(report.label))\" tests=\"\(report.findings.count)\" failures=\"\(report.failures)\">\n"
      for finding in report.findings {
        let head = "    <testcase classname=\"\(escape(report.scenario))\" name=\"\(escape(finding.name))\""
        if finding.passed {
          text += head + "/>\n"
        } else {
          text += head + ">\n      <failure message=\"\(escape(finding.detail))\"/>\n    </testcase>\n"
        }
      }
      text += "  </testsuite>\n"
    }
    return text + "</testsuites>\n"
  }

  /// Writes ``xml(_:)`` of `reports` to `file` atomically (temp file, then rename).
  public static func write(_ reports: [Check.RunReport], to file: URL) throws {
    try AtomicFile.write(xml(reports), to: file)
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      default: out.append(character)
      }
    }
    return out
  }
}
