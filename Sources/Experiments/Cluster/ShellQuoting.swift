/// POSIX shell quoting for values written into generated job scripts.
enum ShellQuoting {
  /// Returns `text` as one shell word: unchanged when it only holds safe characters, otherwise in
  /// single quotes with each `'` written as `'\''`.
  static func quote(_ text: String) -> String {
    if !text.isEmpty && text.unicodeScalars.allSatisfy(isSafe) { return text }
    var quoted = "'"
    for character in text {
      if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
    }
    return quoted + "'"
  }

  /// Characters that need no quoting in a shell word (and are safe in `#SBATCH` lines).
  static func isSafe(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
      || "/._-+=:,@".unicodeScalars.contains(c)
  }
}
