import Foundation
import Recording

/// The record a shard leaves beside its run folders: which plan it belongs to, every run the
/// plan expects (global index, folder, run id), which of them this shard ran and how they
/// ended, and how long it took (`timing`, the only wall-clock data TaoSim writes; it lives
/// outside every results folder, under `OUT/shards/`, and merging ignores it).
///
/// `taosim merge` reads these to know what a complete plan looks like.
enum ShardManifest {
  /// `OUT/shards`.
  static let folderName = "shards"

  /// The folder of a plan's shard manifests: `OUT/shards/<plan key>`.
  static func folder(outputRoot: URL, planKey: String) -> URL {
    outputRoot.appendingPathComponent(folderName).appendingPathComponent(planKey)
  }

  static func write(
    outputRoot: URL, planKind: String, planKey: String, planID: String, sweepFolder: String?, runs: [PlannedRun],
    selection: ShardSelection, outcomes: [RunOutcome], seconds: Double
  ) throws {
    var statuses: [JSONValue] = []
    for outcome in outcomes {
      let status: String
      switch outcome.status {
      case .completed: status = "completed"
      case .skipped: status = "skipped (already complete)"
      case .failed(let reason): status = "failed: \(reason)"
      }
      statuses.append(.object(["folder": .string(outcome.run.relativeFolder), "status": .string(status)]))
    }
    var object: [String: JSONValue] = [
      "format": .string("taosim-shard"), "results_format": .integer(Int64(ResultsFormat.version)),
      "tool_version": .string(ResultsFormat.toolVersion), "plan_kind": .string(planKind),
      "plan_key": .string(planKey), "plan_id": .string(planID),
      "shard": .integer(Int64(selection.index)), "of": .integer(Int64(selection.count)),
      "runs": .array(
        runs.enumerated().map { index, run in
          .object([
            "index": .integer(Int64(index)), "folder": .string(run.relativeFolder), "run_id": .string(run.runID),
            "scenario_name": .string(run.name),
          ])
        }),
      "shard_runs": .array(statuses),
      "timing": .object(["wall_seconds": .number((seconds * 1000).rounded() / 1000)]),
    ]
    if let sweepFolder { object["sweep_folder"] = .string(sweepFolder) }
    let folder = try OutputRoot(outputRoot).confined(folderName + "/" + planKey)
    try AtomicFile.write(JSONValue.object(object).encoded(), to: folder.appendingPathComponent(selection.manifestName))
  }
}
