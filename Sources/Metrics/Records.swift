import SimStats
import Simulation

/// One subnet's TAO emission share.
public struct SubnetShare: Sendable, Equatable {
  /// The netuid.
  public var subnet: Int
  /// The share of block emission.
  public var share: Double
}

/// A yield figure for one class of validators.
public struct ClassYield: Sendable, Equatable {
  /// The class label (``NeuronClass/description``).
  public var neuronClass: String
  /// Annualised staking yield, compounded per epoch: (1 + r)^(epochs per year) − 1, where r is the
  /// class's validator emission per unit of its stake in the epoch (alpha per alpha).
  public var apy: Double
}

/// Network-wide metrics at one block.
///
/// Stake values across subnets are in TAO: alpha × the subnet's spot price, plus τ-free root TAO
/// stake counted at face value. "Validators" are the hotkeys holding a permit on some subnet.
public struct NetworkEpochRecord: Sendable, Equatable {
  /// The block.
  public var block: Int64
  /// TAO issuance (TAO).
  public var issuance: Double
  /// Block emission at this issuance (TAO per block).
  public var blockEmission: Double
  /// Live subnets.
  public var subnetCount: Int
  /// Hotkeys with a validator permit on at least one subnet.
  public var validatorCount: Int
  /// Registered hotkeys without any permit that have positive latent utility (working miners).
  public var minerCount: Int
  /// Σ root stake (TAO).
  public var rootStake: Double
  /// Σ alpha stake valued at spot prices (TAO).
  public var alphaStakeValue: Double
  /// Concentration of validators' total stake value (alpha at spot + root TAO).
  public var stake: Concentration.Summary
  /// Top-10 share of validators' dividends in each subnet's last epoch, valued in TAO.
  public var top10DividendShare: Double
  /// Share of the last epochs' emission (valued in TAO) earned by honest miners and validators.
  public var honestEmissionShare: Double
  /// Share earned by attacker-class hotkeys.
  public var attackerEmissionShare: Double
  /// Share of total stake value held by attacker-class hotkeys.
  public var attackerStakeShare: Double
  /// Mean over subnets of the Spearman correlation between miners' utility and incentive (subnets
  /// where it is undefined are skipped; `nil` if none).
  public var spearmanUtilityIncentive: Double?
  /// Median over subnets of the copier relative dividend (`nil` when there is no copier).
  public var copierRelativeDividend: Double?
  /// APY by validator class (value-weighted over subnets' last epochs).
  public var apy: [ClassYield]
  /// Per-subnet TAO emission share (netuid, share) in the current share piece.
  public var emissionShares: [SubnetShare]
  /// Whether the root sell flag is set (Σ EMA prices > 1).
  public var rootSell: Bool
  /// The yield totals up to this block (root-stake integral carried on to it).
  public var yields = YieldTotals()
}

/// One subnet's metrics after one of its epochs.
///
/// Stake metrics are over the UIDs holding a permit after the epoch, by stake weight α + τ·t
/// (alpha base units); dividend metrics over the same UIDs' validator emission in this epoch.
public struct SubnetEpochRecord: Sendable, Equatable {
  /// The block of the epoch.
  public var block: Int64
  /// The netuid.
  public var subnet: Int
  /// `SubnetEpochIndex` after the epoch.
  public var epochIndex: Int64
  /// The subnet's TAO emission share in the current piece.
  public var emissionShare: Double
  /// Spot price (TAO per alpha).
  public var spotPrice: Double
  /// EMA price (TAO per alpha).
  public var emaPrice: Double
  /// Pool TAO reserve (TAO).
  public var taoReserve: Double
  /// Pool alpha reserve (alpha).
  public var alphaReserve: Double
  /// Alpha issuance (alpha).
  public var alphaIssuance: Double
  /// Alpha passed to the epoch (R, alpha).
  public var epochEmission: Double
  /// Owner cut paid this epoch (alpha).
  public var ownerCut: Double
  /// Registration burn price (TAO).
  public var burnPrice: Double
  /// Registered UIDs.
  public var uids: Int
  /// UIDs with a permit.
  public var validatorCount: Int
  /// Permit holders that are active (set weights within the cutoff).
  public var activeValidators: Int
  /// UIDs without a permit and with positive latent utility.
  public var minerCount: Int
  /// Concentration of permit holders' stake weight.
  public var stake: Concentration.Summary
  /// Top-10 share of this epoch's validator emission.
  public var top10DividendShare: Double
  /// Spearman rank correlation of miners' latent utility and incentive (`nil` if undefined).
  public var spearmanUtilityIncentive: Double?
  /// Share of the epoch's emission to honest miners and validators.
  public var honestEmissionShare: Double
  /// Share to attacker-class hotkeys.
  public var attackerEmissionShare: Double
  /// Share of stake weight held by attacker-class UIDs.
  public var attackerStakeShare: Double
  /// Copier dividend per unit stake ÷ median honest-validator dividend per unit stake (`nil` when
  /// the subnet has no copier with stake, or no honest validator earned).
  public var copierRelativeDividend: Double?
  /// APY by validator class in this epoch.
  public var apy: [ClassYield]
  /// Fraction of miner emission burned by the owner.
  public var minerBurnedFraction: Double
  /// Σ latent utility of the subnet's registered hotkeys (what its miners produce; the `utility`
  /// policy's input).
  public var subnetUtility: Double = 0
}

/// One neuron after its subnet's epoch.
public struct NeuronRecord: Sendable, Equatable {
  public var block: Int64
  public var subnet: Int
  public var uid: Int
  public var hotkey: UInt32
  public var coldkey: UInt32
  /// ``NeuronClass/description``.
  public var neuronClass: String
  /// Alpha stake on the hotkey (alpha).
  public var alphaStake: Double
  /// Root stake on the hotkey (TAO).
  public var rootStake: Double
  /// Latent utility.
  public var utility: Double
  /// Unquantised incentive share.
  public var incentive: Double
  /// Unquantised dividend share.
  public var dividends: Double
  /// Combined emission this epoch (alpha).
  public var emission: Double
  /// Validator permit after the epoch.
  public var validatorPermit: Bool
  /// Active in the epoch.
  public var active: Bool
  /// Registration block.
  public var registeredAt: Int64
}
