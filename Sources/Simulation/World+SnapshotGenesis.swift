import Agents
import NetworkModel
import SimCore

/// The parts of genesis that a real-network snapshot (``SnapshotGenesis``) decides; without a
/// snapshot each returns the illustrative genesis of ``GenesisParameters`` with its draws in
/// their original order, so worlds without a snapshot are unchanged.
extension World {
  /// The root validators' root stakes (rao): lognormal draws from `stream`, or, with a snapshot,
  /// the snapshot's root stake shared by the fitted skew (``skewedShares(total:count:sigma:stream:)``).
  func genesisRootStakes(_ stream: RandomStream) -> [UInt64] {
    let g = config.genesis
    guard let snapshot = g.snapshot else {
      return (0..<config.rootValidators).map { _ in
        FixedMath.units(stream.lognormal(zeta: g.rootStakeMu, sigma: g.rootStakeSigma))
      }
    }
    return Self.skewedShares(total: snapshot.rootStake, count: config.rootValidators, sigma: snapshot.stakeSigma, stream: stream)
  }

  /// Netuid `index`'s pool at genesis, through the pool's own initializer.
  func genesisPool(_ index: Int) -> LiquidityPool {
    let g = config.genesis
    guard let row = g.snapshot?.subnets[index - 1] else {
      return LiquidityPool(
        taoReserve: g.poolTao, alphaReserve: FixedMath.floorAmount(Double(g.poolTao) / g.initialPrice), chain: config.chain)
    }
    return LiquidityPool(
      taoReserve: row.taoIn, alphaReserve: row.alphaIn, taoWeight: Self.snapshotTaoWeight(row), chain: config.chain)
  }

  /// The TAO weight w₂ under which a snapshot row's reserves give its recorded spot price, so a
  /// pool built from a snapshot keeps its weights (spec §17.6): p = ((1 − w₂)/w₂)·(y/x) ⇒
  /// w₂ = 1/(1 + p·x/y), held within [0.01, 0.99]; ½ when the row has no usable price.
  static func snapshotTaoWeight(_ row: NetworkSnapshot.SubnetRow) -> UInt64 {
    guard row.price.isFinite, row.price > 0, row.taoIn > 0, row.alphaIn > 0 else { return LiquidityPool.halfWeight }
    let w = 1 / (1 + row.price * Double(row.alphaIn) / Double(row.taoIn))
    let lowest = Double(LiquidityPool.minimumWeight) / Double(LiquidityPool.weightOne)
    let clamped = min(max(w, lowest), 1 - lowest)
    return min(max(UInt64(clamped * Double(LiquidityPool.weightOne)), LiquidityPool.minimumWeight),
      LiquidityPool.weightOne - LiquidityPool.minimumWeight)
  }

  /// The alpha stake of each of netuid `index`'s genesis validators (root validators first):
  /// lognormal draws from `stream`, or, with a snapshot, the subnet's outstanding alpha shared by
  /// the fitted skew.
  func genesisValidatorStakes(_ index: Int, _ stream: RandomStream) -> [UInt64] {
    let g = config.genesis
    guard let snapshot = g.snapshot else {
      return (0..<config.validatorsPerSubnet).map { _ in
        FixedMath.units(stream.lognormal(zeta: g.validatorStakeMu, sigma: g.validatorStakeSigma))
      }
    }
    return Self.skewedShares(
      total: snapshot.subnets[index - 1].alphaOut, count: config.validatorsPerSubnet, sigma: snapshot.stakeSigma,
      stream: stream)
  }

  /// The registration block of netuid `index` at genesis: 0, or minus its age from a snapshot.
  func genesisRegistrationBlock(_ index: Int) -> Int64 {
    guard let snapshot = config.genesis.snapshot else { return 0 }
    return -snapshot.ageBlocks(snapshot.subnets[index - 1])
  }

  /// Applies a snapshot row's moving price, registration burn and epoch phase to a new subnet
  /// (no-op without a snapshot; the illustrative EMA price is set by the caller).
  func applySnapshotState(_ subnet: inout Subnet, _ index: Int) {
    guard let row = config.genesis.snapshot?.subnets[index - 1] else { return }
    subnet.emaPrice = row.movingPrice
    if row.registrationCost > 0 { subnet.burn = RegistrationBurn(initial: row.registrationCost, at: 0) }
    // Keep the stagger of a subnet registered at block 0 (spec §2), whatever its age.
    subnet.lastEpochBlock = -(Int64(index) % subnet.hyper.tempo)
  }

  /// `total` split into `count` parts proportional to exp(N(0, σ²)) draws, floored; the flooring
  /// remainder goes to the largest part so the parts sum to `total` exactly.
  static func skewedShares(total: UInt64, count: Int, sigma: Double, stream: RandomStream) -> [UInt64] {
    guard count > 0 else { return [] }
    let weights = (0..<count).map { _ in stream.lognormal(zeta: 0, sigma: sigma) }
    let sum = weights.reduce(0, +)
    var parts = weights.map { FixedMath.floorAmount(Double(total) * $0 / sum) }
    let placed = parts.reduce(0, +)
    let largest = weights.indices.max(by: { (weights[$0], $1) < (weights[$1], $0) })!
    if placed < total { parts[largest] += total - placed }
    if placed > total { parts[largest] -= min(parts[largest], placed - total) }
    return parts
  }
}
