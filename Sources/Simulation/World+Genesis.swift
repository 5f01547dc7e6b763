import Agents
import Consensus
import Emission
import EpochTypes
import NetworkModel
import SimCore

extension World {
  /// The most alpha (base units) a subnet may hold at genesis, pool reserve and stakes together:
  /// 2^62 (about 4.6 × 10⁹ alpha), so emission and trading can never overflow 64-bit amounts.
  public static let genesisAlphaLimit: UInt64 = 1 << 62

  /// Builds block-0 state: the outside world holds the initial issuance; root validators,
  /// subnets (pool, owner, validators, agent neurons, miners), nominators and agents are funded
  /// from it, so TAO is conserved exactly from the start. Alpha stake placed at genesis is minted
  /// as outstanding alpha.
  mutating func buildGenesis() throws {
    let c = config
    let g = c.genesis
    state.coldkeys[0].balance = g.initialIssuance
    state.taoIssuance = g.initialIssuance
    state.taoLedger.genesis = g.initialIssuance
    pieceStartIssuance = g.initialIssuance
    let genesisStream = streams.stream("genesis")

    // Root validators: own coldkey, root stake.
    var rootHotkeys: [HotkeyID] = []
    for stake in genesisRootStakes(genesisStream) {
      guard let coldkey = state.createColdkey(fundedWith: stake) else {
        throw WorldError.genesisExceedsIssuance(needed: stake, issued: g.initialIssuance)
      }
      let hotkey = newHotkey(owner: coldkey, role: .honestValidator)
      state.addRootStake(stake, coldkey: coldkey, hotkey: hotkey)
      rootHotkeys.append(hotkey)
    }

    // Agent coldkeys (hotkeys are placed per subnet below).
    var agentColdkeys: [ColdkeyID] = []
    for spec in c.agents {
      guard let coldkey = state.createColdkey(fundedWith: spec.balance) else {
        throw WorldError.genesisExceedsIssuance(needed: spec.balance, issued: g.initialIssuance)
      }
      agentColdkeys.append(coldkey)
    }
    var agentHotkeys: [[(subnet: SubnetID, hotkey: HotkeyID)]] = c.agents.map { _ in [] }

    for index in 1...max(1, c.subnetCount) where c.subnetCount >= 1 {
      let id = SubnetID(index)
      let hyper = c.hyperparameters(forSubnet: index)
      let stakeStream = streams.stream("genesis.stake", entity: UInt64(index))
      let utilityStream = streams.stream("genesis.utility", entity: UInt64(index))
      guard let owner = state.createColdkey(fundedWith: 0) else { throw WorldError.genesisExceedsIssuance(needed: 0, issued: 0) }
      let ownerHotkey = newHotkey(owner: owner, role: .owner)
      let pool = genesisPool(index)
      var genesisAlpha = pool.alphaReserve
      func mint(_ alpha: UInt64) throws(WorldError) {
        let (total, overflow) = genesisAlpha.addingReportingOverflow(alpha)
        guard !overflow, total <= Self.genesisAlphaLimit else { throw .genesisAlphaTooLarge(subnet: index) }
        genesisAlpha = total
      }
      try mint(0)
      guard state.coldkeys[0].balance >= pool.taoReserve else {
        throw WorldError.genesisExceedsIssuance(needed: pool.taoReserve, issued: g.initialIssuance)
      }
      state.coldkeys[0].balance -= pool.taoReserve
      var subnet = Subnet(
        id: id, hyper: hyper, ownerColdkey: owner, ownerHotkey: ownerHotkey,
        registeredAt: genesisRegistrationBlock(index), pool: pool)
      subnet.emaPrice = g.initialEMAPrice ?? min(1, g.initialPrice)
      applySnapshotState(&subnet, index)
      _ = subnet.appendNeuron(ownerHotkey, at: 0)
      // Validators: root validators first, then this subnet's own.
      for (k, alpha) in genesisValidatorStakes(index, stakeStream).enumerated() {
        try mint(alpha)
        let hotkey: HotkeyID
        if k < rootHotkeys.count {
          hotkey = rootHotkeys[k]
        } else {
          let coldkey = state.createColdkey(fundedWith: 0)!
          hotkey = newHotkey(owner: coldkey, role: .honestValidator)
        }
        subnet.depositAlpha(alpha, hotkey: hotkey, coldkey: state.hotkeys[hotkey.index].owner)
        subnet.ledger.mintedOut += alpha
        _ = subnet.appendNeuron(hotkey, at: 0)
      }
      // Agent neurons.
      let firstAgentUID = subnet.n
      for (a, spec) in c.agents.enumerated() {
        for p in spec.placements where p.subnet == index {
          for _ in 0..<p.count {
            try mint(p.alphaStake)
            let hotkey = newHotkey(owner: agentColdkeys[a], role: spec.role)
            utility.utility[hotkey.index] = p.utility
            subnet.depositAlpha(p.alphaStake, hotkey: hotkey, coldkey: agentColdkeys[a])
            subnet.ledger.mintedOut += p.alphaStake
            _ = subnet.appendNeuron(hotkey, at: 0)
            agentHotkeys[a].append((id, hotkey))
          }
        }
      }
      // Honest miners fill the rest; one utility draw per slot after the validators, whoever holds
      // it, so agent neurons placed here do not shift the honest miners' utilities.
      let profile = c.subnetUtility.profile(netuid: index, streams: streams)
      for _ in firstAgentUID..<subnet.n { _ = c.miners.distribution.draw(utilityStream) }
      while subnet.n < c.uidsPerSubnet {
        let coldkey = state.createColdkey(fundedWith: 0)!
        let hotkey = newHotkey(owner: coldkey, role: .honestMiner)
        let drawn = profile.utility(c.miners.distribution.draw(utilityStream))
        guard drawn.isFinite, drawn >= 0 else { throw WorldError.nonFiniteUtility(subnet: index, value: drawn) }
        utility.utility[hotkey.index] = drawn
        _ = subnet.appendNeuron(hotkey, at: 0)
      }
      // Stake copies and genesis permits (top-K by stake weight, as a running network has).
      for uid in 0..<subnet.n {
        let h = subnet.hotkeys[uid]
        subnet.chain.alphaStake[uid] = subnet.alphaStake(of: h)
        subnet.chain.rootStake[uid] = state.rootStake(of: h)
        homeSubnet[h.index] = Int32(index)
      }
      subnet.chain.validatorPermit = Self.topK(subnet.chain, k: hyper.epoch.maxAllowedValidators, tau: c.chain.tau)
      addSubnetSlot(subnet)
      autoParentAtGenesis(index)
      runtimes[index].utilityProfile = profile
    }

    // Nominators.
    var nominatorColdkeys: [ColdkeyID] = []
    for _ in 0..<c.nominators.count {
      guard let coldkey = state.createColdkey(fundedWith: c.nominators.initialBalance) else {
        throw WorldError.genesisExceedsIssuance(needed: c.nominators.initialBalance, issued: g.initialIssuance)
      }
      nominatorColdkeys.append(coldkey)
    }
    utility.subnetVersion = Array(repeating: 0, count: state.subnets.count)

    // Agents: per subnet honest miners and validators, root validators, nominators, then the
    // configured agents. Phases are drawn from a dedicated stream per cohort.
    for id in state.subnetIDs {
      let phases = streams.stream("phase", entity: UInt64(id.rawValue))
      addAgent(
        HonestMiners(subnet: id, parameters: c.miners, streams: streams, start: 0, profile: runtimes[id.index].utilityProfile),
        key: "honest-miners", entity: UInt64(id.rawValue))
      let phase = 1 + Int64(phases.uniformInt(below: Int(max(1, c.validators.weightIntervalBlocks))))
      addAgent(
        HonestValidators(subnet: id, parameters: c.validators, streams: streams, phase: phase),
        key: "honest-validators", entity: UInt64(id.rawValue))
    }
    if !rootHotkeys.isEmpty {
      addAgent(
        RootValidators(hotkeys: rootHotkeys, sigma: c.validators.weightSigma, intervalBlocks: 7_200, phase: 1, streams: streams),
        key: "root-validators", entity: 0)
      addChildKeyDelegators(rootHotkeys)
    }
    if !nominatorColdkeys.isEmpty {
      addAgent(
        Nominators(
          coldkeys: nominatorColdkeys, subnets: state.subnetIDs, parameters: c.nominators, streams: streams,
          phase: c.nominators.intervalBlocks / 2),
        key: "nominators", entity: 0)
    }
    // Configured agents' streams are keyed by their stable names, never by their index.
    for (a, (spec, name)) in zip(c.agents, AgentSpec.stableNames(c.agents)).enumerated() {
      let owner = "configured." + name
      let setup = AgentSetup(
        coldkey: agentColdkeys[a], hotkeys: agentHotkeys[a], streams: streams.owned(by: owner), name: name, start: 0)
      addAgent(spec.make(setup), key: owner, entity: 0)
    }
    addEconomyAgents()
  }

