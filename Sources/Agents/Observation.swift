import NetworkModel

/// The latent (ground-truth) utility of every hotkey: what miners really produce.
///
/// The chain never sees it. Honest validators observe it through their own noise; metrics compare
/// incentive against it. ``subnetVersion`` changes whenever anything a validator could observe
/// about a subnet's miners changes (a utility or a UID's holder), so that agents can skip
/// recomputing unchanged views.
public struct UtilityView: Sendable {
  /// Utility per ``HotkeyID`` (0 for hotkeys that produce nothing).
  public var utility: [Double]
  /// A change counter per netuid.
  public var subnetVersion: [UInt64]

  public init(utility: [Double] = [], subnetVersion: [UInt64] = []) {
    self.utility = utility
    self.subnetVersion = subnetVersion
  }

  /// The utility of `hotkey` (0 if unknown).
  @inlinable public subscript(hotkey: HotkeyID) -> Double {
    hotkey.index < utility.count ? utility[hotkey.index] : 0
  }
}

/// What an agent sees when it acts: the chain-visible network (revealed weights only — pending
/// commits live in the World and are invisible) and the latent utility oracle.
///
/// Honest validators may read ``utility`` (they evaluate miners' work); attacks that should not
/// know the truth simply do not read it.
public struct Observation: Sendable {
  /// The block.
  public let block: Int64
  /// The network state (a copy-on-write value; reading it costs nothing).
  public let network: NetworkState
  /// The latent utility oracle.
  public let utility: UtilityView

  public init(block: Int64, network: NetworkState, utility: UtilityView) {
    self.block = block
    self.network = network
    self.utility = utility
  }
}
