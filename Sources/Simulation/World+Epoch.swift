import Consensus
import Emission
import EpochTypes
import NetworkModel
import SimCore

/// A subnet's epoch slot: reveal, drain, run the Yuma epoch, distribute (spec §2, §8.2, §10).
extension World {
  /// The epoch hyperparameters of a subnet.
  public static func epochHyperparameters(_ s: Subnet, chain: ChainParameters) -> EpochHyperparameters {
    var h = s.hyper.epoch
    h.activityCutoffBlocks = s.hyper.activityCutoffBlocks
    h.taoWeight = chain.taoWeight
    h.stakeThreshold = chain.stakeThreshold
    h.commitReveal = s.hyper.commitRevealEnabled
    return h
  }

  /// Handles an epoch slot of `id` at the current block.
  ///
  /// - Returns: whether an epoch ran (so a record may be due).
  mutating func runEpochSlot(_ id: SubnetID) -> Bool {
    let index = id.index
    guard runtimes[index].live else { return false }
    if epochBlock != state.block {
      epochBlock = state.block
      epochsThisBlock = 0
    }
    // MaxEpochsPerBlock: defer without consuming the slot (spec §2).
    if epochsThisBlock >= state.chain.maxEpochsPerBlock {
      counters.deferredEpochs += 1
      queue.schedule(.epoch(id, generation: runtimes[index].generation), at: SimTime(blocks: state.block + 1), priority: .normal)
      return false
    }
    epochsThisBlock += 1
    accrue(index)
    revealCommits(index)
    var s = takeSubnet(index)
    let ran = runEpoch(&s, id)
    state.subnets[index] = consume s
    runtimes[index].dropRevealedCommits()
    scheduleEpoch(id)
    return ran
  }

  /// The epoch of `s` (taken out of the state by the caller) at the current block: stake copies,
  /// drain, the Yuma epoch, the §8.2 distribution, an owner change if due.
  ///
  /// - Returns: whether the epoch ran; on a failed epoch the slot is consumed, nothing is drained
  ///   (spec §2), and ``WorldCounters/epochFailure`` stops the run.
  mutating func runEpoch(_ s: inout Subnet, _ id: SubnetID) -> Bool {
    let index = id.index
    let block = state.block
    // Stake copies for the epoch (spec §3.2), inherited through child keys (§17.5.1).
    fillEpochStake(&s)
    let drained = s.pending
    s.pending = PendingEmission()
    let amount = drained.server + drained.validator + drained.root
    let output: EpochOutput
    let hp = Self.epochHyperparameters(s, chain: state.chain)
    do {
      // The bond rows are written over the stored ones (persist then keeps them).
      output = try YumaEpoch.run(
        reusingBondsOf: &s.chain, hint: &runtimes[index].consensusHint, memo: runtimes[index].weightMemo,
        hyperparameters: hp, block: block,
        tempo: s.hyper.tempo, emission: amount, arithmetic: config.arithmetic)
    } catch {
      counters.failedEpochs += 1
      if counters.epochFailure == nil {
        counters.epochFailure = EpochFailure(subnet: id, block: block, error: EpochFailure.reason(error))
      }
      s.pending = drained
      s.epochIndex += 1
      s.lastEpochBlock = block
      return false
    }
    s.chain.persist(output, block: block)
    s.lastEmission = output.combinedEmission
    s.lastDividendShare = output.dividendShare
    s.lastIncentiveShare = output.incentiveShare
    runtimes[index].keep(output, amount: amount, ownerCut: drained.owner)
    s.epochIndex += 1
    s.lastEpochBlock = block
    distribute(&s, drained: drained, output: output)
    changeOwnerIfDue(&s)
    counters.epochs += 1
    return true
  }

