import Recording

/// What a replication's World did and how often its conservation invariants were checked: the
/// `health` block of a run's `manifest.json` (summed over replications), read by `taosim check`.
///
/// Checks are counted at the points every build checks (after each event that recorded a row,
/// and at the end of the run), so the block is byte-identical in debug and release; the extra
/// per-event checks of debug builds are not counted here. A violation fails the run, so a
/// written block normally shows 0 violations; `taosim check` fails on any other value.
public struct RunHealth: Sendable, Equatable {
  public var events: Int
  public var epochs: Int
  public var failedEpochs: Int
  public var refusedActions: Int
  public var invariantChecks: Int
  public var violations: Int

  public init(events: Int, epochs: Int, failedEpochs: Int, refusedActions: Int, invariantChecks: Int, violations: Int) {
    self.events = events
    self.epochs = epochs
    self.failedEpochs = failedEpochs
    self.refusedActions = refusedActions
    self.invariantChecks = invariantChecks
    self.violations = violations
  }

  /// The sum of two replications' counts.
  static func + (a: RunHealth, b: RunHealth) -> RunHealth {
    RunHealth(
      events: a.events + b.events, epochs: a.epochs + b.epochs, failedEpochs: a.failedEpochs + b.failedEpochs,
      refusedActions: a.refusedActions + b.refusedActions, invariantChecks: a.invariantChecks + b.invariantChecks,
      violations: a.violations + b.violations)
  }

  /// The manifest's `health` object.
  var json: JSONValue {
    .object([
      "events": .integer(Int64(events)), "epochs": .integer(Int64(epochs)),
      "failed_epochs": .integer(Int64(failedEpochs)), "refused_actions": .integer(Int64(refusedActions)),
      "invariant_checks": .integer(Int64(invariantChecks)), "violations": .integer(Int64(violations)),
      "checked_at": .string("every event that recorded a row, and the end of each replication"),
    ])
  }
}
