import Foundation
import Recording
import ScenarioIO

/// One run: a resolved scenario with its seed and replication count, its content-derived id
/// and the folder its results go to.
///
/// The run id is `seed-<seed>_reps-<n>_<12 hex digits>`, the hex being the start of the
/// SHA-256 of the run's identity (results format, resolved scenario, seed, replications and the
/// `--set` overrides), so the same inputs always name the same folder and a re-run rewrites the
/// same bytes. Never a timestamp.
public struct PlannedRun: Sendable {
  /// The scenario (after extends, overrides and, for sweep points, the point's values).
  public var scenario: LoadedScenario
  /// The root seed (the scenario's, or `--seed`, or a sweep point's).
  public var seed: UInt64
  /// Replications 0..<n.
  public var replications: Int
  /// `seed-…_reps-…_<hash>`.
  public var runID: String
  /// The full SHA-256 of ``identity``.
  public var contentHash: String
  /// The output root (`--out`) the run's folder lies under.
  public var outputRoot: URL
  /// The results folder of this run.
  public var folder: URL
  /// The folder relative to the output root (`<name>/<run id>` or `<name>/<sweep>/point-NNNN`).
  public var relativeFolder: String
  /// What the run id hashes.
  public var identity: JSONValue
  /// For sweep points: the sweep id, the point index and the point's values by key path.
  public var sweepPoint: SweepPointInfo?

  /// Plans a run of `scenario` with optional seed and replication overrides, into
  /// `outputRoot/relativeFolder` (default `outputRoot/<name>/<run id>`).
  public init(
    scenario: LoadedScenario, seed: UInt64? = nil, replications: Int? = nil, outputRoot: URL,
    relativeFolder: String? = nil, sweepPoint: SweepPointInfo? = nil
  ) {
    self.scenario = scenario
    self.seed = seed ?? scenario.spec.seed
    self.replications = replications ?? scenario.spec.replications
    identity = .object([
      "results_format": .integer(Int64(ResultsFormat.version)),
      "scenario": scenario.spec.resolved,
      "seed": .integer(Int64(bitPattern: self.seed)),
      "replications": .integer(Int64(self.replications)),
      "overrides": .array(scenario.overrides.map(JSONValue.string)),
    ])
    contentHash = SHA256.hex(identity.encoded(pretty: false))
    runID = "seed-\(self.seed)_reps-\(self.replications)_\(contentHash.prefix(12))"
    self.relativeFolder = relativeFolder ?? scenario.spec.name + "/" + runID
    self.outputRoot = outputRoot
    self.folder = outputRoot.appendingPathComponent(self.relativeFolder)
    self.sweepPoint = sweepPoint
  }

  /// The scenario's name.
  public var name: String { scenario.spec.name }
}

/// Where a sweep point's run sits in its sweep.
public struct SweepPointInfo: Sendable {
  public var sweepID: String
  public var index: Int
  /// (key path, value) in parameter order.
  public var values: [(path: String, value: JSONValue)]
  /// For design points (lhs, sobol, morris): where the point lies in the design.
  public var coordinates: DesignCoordinates? = nil
}

/// Version numbers of the result files' layout.
public enum ResultsFormat {
  /// Bumped whenever a file's layout or a column's meaning changes.
  public static let version = 1
  /// The tool version written to manifests and shown by `taosim --version`.
  public static let toolVersion = "0.1.0"
  /// The source revision the tool was built from: `git describe --always --dirty` at build time,
  /// "unknown" when built outside a git checkout. Written to manifests only, under a key that
  /// result comparisons skip; run ids and CSV bytes never depend on it.
  public static let sourceRevision = builtSourceRevision
}
