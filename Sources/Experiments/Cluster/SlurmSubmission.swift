/// What `taosim slurm` needs to write a sharded sweep's job scripts.
///
/// The contract every cluster template follows (Slurm here, Kubernetes in
/// `docs/kubernetes-indexed-job.yaml`): shard `I` of `N` runs
/// `taosim sweep SCENARIO --shard I --of N --out SHARDS`, where `I` is the array index
/// (`SLURM_ARRAY_TASK_ID`, `JOB_COMPLETION_INDEX`) and `N` is fixed when the scripts are written
/// (never read back from `SLURM_ARRAY_TASK_COUNT`, which is 1 when a single failed shard is
/// re-submitted with `sbatch --array=K`). Once every shard has succeeded, one merge job runs
/// `taosim merge SHARDS --out OUT`, which refuses a partial sweep.
public struct SlurmSubmission: Sendable, Equatable {
  /// Absolute path of the scenario file every shard reads.
  public var scenarioPath: String
  /// Short name used for job names and the work folder (the scenario file's stem).
  public var scenarioName: String
  /// Number of shards `N` (the array is `0-(N-1)`).
  public var shards: Int
  /// Slurm partition (`--partition`), or the cluster's default when `nil`.
  public var partition: String?
  /// Wall-clock limit per shard (`--time`, any Slurm time format), or the partition's default.
  public var timeLimit: String?
  /// Slurm account to charge (`--account`), or the user's default.
  public var account: String?
  /// Absolute path of the `taosim` executable the jobs run (must be visible on the compute nodes).
  public var executable: String
  /// Absolute folder the merged results go to (what `taosim sweep --out` would have been).
  public var resultsDirectory: String
  /// Absolute folder holding the scripts, the job logs and the shards' outputs.
  public var workDirectory: String

  /// Validates and normalises a submission; every problem is reported at once.
  ///
  /// - Throws: `ClusterError.invalid` listing every problem found.
  public init(
    scenarioPath: String, scenarioName: String, shards: Int, partition: String? = nil,
    timeLimit: String? = nil, account: String? = nil, executable: String,
    resultsDirectory: String, workDirectory: String
  ) throws {
    var problems: [String] = []
    if shards < 1 { problems.append("--shards must be at least 1 (got \(shards))") }
    if shards > Self.maximumShards {
      problems.append("--shards must be at most \(Self.maximumShards) (got \(shards))")
    }
    if let partition, !Self.isSlurmName(partition, allowingComma: true) {
      problems.append("--partition '\(partition)' is not a partition name (letters, digits, '-', '_', '.', ',')")
    }
    if let account, !Self.isSlurmName(account, allowingComma: false) {
      problems.append("--account '\(account)' is not an account name (letters, digits, '-', '_', '.')")
    }
    if let timeLimit, !SlurmTimeLimit.isValid(timeLimit) {
      problems.append(
        "--time '\(timeLimit)' is not a Slurm time limit (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)")
    }
    if !Self.isSlurmName(scenarioName, allowingComma: false) {
      problems.append("scenario name '\(scenarioName)' must use only letters, digits, '-', '_' and '.'")
    }
    for (label, path) in [
      ("scenario", scenarioPath), ("taosim executable", executable),
      ("results folder", resultsDirectory), ("work folder", workDirectory),
    ] where !path.hasPrefix("/") {
      problems.append("\(label) path '\(path)' must be absolute")
    }
    // `#SBATCH --output`/`--chdir` lines carry these paths unquoted, and Slurm expands `%`.
    for (label, path) in [("results folder", resultsDirectory), ("work folder", workDirectory)]
    where !path.unicodeScalars.allSatisfy(ShellQuoting.isSafe) {
      problems.append(
        "\(label) path '\(path)' may only use letters, digits and / . _ - + = : , @ (it goes into #SBATCH lines)")
    }
    guard problems.isEmpty else { throw ClusterError.invalid(problems) }
    self.scenarioPath = scenarioPath
    self.scenarioName = scenarioName
    self.shards = shards
    self.partition = partition
    self.timeLimit = timeLimit
    self.account = account
    self.executable = executable
    self.resultsDirectory = resultsDirectory
    self.workDirectory = workDirectory
  }

  /// Largest shard count accepted; Slurm's own limit is the site's `MaxArraySize` (default 1001).
  public static let maximumShards = 100_000

  /// Folder all shards write into (each writes only its own run folders and its shard manifest
  /// under `shards/`); the merge reads it.
  public var shardsDirectory: String { workDirectory + "/shard-output" }
  /// Folder the job logs go to.
  public var logsDirectory: String { workDirectory + "/logs" }

  static func isSlurmName(_ s: String, allowingComma: Bool) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy { c in
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
          || c == "-" || c == "_" || c == "." || (allowingComma && c == ",")
      }
  }
}

/// Problems with a cluster submission request.
public enum ClusterError: Error, Equatable, CustomStringConvertible {
  /// The request is invalid; one message per problem.
  case invalid([String])
  /// A file could not be written.
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .invalid(let problems): return problems.joined(separator: "\n")
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    }
  }
}
