import Agents
import NetworkModel

/// The economy's agents at genesis: the yield stakers (``YieldStakers``) and one
/// ``SubnetEconomy`` per subnet. Both are added after every other agent and only when configured,
/// so worlds without them keep their agents, coldkeys and draws.
extension World {
  /// Creates the stakers' coldkeys, hands each its share of the genesis validators' own stake,
  /// and adds the economy's agents.
  mutating func addEconomyAgents() {
    let c = config
    if c.stakers.count > 0, !state.subnetIDs.isEmpty {
      let live = state.subnetIDs
      var coldkeys: [ColdkeyID] = []
      var positions: [SubnetID] = []
      for k in 0..<c.stakers.count {
        coldkeys.append(state.createColdkey(fundedWith: 0)!)
        positions.append(live[k % live.count])
      }
      for (j, id) in live.enumerated() {
        let here = coldkeys.indices.filter { $0 % live.count == j }.map { coldkeys[$0] }
        if !here.isEmpty { carveStake(on: id, to: here, share: c.stakers.stakeShare) }
      }
      addAgent(
        YieldStakers(
          coldkeys: coldkeys, positions: positions, parameters: c.stakers, streams: streams,
          phase: c.stakers.intervalBlocks / 2),
        key: "yield-stakers", entity: 0)
    }
    if c.economics.enabled {
      for id in state.subnetIDs {
        addAgent(
          SubnetEconomy(subnet: id, parameters: c.economics, streams: streams, phase: c.economics.intervalBlocks / 4),
          key: "economy", entity: UInt64(id.rawValue))
      }
    }
  }

  /// Gives `stakers` ⌊share × stake⌋ of each honest validator's own alpha on `subnet` (the
  /// validator at position v among them to staker v mod count): ownership only — the hotkey's
  /// stake, the pool and alpha outstanding do not change.
  mutating func carveStake(on subnet: SubnetID, to stakers: [ColdkeyID], share: Double) {
    var s = takeSubnet(subnet.index)
    defer { state.subnets[subnet.index] = s }
    var v = 0
    for uid in 0..<s.n {
      let hotkey = s.hotkeys[uid]
      guard state.hotkeys[hotkey.index].role == .honestValidator else { continue }
      let owner = state.hotkeys[hotkey.index].owner
      let held = s.alphaPoolOfHotkey[hotkey].map { s.alphaPools[$0].value(of: owner) } ?? 0
      let carved = FixedMath.floorAmount(Double(held) * share)
      if carved > 0 {
        let moved = s.withdrawAlpha(carved, hotkey: hotkey, coldkey: owner)
        s.depositAlpha(moved, hotkey: hotkey, coldkey: stakers[v % stakers.count])
      }
      v += 1
    }
  }
}
