extension YAMLLoader {
  /// Finds mapping keys that are not plain names before the text reaches the YAML composer.
  ///
  /// Complex keys (`? …`, an alias used as a key, a list or mapping used as a key) are never
  /// needed in a scenario, and they are the one place where an alias bomb would be hashed in
  /// full while composing. The scan skips quoted strings, comments and block scalars.
  ///
  /// - Returns: A problem at the first complex key, or `nil`.
  static func complexKeyProblem(in text: String, file: String) -> ScenarioProblem? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var blockParentIndent: Int?
    var quote: Character?
    for (lineIndex, rawLine) in lines.enumerated() {
      let line = Array(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
      let indent = line.prefix(while: { $0 == " " }).count
      if let parent = blockParentIndent, quote == nil {
        if line.allSatisfy({ $0 == " " || $0 == "\t" }) || indent > parent { continue }
        blockParentIndent = nil
      }
      func problem(_ column: Int, _ message: String) -> ScenarioProblem {
        ScenarioProblem(
          location: SourceLocation(file: file, line: lineIndex + 1, column: column + 1), path: "(document)",
          message: message)
      }
      var index = 0
      var tokenStart = quote == nil
      while index < line.count {
        let character = line[index]
        if let open = quote {
          if open == "'" && character == "'" {
            if index + 1 < line.count, line[index + 1] == "'" { index += 2; continue }
            quote = nil
          } else if open == "\"" && character == "\\" {
            index += 2
            continue
          } else if open == "\"" && character == "\"" {
            quote = nil
          }
          index += 1
          continue
        }
        let next: Character? = index + 1 < line.count ? line[index + 1] : nil
        let nextIsBlank = next == nil || next == " " || next == "\t"
        switch character {
        case " ", "\t":
          index += 1
          continue
        case "#" where index == 0 || line[index - 1] == " " || line[index - 1] == "\t":
          index = line.count
          continue
        case "'", "\"":
          quote = character
        case "?" where tokenStart && nextIsBlank:
          return problem(index, "complex mapping keys ('? ') are not supported; keys are plain names")
        case "*" where tokenStart:
          var end = index + 1
          while end < line.count, ![" ", ",", "]", "}", "\t"].contains(line[end]) { end += 1 }
          var after = end
          while after < line.count, line[after] == " " { after += 1 }
          if after < line.count, line[after] == ":" {
            return problem(index, "an alias cannot be used as a mapping key")
          }
          index = end
          tokenStart = false
          continue
        case "]", "}":
          var after = index + 1
          while after < line.count, line[after] == " " { after += 1 }
          if after < line.count, line[after] == ":", after + 1 == line.count || [" ", "\t"].contains(line[after + 1]) {
            return problem(index, "a list or mapping cannot be used as a mapping key")
          }
        case "|" where tokenStart, ">" where tokenStart:
          let rest = line[(index + 1)...].prefix(while: { $0 != "#" })
          if rest.allSatisfy({ "+-0123456789 \t".contains($0) }) {
            blockParentIndent = indent
            index = line.count
            continue
          }
        default:
          break
        }
        tokenStart =
          character == "{" || character == "[" || character == ","
          || ((character == "-" || character == ":") && nextIsBlank)
        index += 1
      }
    }
    return nil
  }
}
