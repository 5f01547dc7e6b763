import Agents
import NetworkModel
import SimCore

/// What a run did.
public struct RunSummary: Sendable, Equatable {
  /// The last block simulated.
  public var finalBlock: Int64
  /// TAO issuance at the end (rao).
  public var finalIssuance: UInt64
  /// Counters.
  public var counters: WorldCounters
}

extension World {
  /// Handles one event (the only place the World changes during a run); records go to
  /// `observer`.
  mutating func handle<O: WorldObserver>(_ event: WorldEvent, at time: SimTime, observer: inout O) -> RunControl {
    state.block = time.blocks
    counters.events += 1
    switch event {
    case .epoch(let id, let g):
      if id.index < runtimes.count, runtimes[id.index].generation == g, runEpochSlot(id) {
        recordSubnetIfDue(id.index, observer: &observer)
      }
    case .agent(let a):
      activate(a)
    case .shareRefresh:
      refreshShares()
      processRootClaims()
      queue.schedule(.shareRefresh, at: time + config.shareRefreshBlocks, priority: .urgent)
    case .networkRecord:
      recordNetwork(observer: &observer)
      queue.schedule(.networkRecord, at: time + config.recording.networkEveryBlocks, priority: .late)
    }
    if counters.epochFailure != nil { return .stop }
    if recordedSinceCheck {
      recordedSinceCheck = false
      if !checkInvariants(after: "\(event)") { return .stop }
    } else {
      #if SIM_INTERNAL_CHECKS
        if !checkInvariants(after: "\(event)", extra: true) { return .stop }
      #endif
    }
    return .proceed
  }

  /// Runs until `block` (default: the configured horizon), streaming records to `observer`.
  ///
  /// The conservation invariants are checked after every event that recorded a row and at the
  /// end (debug builds: after every event); the run stops at the first violation, which
  /// ``WorldCounters/firstViolation`` describes, and at the first failed epoch
  /// (``WorldCounters/epochFailure``).
  ///
  /// Can be called repeatedly with increasing blocks to step a world. At the end every subnet is
  /// accrued to the final block, so the state is complete.
  @discardableResult
  public mutating func run<O: WorldObserver>(until block: Int64? = nil, observer: inout O) -> RunSummary {
    let horizon = SimTime(blocks: block ?? config.horizonBlocks)
    while let (time, event) = queue.popNext(notAfter: horizon) {
      guard let event, handle(event, at: time, observer: &observer) == .proceed else { break }
    }
    if horizon.blocks > state.block {
      state.block = horizon.blocks
    }
    for index in runtimes.indices where runtimes[index].live { accrue(index) }
    advanceIssuance(to: state.block)
    if counters.invariantViolations == 0 { _ = checkInvariants(after: "the end of the run", everything: true) }
    return RunSummary(finalBlock: state.block, finalIssuance: state.taoIssuance, counters: counters)
  }

  /// Runs to the horizon, discarding records.
  @discardableResult
  public mutating func run(until block: Int64? = nil) -> RunSummary {
    var none = NullObserver()
    return run(until: block, observer: &none)
  }

  /// One agent activation: observe, decide, apply, reschedule.
  mutating func activate(_ a: Int) {
    counters.activations += 1
    let actions = decide(a)
    for action in actions { apply(action) }
    if let next = agents[a].strategy.nextActivation(after: state.block), next > state.block {
      queue.schedule(.agent(a), at: SimTime(blocks: next), priority: .agent)
    }
  }

  /// Lets agent `a` observe and decide. The observation shares the state's storage and is gone
  /// before any action is applied (so applying never copies arrays).
  mutating func decide(_ a: Int) -> [AgentAction] {
    let observation = Observation(block: state.block, network: state, utility: utility)
    return agents[a].strategy.act(observing: observation, rng: agents[a].rng)
  }
}
