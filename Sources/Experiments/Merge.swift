import Foundation
import Recording

/// Merges shard outputs into the files an unsharded `taosim sweep` or `taosim batch` writes.
///
/// Reads every shard manifest under `DIR/shards/`, and for each plan (sweep or batch):
/// 1. all shard manifests of one scenario must name the same plan; two plans for one scenario
///    mean shards from different scenario versions (refused);
/// 2. every run the plan expects must be present in some input folder with a completion marker
///    naming the expected run id (a different id = a run from another scenario version) and
///    files matching the marker's sizes;
/// 3. only then are run folders copied (digests verified while copying), and for sweeps
///    `sweep.json` and, last, `sweep.csv`.
/// Nothing is written unless every check passes. Shard manifests are not copied.
public enum Merge {
  /// Why a merge was refused.
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    /// One line per problem (missing runs are named `missing run …`).
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
  }

  /// What was merged.
  public struct Report: Sendable {
    /// `sweep <scenario>/<sweep id>` or `batch <key>` per plan, with its run count.
    public var plans: [(label: String, runs: Int)]
    public var copiedFiles: Int
  }

  struct ExpectedRun {
    var index: Int
    var folder: String
    var runID: String
  }

  struct Plan {
    var kind: String
    var key: String
    var planID: String
    var sweepFolder: String?
    var runs: [ExpectedRun]
    var scenarioNames: [String]
    var manifests: [String]
  }

  /// Merges `inputs` into `output`.
  ///
  /// - Throws: ``Refusal`` (exit 1) when runs are missing, incomplete or from another scenario
  ///   version; ``ExperimentError`` for unusable paths.
  public static func merge(inputs: [URL], output: URL) throws -> Report {
    let plans = try readPlans(inputs)
    var problems: [String] = []
    // One plan per scenario name for sweeps: otherwise the shards come from different versions.
    var sweepsByName: [String: [String]] = [:]
    for plan in plans where plan.kind == "sweep" {
      for name in plan.scenarioNames { sweepsByName[name, default: []].append(plan.planID) }
    }
    for name in sweepsByName.keys.sorted() where Set(sweepsByName[name]!).count > 1 {
      problems.append(
        "shards of scenario '\(name)' come from different scenario versions: "
          + Set(sweepsByName[name]!).sorted().joined(separator: ", "))
    }
    var located: [(plan: Plan, sources: [(ExpectedRun, URL, CompletionMarker)])] = []
    for plan in plans {
      var sources: [(ExpectedRun, URL, CompletionMarker)] = []
      for run in plan.runs {
        var found: (URL, CompletionMarker)?
        var wrongVersion: String?
        for input in inputs {
          let folder = input.appendingPathComponent(run.folder)
          guard let marker = CompletionMarker.read(from: folder) else { continue }
          guard marker.runID == run.runID else {
            wrongVersion = marker.runID
            continue
          }
          if marker.sizesMatch(in: folder) {
            found = (folder, marker)
            break
          }
        }
        if let found {
          sources.append((run, found.0, found.1))
        } else if let wrongVersion {
          problems.append(
            "run \(run.folder) (#\(run.index)) comes from a different scenario version: run id \(wrongVersion), expected \(run.runID)")
        } else {
          problems.append("missing run \(run.folder) (#\(run.index), run id \(run.runID)): absent or incomplete")
        }
      }
      located.append((plan, sources))
    }
    guard problems.isEmpty else { throw Refusal(problems: problems) }
    var copied = 0
    var report: [(String, Int)] = []
    for (plan, sources) in located {
      for (run, folder, marker) in sources {
        copied += try copyRun(from: folder, marker: marker, to: output.appendingPathComponent(run.folder))
      }
      if let sweepFolder = plan.sweepFolder {
        let planURL = try findSweepPlan(sweepFolder, in: inputs)
        let text = try String(contentsOf: planURL, encoding: .utf8)
        let json = try JSONValue.parse(text, source: planURL.path)
        guard json["sweep_id"]?.stringValue == plan.planID else {
          throw Refusal(problems: ["\(planURL.path) belongs to another sweep version"])
        }
        let destination = output.appendingPathComponent(sweepFolder)
        try AtomicFile.write(text, to: destination.appendingPathComponent(SweepPlan.planFileName))
        try SweepPlan.writeIndex(plan: json, into: destination)
        copied += 2
        report.append(("sweep \(sweepFolder)", plan.runs.count))
      } else {
        report.append(("batch \(plan.key)", plan.runs.count))
      }
    }
    return Report(plans: report, copiedFiles: copied)
  }

  /// Reads and groups the shard manifests of every input.
  static func readPlans(_ inputs: [URL]) throws -> [Plan] {
    var plans: [String: Plan] = [:]
    var problems: [String] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ExperimentError.badPath(input.path, "not a folder")
      }
      let root = input.appendingPathComponent(ShardManifest.folderName)
      let keys = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted(by: JSONValue.byteOrder)
      for key in keys {
        let folder = root.appendingPathComponent(key)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
          .filter { $0.hasPrefix("shard-") && $0.hasSuffix(".json") }.sorted(by: JSONValue.byteOrder)
        for name in names {
          let url = folder.appendingPathComponent(name)
          guard let data = FileManager.default.contents(atPath: url.path),
            let json = try? JSONValue.parse(String(decoding: data, as: UTF8.self), source: url.path),
            let kind = json["plan_kind"]?.stringValue, let planID = json["plan_id"]?.stringValue,
            let runsJSON = json["runs"]?.arrayValue
          else {
            problems.append("\(url.path) is not a readable shard manifest")
            continue
          }
          var runs: [ExpectedRun] = []
          var names: [String] = []
          for item in runsJSON {
            guard let index = item["index"]?.integerValue, let runFolder = item["folder"]?.stringValue,
              let runID = item["run_id"]?.stringValue, !runFolder.contains("..")
            else {
              problems.append("\(url.path) lists a malformed run")
              continue
            }
            runs.append(ExpectedRun(index: Int(index), folder: runFolder, runID: runID))
            if let name = item["scenario_name"]?.stringValue, !names.contains(name) { names.append(name) }
          }
          let planKey = json["plan_key"]?.stringValue ?? key
          if var existing = plans[planKey] {
            let same = existing.runs.map(\.runID) == runs.map(\.runID) && existing.planID == planID
            if !same {
              problems.append("\(url.path) disagrees with \(existing.manifests[0]) about the runs of \(planKey)")
            }
            existing.manifests.append(url.path)
            plans[planKey] = existing
          } else {
            plans[planKey] = Plan(
              kind: kind, key: planKey, planID: planID, sweepFolder: json["sweep_folder"]?.stringValue, runs: runs,
              scenarioNames: names, manifests: [url.path])
          }
        }
      }
    }
    guard problems.isEmpty else { throw Refusal(problems: problems) }
    guard !plans.isEmpty else {
      throw ExperimentError.badPath(
        inputs.map(\.path).joined(separator: ", "),
        "no shard manifests (shards/*/shard-*.json); merge takes the --out folders of sharded sweeps or batches")
    }
    return plans.keys.sorted(by: JSONValue.byteOrder).map { plans[$0]! }
  }

  static func findSweepPlan(_ sweepFolder: String, in inputs: [URL]) throws -> URL {
    for input in inputs {
      let url = input.appendingPathComponent(sweepFolder).appendingPathComponent(SweepPlan.planFileName)
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    throw Refusal(problems: ["missing \(sweepFolder)/\(SweepPlan.planFileName) in every input"])
  }

  /// Copies a run's files (verifying each against the marker), the marker last.
  static func copyRun(from source: URL, marker: CompletionMarker, to destination: URL) throws -> Int {
    if source.standardizedFileURL.path == destination.standardizedFileURL.path { return 0 }
    try? FileManager.default.removeItem(at: destination.appendingPathComponent(CompletionMarker.fileName))
    for name in marker.files.keys.sorted(by: JSONValue.byteOrder) {
      let expected = marker.files[name]!
      guard let handle = FileHandle(forReadingAtPath: source.appendingPathComponent(name).path) else {
        throw Refusal(problems: ["\(source.path)/\(name) cannot be read"])
      }
      defer { try? handle.close() }
      let file = try AtomicFile(destination: destination.appendingPathComponent(name))
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(bytes: [UInt8](chunk)) }
      let (bytes, digest) = try file.commit()
      guard bytes == expected.bytes, digest.hex == expected.digest else {
        try? FileManager.default.removeItem(at: destination.appendingPathComponent(name))
        throw Refusal(problems: ["\(source.path)/\(name) does not match its completion marker (altered or truncated)"])
      }
    }
    try marker.write(into: destination)
    return marker.files.count + 1
  }
}
