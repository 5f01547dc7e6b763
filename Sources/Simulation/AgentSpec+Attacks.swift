import Agents
import NetworkModel

/// Builders for the attacks of `Sources/Agents/Attacks`: each returns the World's ``AgentSpec``
/// (class tag, genesis placement, funding and strategy) for one configured attack.
///
/// Stakes are in base units of alpha, balances in rao. Subnets are netuids (1-based). Hotkeys of
/// one attack share its coldkey; the World places them subnet by subnet in placement order.
extension AgentSpec {
  /// A weight copier with `count` validator hotkeys of `stake` alpha each on every subnet in `subnets`.
  public static func copier(
    name: String = "copier", parameters: WeightCopierParameters, subnets: [Int], count: Int, stake: UInt64
  ) -> AgentSpec {
    AgentSpec(
      name: name, role: .attacker(name.hasPrefix("copier") ? name : "copier-" + name),
      placements: subnets.map { AgentPlacement(subnet: $0, count: count, alphaStake: stake) }
    ) { setup in
      WeightCopier(parameters: parameters, hotkeys: setup.hotkeys)
    }
  }

  /// A cabal: validators and miners placed per ``Coalition`` (spec §15.3's colluding set).
  public static func cabal(name: String = "cabal", parameters: CabalParameters, coalition: Coalition) -> AgentSpec {
    AgentSpec(name: name, role: .attacker(name), placements: coalition.placements) { setup in
      let (v, m) = split(setup.hotkeys, first: coalition.validators)
      return Cabal(parameters: parameters, validators: v, miners: m, start: setup.start)
    }
  }

  /// Self-dealing validators and the miners they own, placed per ``Coalition``.
  public static func selfDealing(name: String = "self-dealing", parameters: SelfDealingParameters, coalition: Coalition)
    -> AgentSpec
  {
    AgentSpec(name: name, role: .attacker(name), placements: coalition.placements) { setup in
      let (v, m) = split(setup.hotkeys, first: coalition.validators)
      return SelfDealingValidator(
        parameters: parameters, validators: v, miners: m, streams: setup.streams, start: setup.start)
    }
  }

  /// A sybil owner funded with `balance` rao that registers miner UIDs on `subnets` during the run.
  public static func sybil(name: String = "sybil", parameters: SybilParameters, subnets: [Int], balance: UInt64)
    -> AgentSpec
  {
    AgentSpec(name: name, role: .attacker("sybil"), balance: balance) { setup in
      SybilRegistrar(
        parameters: parameters, coldkey: setup.coldkey, subnets: subnets.map { SubnetID($0) }, start: setup.start)
    }
  }

  /// Stake whales: per subnet `count` whale validators of `stake` alpha each, plus the delegation
  /// they attract on those subnets; the coldkey starts with `balance` rao.
  public static func whales(
    name: String = "whales", parameters: StakeWhaleParameters, subnets: [Int], count: Int, stake: UInt64,
    balance: UInt64 = 0
  ) -> AgentSpec {
    AgentSpec(
      name: name, role: .attacker("whale"), balance: balance,
      placements: subnets.map { AgentPlacement(subnet: $0, count: count, alphaStake: stake) }
    ) { setup in
      StakeWhales(
        parameters: parameters, coldkey: setup.coldkey, whales: setup.hotkeys, subnets: subnets.map { SubnetID($0) },
        streams: setup.streams, start: setup.start)
    }
  }

  /// Splits hotkeys placed subnet by subnet into the first `first` of each subnet and the rest.
  static func split(_ hotkeys: [(subnet: SubnetID, hotkey: HotkeyID)], first: Int)
    -> ([(subnet: SubnetID, hotkey: HotkeyID)], [(subnet: SubnetID, hotkey: HotkeyID)])
  {
    var head: [(subnet: SubnetID, hotkey: HotkeyID)] = []
    var tail: [(subnet: SubnetID, hotkey: HotkeyID)] = []
    var seen: [SubnetID: Int] = [:]
    for entry in hotkeys {
      let k = seen[entry.subnet, default: 0]
      seen[entry.subnet] = k + 1
      if k < first { head.append(entry) } else { tail.append(entry) }
    }
    return (head, tail)
  }
}

extension Coalition {
  /// The genesis placements: per subnet the validators, then the miners.
  public var placements: [AgentPlacement] {
    subnets.flatMap {
      [AgentPlacement(subnet: $0, count: validators, alphaStake: stake),
       AgentPlacement(subnet: $0, count: miners, utility: minerUtility)]
    }
  }
}
