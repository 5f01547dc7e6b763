import Agents
import NetworkModel

/// A read-only view of the World at one block, handed to observers (``WorldObserver``): the
/// chain-visible state, latent utilities and what each subnet's last epoch paid. Metrics are
/// computed from it outside the World.
///
/// A view shares the World's storage (copy-on-write) and lives only for the observer call that
/// receives it; keeping it past the call would make the World's next write copy its arrays.
public struct WorldView {
  /// The block of the view.
  public let block: Int64
  /// The chain-visible state.
  public let state: NetworkState
  /// Every hotkey's latent utility.
  public let utility: UtilityView
  /// The configuration the World was built from.
  public let config: WorldConfig
  /// Whether the root sell flag is set (Σ EMA prices > 1).
  public let rootSell: Bool
  /// TAO emission per block at the current issuance (rao).
  public let blockEmission: UInt64
  /// The yield totals, root-stake integral carried on to ``block``.
  public let yieldTotals: YieldTotals
  let runtimes: [SubnetRuntime]

  /// Subnet `netuid`'s TAO share of block emission in the current piece.
  public func share(_ netuid: Int) -> Double { runtimes[netuid].share }
  /// Per UID of subnet `netuid`: the validator part of its last epoch's emission (alpha base units).
  public func lastValidatorEmission(_ netuid: Int) -> [UInt64] { runtimes[netuid].lastValidatorEmission }
  /// Per UID of subnet `netuid`: whether the UID was active in its last epoch.
  public func lastActive(_ netuid: Int) -> [Bool] { runtimes[netuid].lastActive }
  /// The alpha subnet `netuid`'s last epoch distributed (base units).
  public func lastEpochAmount(_ netuid: Int) -> UInt64 { runtimes[netuid].lastEpochAmount }
  /// The owner cut subnet `netuid`'s last epoch paid (alpha base units).
  public func lastOwnerCut(_ netuid: Int) -> UInt64 { runtimes[netuid].lastOwnerCut }
  /// Whether subnet `netuid` is an emission-capture subnet (its utility profile, drawn once at
  /// genesis; subnets registered during the run are neutral).
  public func isCaptureSubnet(_ netuid: Int) -> Bool { runtimes[netuid].utilityProfile.isCapture }
}

extension World {
  /// The World as it stands, for an observer.
  var view: WorldView {
    WorldView(
      block: state.block, state: state, utility: utility, config: config, rootSell: rootSell,
      blockEmission: taoSchedule.blockEmission(state.taoIssuance),
      yieldTotals: yieldTotalsNow,
      runtimes: runtimes)
  }
}