  /// Creates a hotkey and grows the per-hotkey side tables.
  mutating func newHotkey(owner: ColdkeyID, role: NeuronClass) -> HotkeyID {
    let h = state.createHotkey(owner: owner, role: role)
    utility.utility.append(0)
    homeSubnet.append(-1)
    return h
  }

  /// Adds (or re-fills) a subnet slot with its per-subnet side tables.
  mutating func addSubnetSlot(_ subnet: Subnet) {
    let index = subnet.id.index
    while state.subnets.count <= index {
      state.subnets.append(nil)
      runtimes.append(SubnetRuntime())
      utility.subnetVersion.append(0)
    }
    state.subnets[index] = subnet
    runtimes[index].open(uids: subnet.n, at: state.block)
    utility.subnetVersion[index] &+= 1
  }

  mutating func addAgent(_ strategy: any AgentStrategy, key: String, entity: UInt64) {
    agents.append(AgentSlot(strategy: strategy, rng: streams.stream("agent." + key, entity: entity)))
  }

  /// Top-K permits by stake weight α + τ·t (spec §3.3: stable ascending sort, the lower UID loses
  /// ties at the boundary; owner forced true).
  static func topK(_ chain: SubnetEpochState, k: Int, tau: Double) -> [Bool] {
    let n = chain.n
    let weight = (0..<n).map { Double(chain.alphaStake[$0]) + tau * Double(chain.rootStake[$0]) }
    var permit = weight.map { $0 > 0 }
    if n >= k {
      let order = (0..<n).sorted { (weight[$0], $0) < (weight[$1], $1) }
      for uid in order.prefix(n - k) { permit[uid] = false }
    }
    if let o = chain.ownerUID { permit[o] = true }
    return permit
  }

  /// Schedules the first epochs, share refresh, records and agent activations.
  ///
  /// The first network record is the genesis row (block 0, day 0): it runs right after the
  /// block-0 share refresh (same time and priority, scheduled later) and before any epoch,
  /// trade or agent of block 0; later records come every `networkEveryBlocks` at `.late`.
  mutating func scheduleStart() {
    for id in state.subnetIDs { scheduleEpoch(id) }
    queue.schedule(.shareRefresh, at: .zero, priority: .urgent)
    if config.recording.networkEveryBlocks > 0 {
      queue.schedule(.networkRecord, at: .zero, priority: .urgent)
    }
    for a in agents.indices {
      if let first = agents[a].strategy.firstActivation(start: 0) {
        queue.schedule(.agent(a), at: SimTime(blocks: max(0, first)), priority: .agent)
      }
    }
  }

  mutating func scheduleEpoch(_ id: SubnetID) {
    // Read in place (`let s = state.subnets[…]!` copied the subnet at every epoch).
    let next = state.subnets.withUnsafeBufferPointer { $0[id.index]!.nextEpochBlock }
    let at = max(state.block, next)
    queue.schedule(.epoch(id, generation: runtimes[id.index].generation), at: SimTime(blocks: at), priority: .normal)
  }
}
