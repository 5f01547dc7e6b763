import Foundation

/// Which slice of a plan's runs this process executes: run `g` (0-based global index) belongs to
/// shard `g mod count`. The slice depends only on the index and `count`, and no seed depends on
/// either, so results never depend on how a plan is sharded.
public struct ShardSelection: Sendable, Equatable, CustomStringConvertible {
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Whether global run `g` is in this shard.
  public func contains(_ g: Int) -> Bool { g % count == index }

  public var description: String { "shard \(index) of \(count)" }

  /// The file name of this shard's manifest: `shard-0003-of-0016.json`.
  public var manifestName: String {
    let width = max(4, String(count - 1).count)
    func pad(_ value: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "shard-\(pad(index))-of-\(pad(count)).json"
  }

  /// Resolves `--shard I --of N` with the scheduler's environment.
  ///
  /// - `I`: `--shard`, else `SLURM_ARRAY_TASK_ID`, else `JOB_COMPLETION_INDEX` (Kubernetes
  ///   Indexed Jobs). `N`: `--of`, else `SLURM_ARRAY_TASK_COUNT` when `I` came from Slurm.
  /// - The environment is read only when `--of` is given, or when both Slurm variables are set.
  ///   Array indices must run 0..N-1.
  /// - Returns: `nil` for an unsharded run, with a note saying where the values came from.
  public static func resolve(shard: Int?, of count: Int?, environment: [String: String]) throws(ExperimentError)
    -> (selection: ShardSelection?, note: String?)
  {
    func number(_ name: String) throws(ExperimentError) -> Int? {
      guard let text = environment[name] else { return nil }
      guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
        throw .usage("\(name)='\(text)' is not a whole number")
      }
      return value
    }
    var index = shard
    var total = count
    var sources: [String] = []
    let slurmIndex = try number("SLURM_ARRAY_TASK_ID")
    let slurmCount = try number("SLURM_ARRAY_TASK_COUNT")
    if index == nil, total != nil || (slurmIndex != nil && slurmCount != nil) {
      if let slurmIndex {
        index = slurmIndex
        sources.append("SLURM_ARRAY_TASK_ID")
        if total == nil, let slurmCount {
          total = slurmCount
          sources.append("SLURM_ARRAY_TASK_COUNT")
        }
      } else if let jobIndex = try number("JOB_COMPLETION_INDEX") {
        index = jobIndex
        sources.append("JOB_COMPLETION_INDEX")
      }
    }
    switch (index, total) {
    case (nil, nil): return (nil, nil)
    case (nil, .some):
      throw .usage("--of needs --shard I (or SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX in the environment)")
    case (.some, nil): throw .usage("--shard needs --of N")
    case (.some(let i), .some(let n)):
      guard n >= 1 else { throw .usage("--of must be at least 1, got \(n)") }
      guard i >= 0, i < n else { throw .usage("shard index \(i) is outside 0...\(n - 1)") }
      let note = sources.isEmpty ? nil : "shard \(i) of \(n) (from \(sources.joined(separator: ", ")))"
      return (ShardSelection(index: i, count: n), note)
    }
  }
}
