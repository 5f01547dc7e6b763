import Simulation

/// The one seam through which worlds are made and run, for plain runs (``WorldKernel/run``) and
/// for studies alike: the World's refusals arrive as ``ExperimentError/world(_:)``, and a run that
/// stopped at a failed epoch or a violated invariant raises instead of returning its numbers.
extension WorldKernel {
  /// The genesis of `config` for replication `replication` of `rootSeed`.
  ///
  /// - Throws: ``ExperimentError/world(_:)`` when the World refuses the configuration.
  public static func world(_ config: WorldConfig, rootSeed: UInt64, replication: Int) throws -> World {
    do {
      return try World(config: config, rootSeed: rootSeed, replication: UInt64(replication))
    } catch let error as WorldError {
      throw ExperimentError.world(error)
    }
  }

  /// Builds and runs `config` to its horizon, streaming records to `observer`; `run` names the
  /// run (or study) in errors.
  ///
  /// - Throws: as ``world(_:rootSeed:replication:)``, and as ``check(_:run:replication:)``.
  @discardableResult
  public static func simulate<O: WorldObserver>(
    _ config: WorldConfig, run: String, rootSeed: UInt64, replication: Int, observer: inout O
  ) throws -> RunSummary {
    var world = try world(config, rootSeed: rootSeed, replication: replication)
    let summary = world.run(observer: &observer)
    try check(summary, run: run, replication: replication)
    return summary
  }

  /// Raises what stopped a run early: ``ExperimentError/epochFailed(run:replication:_:)`` for a
  /// failed epoch, ``ExperimentError/runFailed(run:reason:)`` for a violated invariant.
  static func check(_ summary: RunSummary, run: String, replication: Int) throws {
    if let failure = summary.counters.epochFailure {
      throw ExperimentError.epochFailed(run: run, replication: replication, failure)
    }
    if let violation = summary.counters.firstViolation {
      throw ExperimentError.runFailed(
        run: run, reason: "replication \(replication): a conservation invariant is violated at \(violation)")
    }
  }
}
