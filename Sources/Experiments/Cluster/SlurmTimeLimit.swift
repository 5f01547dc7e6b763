/// Slurm's `--time` syntax, checked before a script is written rather than when the job is refused.
enum SlurmTimeLimit {
  /// True for `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`, `UNLIMITED` and `INFINITE`
  /// (the forms `sbatch --time` accepts). Fields are unsigned decimal numbers; sub-fields after the
  /// first must be below 60 (hours below 24 with a day part).
  static func isValid(_ text: String) -> Bool {
    if text == "UNLIMITED" || text == "INFINITE" { return true }
    let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard dayParts.count <= 2 else { return false }
    let clock = dayParts.last!.split(separator: ":", omittingEmptySubsequences: false)
    let numbers = clock.map { Int($0) }
    guard numbers.allSatisfy({ $0 != nil && $0! >= 0 }), clock.allSatisfy({ $0.allSatisfy(\.isNumber) })
    else { return false }
    let values = numbers.map { $0! }
    if dayParts.count == 2 {
      guard let days = Int(dayParts[0]), days >= 0, dayParts[0].allSatisfy(\.isNumber) else { return false }
      guard (1...3).contains(values.count), values[0] < 24 else { return false }
      return values.dropFirst().allSatisfy { $0 < 60 }
    }
    switch values.count {
    case 1: return true  // minutes
    case 2: return values[1] < 60  // minutes:seconds
    case 3: return values[1] < 60 && values[2] < 60  // hours:minutes:seconds
    default: return false
    }
  }
}
