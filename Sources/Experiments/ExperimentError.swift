import Recording
import ScenarioIO
import Simulation

/// Why an experiment command could not do its job (scenario problems are ``ScenarioError``).
public enum ExperimentError: Error, Sendable, CustomStringConvertible {
  /// A file could not be written or read.
  case recording(RecordingError)
  /// The model refused its configuration (after the scenario was read).
  case model(String)
  /// The World refused to build from the scenario's configuration.
  case world(WorldError)
  /// A study refused its parameters.
  case studyRefused(kind: String, any Error & Sendable)
  /// A subnet epoch failed during a run (the run stopped there).
  case epochFailed(run: String, replication: Int, EpochFailure)
  /// A path given on the command line is unusable.
  case badPath(String, String)
  /// Something about shards or merging is wrong.
  case shards(String)
  /// A run failed while simulating.
  case runFailed(run: String, reason: String)
  /// Options that contradict each other.
  case usage(String)
  /// A planned run failed (its typed failure).
  case run(String, RunFailure)
  /// An error of another layer, kept as thrown.
  case unexpected(any Error)
  /// A run that ended without a result of its own (not run, or failed with an earlier replication).
  case incomplete(String)

  public var description: String {
    switch self {
    case .recording(let error): error.description
    case .model(let message): "the model refused the scenario: \(message)"
    case .world(let error): "the model refused the scenario: \(error)"
    case .studyRefused(let kind, let error): "the model refused the scenario: \(kind) study: \(error)"
    case .epochFailed(let run, let replication, let failure): "run \(run) failed: replication \(replication): \(failure)"
    case .badPath(let path, let reason): "\(path): \(reason)"
    case .shards(let message): message
    case .runFailed(let run, let reason): "run \(run) failed: \(reason)"
    case .usage(let message): message
    case .incomplete(let message): message
    case .unexpected(let error): "run ? failed: \(error)"
    case .run(let name, let failure): "run \(name) failed: \(failure)"
    }
  }

  /// Wraps any error thrown while writing results.
  static func wrap(_ error: any Error) -> ExperimentError {
    if let error = error as? ExperimentError { return error }
    if let error = error as? RecordingError { return .recording(error) }
    return .unexpected(error)
  }
}

/// Why a run failed: the error as it was thrown (typed, never flattened on the way up) and, for a
/// simulation, the replication it happened in. Printed as `replication R: ERROR`.
public struct RunFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The error as thrown (``ExperimentError``, `RecordingError`, a study's error, …).
  public var error: any Error
  /// The replication that failed, if the failure belongs to one.
  public var replication: Int?

  public init(_ error: any Error, replication: Int? = nil) {
    self.error = error
    self.replication = replication
  }

  public var description: String { (replication.map { "replication \($0): " } ?? "") + "\(error)" }

  /// Two failures are equal when they say the same (errors are not `Equatable` in general).
  public static func == (a: RunFailure, b: RunFailure) -> Bool { a.description == b.description }
}