  /// Applies the §8.2 distribution of one epoch to `s` (taken out of the state by the caller).
  ///
  /// With child keys the validator amounts are first split back to parents (spec §17.5.2):
  /// the receivers are the UIDs and then parents without a UID here, each split into alpha and
  /// root parts by its own stake. Root dividends go to ``payRootDividends(_:_:)`` (§17.7).
  mutating func distribute(_ s: inout Subnet, drained: PendingEmission, output: EpochOutput) {
    let n = s.n
    let split = childKeySplit(s, validatorEmission: output.validatorEmission)
    let receivers = split?.receivers ?? s.hotkeys
    let m = receivers.count
    // The receivers' takes and owner flags and the plan are written into arrays kept between
    // epochs (every entry rewritten), so that a distribution allocates nothing in steady state.
    var take = distributionTake
    var owned = distributionOwned
    var scratch = distributionScratch
    distributionTake = []
    distributionOwned = []
    distributionScratch = DistributionScratch()
    if take.count != m {
      take = [UInt16](repeating: 0, count: m)
      owned = [Bool](repeating: false, count: m)
    }
    var alphaStake = s.chain.alphaStake
    var rootStake = s.chain.rootStake
    var minerEmission = output.minerEmission
    if split != nil {
      alphaStake = receivers.map { s.alphaStake(of: $0) }
      rootStake = receivers.map { state.rootStake(of: $0) }
      minerEmission += [UInt64](repeating: 0, count: m - n)
    }
    // Each receiver's take and owner read in place (a copy of the hotkey would copy its role).
    let subnetOwner = s.ownerColdkey
    state.hotkeys.withUnsafeBufferPointer { hotkeys in
      for i in 0..<m {
        let k = receivers[i].index
        take[i] = hotkeys[k].take
        owned[i] = i < n && hotkeys[k].owner == subnetOwner
      }
    }
    EpochDistribution.plan(
      DistributionInputs(
        serverBucket: drained.server, validatorBucket: drained.validator, rootBucket: drained.root,
        ownerBucket: drained.owner, minerEmission: minerEmission, validatorEmission: split?.amounts ?? output.validatorEmission,
        alphaStake: alphaStake, rootStake: rootStake, tau: state.chain.tau, take: take,
        ownedBySubnetOwner: owned),
      in: &scratch)
    distributionTake = take
    distributionOwned = owned
    let plan = scratch.plan
    var rootClaims: [(HotkeyID, UInt64)] = []
    var claimCount = 0
    for i in 0..<m where plan.rootClaim[i] > 0 { claimCount += 1 }
    rootClaims.reserveCapacity(claimCount)
    for i in 0..<m {
      let hotkey = receivers[i]
      let owner = state.hotkeys[hotkey.index].owner
      if i < n {
        s.depositAlpha(plan.minerStake[i] + plan.validatorTake[i], uid: i, coldkey: owner)
        s.compoundAlpha(plan.validatorCompound[i], uid: i, fallbackOwner: owner)
      } else {
        s.depositAlpha(plan.validatorTake[i], hotkey: hotkey, coldkey: owner)
        s.compoundAlpha(plan.validatorCompound[i], hotkey: hotkey, fallbackOwner: owner)
      }
      if plan.rootClaim[i] > 0 { rootClaims.append((hotkey, plan.rootClaim[i])) }
    }
    if plan.ownerCut > 0 { s.depositAlpha(plan.ownerCut, hotkey: s.ownerHotkey, coldkey: s.ownerColdkey) }
    autoLockOwnerCut(&s, plan.ownerCut)
    s.ledger.burned += plan.burned
    s.ledger.recycled += plan.recycled
    s.minerBurnedFraction = plan.minerBurnedFraction
    addRootStakeTime()
    let rootTao = payRootDividends(&s, rootClaims)
    addYields(s, plan: plan, rootTao: rootTao)
    distributionScratch = consume scratch
  }

  /// Reveals the commits due at this epoch slot (spec §10): with look-ahead index E + 1 and period
  /// p, commits of epoch E + 1 − p are applied as weights (LU unchanged); older ones are dropped.
  /// A reveal is refused if the UID changed hands since the commit or the permit rule fails.
  ///
  /// The revealed and dropped commits leave the queue after the epoch
  /// (``SubnetRuntime/dropRevealedCommits()``): releasing a committed row then finds it in cache,
  /// where the epoch has just read it. A row already stored (a validator re-submitting its
  /// unchanged row) is not stored again, and the self-weight test, which reads the row, comes
  /// after the permit tests (all three are pure reads): so a reveal does not touch the rows.
  mutating func revealCommits(_ index: Int) {
    guard !runtimes[index].pendingCommits.isEmpty, runtimes[index].live else { return }
    var s = takeSubnet(index)
    let p = Int64(max(1, s.hyper.commitRevealInterval))
    let due = s.epochIndex + 1 - p
    let pending = runtimes[index].pendingCommits
    for c in pending where c.epoch == due {
      guard c.uid < s.n, s.hotkeys[c.uid] == c.hotkey else {
        counters.actionsRefused += 1
        continue
      }
      guard s.chain.validatorPermit[c.uid] || s.chain.ownerUID == c.uid || Self.isSelfWeight(c.weights, of: c.uid) else {
        counters.actionsRefused += 1
        continue
      }
      if !WeightStorage.sameStorage(s.chain.weights[c.uid], c.weights) { s.chain.weights[c.uid] = c.weights }
      counters.reveals += 1
    }
    runtimes[index].revealedThrough = due
    for uid in 0..<s.n { s.chain.earliestCommitBlock[uid] = nil }
    for c in pending where c.epoch > due && c.uid < s.n {
      if let e = s.chain.earliestCommitBlock[c.uid] { s.chain.earliestCommitBlock[c.uid] = min(e, c.block) } else {
        s.chain.earliestCommitBlock[c.uid] = c.block
      }
    }
    state.subnets[index] = consume s
  }

  /// Whether `row` is a self-weight of `uid` (exactly one entry, on itself; spec §3.5).
  static func isSelfWeight(_ row: [SparseEntry], of uid: Int) -> Bool { row.count == 1 && row[0].uid == uid }
}
