import NetworkModel

/// Something an agent asks the World to do. The World checks each action against the chain's
/// rules and applies it, or counts it as refused; agents never change state themselves.
public enum AgentAction: Sendable, Equatable {
  /// `set_weights` from `hotkey` at `uid` (only when commit-reveal is off on the subnet, spec §3.5).
  case setWeights(subnet: SubnetID, uid: UID, hotkey: HotkeyID, weights: WeightVector)
  /// A weight commit that is revealed `commitRevealInterval` tempos later (spec §10).
  case commitWeights(subnet: SubnetID, uid: UID, hotkey: HotkeyID, weights: WeightVector)
  /// Root weights of a root-staked hotkey over subnets, indexed by netuid (index 0 ignored).
  case setRootWeights(hotkey: HotkeyID, weights: [Double])
  /// Buys alpha with free TAO and stakes (delegates) it to `hotkey`.
  case addStake(coldkey: ColdkeyID, hotkey: HotkeyID, subnet: SubnetID, tao: UInt64)
  /// Unstakes alpha from `hotkey` and sells it for TAO.
  case removeStake(coldkey: ColdkeyID, hotkey: HotkeyID, subnet: SubnetID, alpha: UInt64)
  /// Moves alpha stake between hotkeys on one subnet (redelegation, no swap).
  case moveStake(coldkey: ColdkeyID, from: HotkeyID, to: HotkeyID, subnet: SubnetID, alpha: UInt64)
  /// Stakes free TAO on root to `hotkey`.
  case addRootStake(coldkey: ColdkeyID, hotkey: HotkeyID, tao: UInt64)
  /// Unstakes TAO from root.
  case removeRootStake(coldkey: ColdkeyID, hotkey: HotkeyID, tao: UInt64)
  /// Registers a new hotkey on `subnet` by burning the current price (spec §11.1), paid by
  /// `coldkey`, or by a new coldkey funded from outside when `coldkey` is `nil`. Refused if the
  /// price exceeds `maxBurn`. `utility` is the new neuron's latent utility (0 for validators).
  case registerNeuron(subnet: SubnetID, coldkey: ColdkeyID?, role: NeuronClass, utility: Double, maxBurn: UInt64)
  /// Sets the latent utility a miner hotkey produces (the miner's own choice of effort/quality).
  case setUtility(hotkey: HotkeyID, utility: Double)
  /// Sets a hotkey's delegate take (u16, at most the chain default ×1; spec §8.2).
  case setTake(hotkey: HotkeyID, take: UInt16)
  /// Moves TAO from the outside world into `coldkey` (an inflow of new money).
  case deposit(coldkey: ColdkeyID, tao: UInt64)
  /// Moves free TAO from `coldkey` to the outside world.
  case withdraw(coldkey: ColdkeyID, tao: UInt64)
  /// `set_children` of `hotkey` on `subnet` (spec §17.5.3): replaces its child set after the
  /// cool-down; proportions are u64 (2⁶⁴ − 1 = all of the parent's stake).
  case setChildren(subnet: SubnetID, hotkey: HotkeyID, children: [ChildLink])
  /// Sets `hotkey`'s childkey take on `subnet` (u16, spec §17.5.4; increases rate-limited).
  case setChildkeyTake(subnet: SubnetID, hotkey: HotkeyID, take: UInt16)
  /// `lock_stake`: locks `alpha` more of `coldkey`'s alpha on `subnet` to `hotkey` (spec §17.8).
  case lockStake(coldkey: ColdkeyID, hotkey: HotkeyID, subnet: SubnetID, alpha: UInt64)
  /// Registers a new subnet owned by `coldkey`, paying the lock cost if ≤ `maxLock` (spec §11.5).
  case registerSubnet(coldkey: ColdkeyID, maxLock: UInt64)
}
