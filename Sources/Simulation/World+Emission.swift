import Emission
import NetworkModel

/// Emission between events: the global issuance cursor, per-subnet closed-form accrual and the
/// share pieces (spec §8.1, §9).
extension World {
  /// Advances the TAO issuance to the end of `block` (after that block's emission), exactly
  /// across halvings (spec §9.1).
  mutating func advanceIssuance(to block: Int64) {
    guard block > issuanceBlock else { return }
    let next = taoSchedule.advance(state.taoIssuance, blocks: block - issuanceBlock)
    state.taoLedger.minted += next - state.taoIssuance
    state.taoIssuance = next
    issuanceBlock = block
  }

  /// The TAO the subnet at `index` has earned in the current piece by the end of `block`:
  /// ⌊share · (X(block) − X(piece start))⌋ (cumulative, so splitting an interval never loses rao).
  @inline(__always) static func pieceTarget(share: Double, issuance: UInt64, pieceStart: UInt64) -> UInt64 {
    FixedMath.floorAmount(share * Double(issuance - pieceStart))
  }

  /// Brings subnet `index` up to the current block in closed form (no-op if already there).
  mutating func accrue(_ index: Int) {
    let now = state.block
    guard runtimes[index].live, runtimes[index].accruedThrough < now else { return }
    advanceIssuance(to: now)
    var s = takeSubnet(index)
    let blocks = now - runtimes[index].accruedThrough
    let target = Self.pieceTarget(share: runtimes[index].share, issuance: state.taoIssuance, pieceStart: pieceStartIssuance)
    let tao = target > runtimes[index].allocatedInPiece ? target - runtimes[index].allocatedInPiece : 0
    let rho = RootProportion.value(
      tau: state.chain.tau, totalRootStake: state.totalRootStake, alphaIssuance: s.alphaIssuance)
    let r = SubnetAccrual.compute(
      blocks: blocks, tao: tao, pool: s.pool, alphaIssuance: s.alphaIssuance, schedule: alphaSchedule,
      ownerCut: s.hyper.ownerCutEnabled ? state.chain.ownerCut : nil, rootProportion: rho, rootSell: rootSell,
      emaPrice: s.emaPrice, blocksSinceStart: runtimes[index].accruedThrough - s.registeredAt, chain: state.chain,
      taoBlockEmission: taoSchedule.blockEmission(pieceStartIssuance))
    s.pool = r.pool
    s.ledger.mintedIn += r.alphaIn
    s.ledger.protocolHeld += r.chainBuyAlpha
    s.ledger.mintedOut += r.buckets.minted
    s.ledger.recycled += r.buckets.recycled
    s.pending.owner += r.buckets.owner
    s.pending.server += r.buckets.server
    s.pending.validator += r.buckets.validator
    s.pending.root += r.buckets.root
    s.emaPrice = r.emaPrice  // every emit-eligible subnet, disabled ones included (spec §9.4, §17.2)
    state.subnets[index] = consume s
    // A refused injection's TAO counts against the subnet's share of the piece (it is not offered
    // again) but is not allocated, so the piece's close recycles it (spec §17.3, §17.6).
    state.taoLedger.allocated += tao - r.refusedTao
    runtimes[index].allocatedInPiece += tao
    pieceAllocated += tao - r.refusedTao
    runtimes[index].accruedThrough = now
    counters.accruals += 1
    counters.accruedSubnetBlocks += blocks
  }

