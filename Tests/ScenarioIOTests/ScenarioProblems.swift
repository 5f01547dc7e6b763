import Foundation
import TestSupport

@testable import ScenarioIO

/// Loads `text` as `name` in a fresh folder with `overrides` and returns the printed problems,
/// folder prefix removed (empty when it loads).
func scenarioProblems(_ text: String, name: String = "s.yaml", overrides: [String] = []) throws -> [String] {
  let folder = try TemporaryFolder()
  let path = try folder.write(name, text)
  do {
    _ = try ScenarioLoader.load(path: path, overrides: overrides)
    return []
  } catch {
    return error.problems.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
  }
}
