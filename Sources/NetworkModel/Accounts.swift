/// A hotkey: the key a neuron registers and stake is delegated to.
public struct Hotkey: Sendable, Equatable {
  /// The coldkey that owns the hotkey (receives the take and miner rewards).
  public var owner: ColdkeyID
  /// What the hotkey is in the model.
  public var role: NeuronClass
  /// Delegate take as u16 (spec §8.2 step 6); default from ``ChainParameters/defaultTake``.
  public var take: UInt16
  /// Index into ``NetworkState/rootPools`` once anyone stakes TAO on root to this hotkey.
  public var rootPool: Int32 = -1
  /// The block the hotkey was created.
  public var createdAt: Int64
  /// The block of the last delegate-take change (0 = never; spec §17.9).
  public var takeChangedAt: Int64 = 0

  public init(owner: ColdkeyID, role: NeuronClass, take: UInt16, createdAt: Int64) {
    self.owner = owner
    self.role = role
    self.take = take
    self.createdAt = createdAt
  }
}

/// A coldkey: a wallet with a free TAO balance.
public struct Coldkey: Sendable, Equatable {
  /// Free (unstaked) TAO in rao.
  public var balance: UInt64
  public init(balance: UInt64) { self.balance = balance }
}

/// Alpha not yet distributed: the per-block buckets a subnet's epoch drains (spec §8.1).
public struct PendingEmission: Sendable, Equatable, Hashable {
  /// `PendingOwnerCut`.
  public var owner: UInt64 = 0
  /// `PendingServerEmission` (miners).
  public var server: UInt64 = 0
  /// `PendingValidatorEmission`.
  public var validator: UInt64 = 0
  /// `PendingRootAlphaDivs`.
  public var root: UInt64 = 0
  public init() {}
  /// Σ of the buckets.
  @inlinable public var total: UInt64 { owner + server + validator + root }
}

/// Where a subnet's alpha went: the terms of its exact conservation identity.
///
/// mintedIn + mintedOut = reserve + staked + pending + protocolHeld + burned + recycled.
public struct AlphaLedger: Sendable, Equatable, Hashable {
  /// Alpha injected into the pool by the protocol (spec §9.6 alpha_in), cumulative.
  public var mintedIn: UInt64 = 0
  /// Alpha minted as outstanding (emission buckets and genesis stake), cumulative.
  public var mintedOut: UInt64 = 0
  /// Alpha bought by the protocol with excess TAO (spec §9.6 chain buys), held outside stake.
  public var protocolHeld: UInt64 = 0
  /// Alpha destroyed but still counted in issuance (owner-miner burn, spec §8.2 step 5).
  public var burned: UInt64 = 0
  /// Alpha removed from issuance (root alpha without root sell, registration buys, dust).
  public var recycled: UInt64 = 0
  public init() {}
}
