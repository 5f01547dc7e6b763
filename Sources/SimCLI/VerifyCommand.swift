import ArgumentParser
import Conformance
import Consensus

import Foundation

extension Arithmetic: ExpressibleByArgument {}

/// `taosim verify FILE… [--arithmetic fixed|double]`: runs conformance vectors (spec §15.1).
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Run conformance vectors and print PASS or the first mismatch of each.",
    discussion: "Exit status: 0 if every vector passes, 1 if any fails, 2 if a file is malformed.")

  @Argument(help: "Vector files in the format of spec §15.1 (e.g. ../shared/spec/conformance-vectors.json).")
  var files: [String]

  @Option(help: "Arithmetic of the epoch: fixed (bit-exact) or double.")
  var arithmetic: Arithmetic = .fixed

  func run() throws {
    var vectors: [ConformanceVector] = []
    for file in files {
      do {
        vectors += try ConformanceVector.load(file: file)
      } catch let error as ConformanceError {
        FileHandle.standardError.write(Data("taosim verify: \(error)\n".utf8))
        throw ExitCode(2)
      }
    }
    var failed = 0
    for vector in vectors {
      let result = ConformanceRunner.run(vector, arithmetic: arithmetic)
      print(result.line)
      if !result.passed { failed += 1 }
    }
    print("\(vectors.count - failed)/\(vectors.count) vectors passed (\(arithmetic.rawValue))")
    if failed > 0 { throw ExitCode(1) }
  }
}
