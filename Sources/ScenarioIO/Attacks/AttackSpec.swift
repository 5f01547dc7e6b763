import Agents

/// One configured attack of the scenario's `attacks:` list, as plain values: its kind with the
/// kind's parameters, and where the entry was written.
///
/// Stakes are in base units of alpha, balances in rao; subnets are netuids (1-based), `subnets:
/// all` already expanded to every subnet of the network. The World's agent is built from it by the
/// experiment layer's builder; a problem found there points at ``origin`` (`attacks[k]`).
public struct AttackSpec: Sendable {
  /// The attack kinds and their parameters.
  public enum Kind: Sendable {
    /// A weight copier: `count` validator hotkeys of `stake` alpha on each of `subnets`.
    case copier(name: String, parameters: WeightCopierParameters, subnets: [Int], count: Int, stake: UInt64)
    /// A cabal (spec §15.3's colluding set).
    case cabal(name: String, parameters: CabalParameters, coalition: Coalition)
    /// Self-dealing validators and the miners they own.
    case selfDealing(name: String, parameters: SelfDealingParameters, coalition: Coalition)
    /// A sybil owner with `balance` rao registering miner UIDs on `subnets`.
    case sybil(name: String, parameters: SybilParameters, subnets: [Int], balance: UInt64)
    /// Stake whales: `count` whale validators of `stake` alpha per subnet.
    case whales(name: String, parameters: StakeWhaleParameters, subnets: [Int], count: Int, stake: UInt64)
  }

  public var kind: Kind
  /// Where the entry was written (`attacks[k]`).
  public var origin: SpecOrigin

  public init(kind: Kind, origin: SpecOrigin) {
    self.kind = kind
    self.origin = origin
  }

  /// The attack's name (results and random-stream keys).
  public var name: String {
    switch kind {
    case .copier(let name, _, _, _, _), .cabal(let name, _, _), .selfDealing(let name, _, _), .sybil(let name, _, _, _),
      .whales(let name, _, _, _, _):
      name
    }
  }
}