  /// Closes the current share piece and opens a new one: accrues every subnet, recycles the
  /// piece's unallocated emission (issuance falls by it, spec §17.3), updates the TAO-flow EMAs and
  /// the root sell flag, and evaluates the share pipeline (policy → Hill gate → enabled subnets,
  /// spec §17.1.1).
  mutating func refreshShares() {
    advanceIssuance(to: state.block)
    for index in runtimes.indices where runtimes[index].live { accrue(index) }
    enableDueEmission()
    let leftover = state.taoIssuance - pieceStartIssuance - pieceAllocated
    state.taoLedger.recycled += leftover
    state.taoIssuance -= leftover
    pieceStartIssuance = state.taoIssuance
    pieceStartBlock = state.block
    pieceAllocated = 0
    for index in runtimes.indices { runtimes[index].allocatedInPiece = 0 }
    updateFlowEMAs()
    // The root sell flag sums the EMA prices of every emit-eligible subnet, disabled ones included.
    var emaSum = 0.0
    for index in runtimes.indices where runtimes[index].live { emaSum += state.subnets[index]!.emaPrice }
    rootSell = emaSum > 1
    let snapshot = emissionSnapshot()
    let due = EmissionGate.barDue(bar: gateBar, block: state.block, previous: lastShareEvaluation)
    let outcome = SubnetSharePipeline.evaluate(
      policy: policy, snapshot: snapshot, gate: config.emissionGate, bar: gateBar, recomputeBar: due)
    gateBar = outcome.bar
    lastShareEvaluation = state.block
    for index in runtimes.indices { runtimes[index].share = 0 }
    for (k, entry) in snapshot.subnets.enumerated() { runtimes[entry.id.index].share = outcome.shares[k] }
  }

  /// Updates each subnet's TAO-flow EMA from the net flow since the last update:
  /// EMA ← λ·EMA + (1 − λ)·(flow / Δ), λ = 2^(−Δ/half-life) (per-block rate, rao per block).
  mutating func updateFlowEMAs() {
    let delta = state.block - lastFlowUpdate
    guard delta > 0 else { return }
    let halfLife = Double(policy.taoFlowHalfLifeBlocks ?? 216_000)
    let lambda = RealMath.exp2(-Double(delta) / halfLife)
    for index in runtimes.indices where runtimes[index].live {
      let rate = state.subnets[index]!.netTaoFlowSinceRefresh / Double(delta)
      state.subnets[index]!.taoFlowEMA = lambda * state.subnets[index]!.taoFlowEMA + (1 - lambda) * rate
      state.subnets[index]!.netTaoFlowSinceRefresh = 0
    }
    lastFlowUpdate = state.block
  }

  /// The policy's view of the emitting subnets.
  func emissionSnapshot() -> EmissionSnapshot {
    var rootWeight = [Double](repeating: 0, count: state.subnets.count)
    for (p, row) in state.rootWeights.enumerated() where !row.isEmpty {
      let stake = Double(state.rootPools[p].amount)
      guard stake > 0 else { continue }
      var total = 0.0
      for i in row.indices where i > 0 && i < rootWeight.count && runtimes[i].live && row[i] > 0 { total += row[i] }
      guard total > 0 else { continue }
      for i in row.indices where i > 0 && i < rootWeight.count && runtimes[i].live && row[i] > 0 {
        rootWeight[i] += stake * row[i] / total
      }
    }
    var entries: [SubnetEmissionInputs] = []
    // Read in place: `guard let s = state.subnets[index]` copied every subnet (all its arrays
    // retained and released) at each share refresh.
    state.subnets.withUnsafeBufferPointer { subnets in
      for index in subnets.indices where subnets[index] != nil {
        var u = 0.0
        for h in subnets[index]!.hotkeys { u += utility[h] }
        entries.append(
          SubnetEmissionInputs(
            id: subnets[index]!.id, emissionEnabled: subnets[index]!.hyper.emissionEnabled,
            emaPrice: subnets[index]!.emaPrice, spotPrice: subnets[index]!.pool.spotPrice,
            minerBurnedFraction: subnets[index]!.minerBurnedFraction, taoFlowEMA: subnets[index]!.taoFlowEMA,
            rootWeight: rootWeight[index], utility: u))
      }
    }
    return EmissionSnapshot(block: state.block, subnets: entries)
  }
}
