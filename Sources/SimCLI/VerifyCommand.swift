import ArgumentParser
import Conformance
import Foundation

extension Arithmetic: ExpressibleByArgument {}

/// `taosim verify FILE… [--arithmetic fixed|double]`: runs conformance vectors (spec §15.1).
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Run conformance vectors and print PASS or the first mismatch of each.",
    discussion: """
      Exit status: 0 if every vector passes, 1 if any fails, 2 if a file is malformed (printed as \
      FILE:LINE:COLUMN: JSON path: what is wrong).

      Example:
        taosim verify spec/conformance-vectors.json --compare
      """)

  @Argument(help: "Vector files in the format of spec §15.1 (e.g. spec/conformance-vectors.json).")
  var files: [String]

  @Option(help: "Arithmetic of the epoch: fixed (bit-exact) or double.")
  var arithmetic: Arithmetic = .fixed

  @Flag(help: "Also run every epoch vector in both arithmetics and print the largest fixed-vs-double deviation.")
  var compare = false

  func run() throws {
    var vectors: [ConformanceVector] = []
    var malformed = false
    for file in files {
      do {
        vectors += try ConformanceVector.load(file: file)
      } catch let error as ConformanceError {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        malformed = true
      }
    }
    if malformed { throw ExitCode(2) }
    var failed = 0
    for vector in vectors {
      let result = ConformanceRunner.run(vector, arithmetic: arithmetic)
      print(result.line)
      if !result.passed { failed += 1 }
    }
    print("\(vectors.count - failed)/\(vectors.count) vectors passed (\(arithmetic.rawValue))")
    if compare {
      for vector in vectors {
        guard case .epoch = vector.kind else { continue }
        let (_, fixed) = ConformanceRunner.runTracing(vector, arithmetic: .fixed)
        let (_, double) = ConformanceRunner.runTracing(vector, arithmetic: .double)
        let d = ScenarioTrace.maximumDeviation(fixed, double)
        print("compare \(vector.name): fixed vs double differ by ≤ \(d.baseUnits) base units, ≤ \(d.u16) u16 units")
      }
    }
    if failed > 0 { throw ExitCode(1) }
  }
}
