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
/// 3. every name that becomes a path (run folders, sweep folders, file names in markers) is a
///    valid ``PathName`` and lands under the output folder; every source file's digest matches;
/// 4. only then are run folders copied (each staged and swapped in whole), and for sweeps
///    `sweep.json` and, last, `sweep.csv`.
/// Nothing is written or deleted unless every check passes. Shard manifests are not copied.
public enum Merge {
  /// Why a merge was refused.
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    /// One line per problem (missing runs are named `missing run …`).
    public var problems: [String]
    /// Run folders already swapped in when a problem stopped the merge during copying (0 for
    /// every refusal found by the checks, which run before anything is written).
    public var writtenRuns = 0
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
  /// Every check runs before the first write: names from shard manifests and markers must be
  /// valid path names (``PathName``) whose destinations lie under `output` (``OutputRoot``),
  /// every source file's digest must match its marker, and each sweep's `sweep.json` must be
  /// present and of the same version. A refused merge writes and deletes nothing. Each run
  /// folder is then copied under its lock into a staged folder and swapped in whole.
  ///
  /// - Throws: ``Refusal`` (exit 1) when runs are missing, incomplete, unsafe or from another
  ///   scenario version; ``ExperimentError`` for unusable paths.
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
    let root = OutputRoot(output)
    var located: [(plan: Plan, sources: [(ExpectedRun, URL, CompletionMarker)], sweepPlan: (URL, String)?)] = []
    for plan in plans {
      var sources: [(ExpectedRun, URL, CompletionMarker)] = []
      for run in plan.runs {
        do {
          _ = try root.confined(run.folder)
        } catch {
          problems.append("run \(run.folder) (#\(run.index)): \(error)")
          continue
        }
        var found: (URL, CompletionMarker)?
        var wrongVersion: String?
        var unsafe: String?
        for input in inputs {
          let folder = input.appendingPathComponent(run.folder)
          guard let marker = CompletionMarker.read(from: folder) else { continue }
          guard marker.runID == run.runID else {
            wrongVersion = marker.runID
            continue
          }
          if let bad = marker.files.keys.sorted().first(where: { PathName.problem($0) != nil }) {
            unsafe = "\(folder.path)/\(CompletionMarker.fileName) lists an unsafe file name: \(PathName.problem(bad)!)"
            continue
          }
          if marker.sizesMatch(in: folder), marker.digestsMatch(in: folder) {
            found = (folder, marker)
            break
          }
        }
        if let found {
          sources.append((run, found.0, found.1))
        } else if let unsafe {
          problems.append("run \(run.folder) (#\(run.index)): \(unsafe)")
        } else if let wrongVersion {
          problems.append(
            "run \(run.folder) (#\(run.index)) comes from a different scenario version: run id \(wrongVersion), expected \(run.runID)")
        } else {
          problems.append("missing run \(run.folder) (#\(run.index), run id \(run.runID)): absent or incomplete")
        }
      }
      var sweepPlan: (URL, String)?
      if let sweepFolder = plan.sweepFolder {
        do {
          _ = try root.confined(sweepFolder)
          let url = try findSweepPlan(sweepFolder, in: inputs)
          let text = try String(contentsOf: url, encoding: .utf8)
          guard try JSONValue.parse(text, source: url.path)["sweep_id"]?.stringValue == plan.planID else {
            throw Refusal(problems: ["\(url.path) belongs to another sweep version"])
          }
          sweepPlan = (url, text)
        } catch let refusal as Refusal {
          problems += refusal.problems
        } catch {
          problems.append("sweep \(sweepFolder): \(error)")
        }
      }
      located.append((plan, sources, sweepPlan))
    }
    guard problems.isEmpty else { throw Refusal(problems: problems) }
    var copied = 0
    var written = 0
    var report: [(String, Int)] = []
    do {
      for (plan, sources, sweepPlan) in located {
        for (run, folder, marker) in sources {
          copied += try copyRun(from: folder, marker: marker, to: try root.confined(run.folder))
          written += 1
        }
        if let sweepFolder = plan.sweepFolder, let (_, text) = sweepPlan {
          let destination = try root.confined(sweepFolder)
          try AtomicFile.write(text, to: destination.appendingPathComponent(SweepPlan.planFileName))
          try SweepPlan.writeIndex(plan: try JSONValue.parse(text, source: SweepPlan.planFileName), into: destination)
          copied += 2
          report.append(("sweep \(sweepFolder)", plan.runs.count))
        } else {
          report.append(("batch \(plan.key)", plan.runs.count))
        }
      }
    } catch var refusal as Refusal {
      refusal.writtenRuns = written
      throw refusal
    } catch {
      throw Refusal(problems: ["\(error)"], writtenRuns: written)
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
              let runID = item["run_id"]?.stringValue
            else {
              problems.append("\(url.path) lists a malformed run")
              continue
            }
            if let problem = PathName.relativeProblem(runFolder) {
              problems.append("\(url.path) lists an unsafe run folder: \(problem)")
              continue
            }
            runs.append(ExpectedRun(index: Int(index), folder: runFolder, runID: runID))
            if let name = item["scenario_name"]?.stringValue, !names.contains(name) { names.append(name) }
          }
          let planKey = json["plan_key"]?.stringValue ?? key
          if let sweepFolder = json["sweep_folder"]?.stringValue, let problem = PathName.relativeProblem(sweepFolder) {
            problems.append("\(url.path) names an unsafe sweep folder: \(problem)")
            continue
          }
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

  /// Copies a run's files (verifying each against the marker) into a staged folder beside the
  /// destination, the marker last, and swaps it in under the destination's lock; on any
  /// mismatch the staged copy is dropped and the destination is left as it was.
  static func copyRun(from source: URL, marker: CompletionMarker, to destination: URL) throws -> Int {
    if source.standardizedFileURL.path == destination.standardizedFileURL.path { return 0 }
    let lock = try FolderLock(destination)
    defer { lock.release() }
    let staged = try StagedFolder(destination: destination)
    do {
      for name in marker.files.keys.sorted(by: JSONValue.byteOrder) {
        let expected = marker.files[name]!
        guard let handle = FileHandle(forReadingAtPath: source.appendingPathComponent(name).path) else {
          throw Refusal(problems: ["\(source.path)/\(name) cannot be read"])
        }
        defer { try? handle.close() }
        let file = try AtomicFile(destination: staged.staging.appendingPathComponent(name))
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(bytes: [UInt8](chunk)) }
        let (bytes, digest) = try file.commit()
        guard bytes == expected.bytes, digest.hex == expected.digest else {
          throw Refusal(problems: ["\(source.path)/\(name) does not match its completion marker (altered or truncated)"])
        }
      }
      try Durability.syncContents(of: staged.staging)
      try marker.write(into: staged.staging)
      try staged.commit()
    } catch {
      staged.discard()
      throw error
    }
    return marker.files.count + 1
  }
}
