import Recording
import ScenarioIO

/// Why an experiment command could not do its job (scenario problems are ``ScenarioError``).
public enum ExperimentError: Error, Sendable, CustomStringConvertible {
  /// A file could not be written or read.
  case recording(RecordingError)
  /// The model refused its configuration (after the scenario was read).
  case model(String)
  /// A path given on the command line is unusable.
  case badPath(String, String)
  /// Something about shards or merging is wrong.
  case shards(String)
  /// A run failed while simulating.
  case runFailed(run: String, reason: String)
  /// Options that contradict each other.
  case usage(String)

  public var description: String {
    switch self {
    case .recording(let error): error.description
    case .model(let message): "the model refused the scenario: \(message)"
    case .badPath(let path, let reason): "\(path): \(reason)"
    case .shards(let message): message
    case .runFailed(let run, let reason): "run \(run) failed: \(reason)"
    case .usage(let message): message
    }
  }

  /// Wraps any error thrown while writing results.
  static func wrap(_ error: any Error) -> ExperimentError {
    if let error = error as? ExperimentError { return error }
    if let error = error as? RecordingError { return .recording(error) }
    return .runFailed(run: "?", reason: "\(error)")
  }
}
