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
  /// Per-subnet TAO emission share (netuid, share) in the current share piece.
  public var emissionShares: [SubnetShare]
  /// Whether the root sell flag is set (Σ EMA prices > 1).
  public var rootSell: Bool
  /// The yield totals up to this block (root-stake integral carried on to it).
  public var yields = YieldTotals()
  /// Validator-stake centralisation as the field measures it (staked, non-owner permit holders).
  public var centralisation = Centralisation()
  /// How emission is spread across subnets against their utility.
  public var subnetFairness = SubnetFairness()
  /// What the network pays for its miners' compute.
  public var computePrice = ComputePrice()
}

/// Centralisation of validator stake, counting as validators only the hotkeys that hold a permit
/// at a UID that is neither a subnet owner's (whose permit is forced) nor an honest miner's (a
/// permit reaching past the staked validators), and that hold stake.
///
/// Network-wide figures are over stake value in TAO (alpha on the subnets where the hotkey holds
/// such a permit at spot price, plus its root stake); entities group hotkeys by owning coldkey.
/// Per-subnet figures are over stake weight α + τ·t of the same UIDs, summarised over the subnets
/// that have at least one validator.
public struct Centralisation: Sendable, Equatable {
  /// Concentration of validator hotkeys' stake value.
  public var hotkeys = Concentration.Summary()
  /// Concentration of the same stake value grouped by coldkey.
  public var entities = Concentration.Summary()
  /// Median over subnets of the top-10 share of stake weight (`nil` without validators).
  public var subnetTop10Median: Double?
  /// Largest per-subnet top-10 share of stake weight.
  public var subnetTop10Max: Double?
  /// Median over subnets of the Nakamoto coefficient of stake weight.
  public var subnetNakamotoMedian: Double?
  /// Largest per-subnet Nakamoto coefficient.
  public var subnetNakamotoMax: Double?

  public init(
    hotkeys: Concentration.Summary = .init(), entities: Concentration.Summary = .init(), subnetTop10Median: Double? = nil,
    subnetTop10Max: Double? = nil, subnetNakamotoMedian: Double? = nil, subnetNakamotoMax: Double? = nil
  ) {
    self.hotkeys = hotkeys
    self.entities = entities
    self.subnetTop10Median = subnetTop10Median
    self.subnetTop10Max = subnetTop10Max
    self.subnetNakamotoMedian = subnetNakamotoMedian
    self.subnetNakamotoMax = subnetNakamotoMax
  }
}

/// Emission across live subnets against their utility (``SubnetEpochRecord/subnetUtility``).
public struct SubnetFairness: Sendable, Equatable {
  /// Spearman correlation of subnet emission share and utility share (`nil` when undefined).
  public var spearman: Double?
  /// Kendall's τ-b of the same pairs.
  public var kendall: Double?
  /// Gini coefficient of subnet emission shares.
  public var gini: Double = 0
  /// HHI of subnet emission shares (of their sum).
  public var hhi: Double = 0
  /// Share of emission to emission-capture subnets.
  public var captureShare: Double = 0
  /// Share of the 32 largest subnets in the subnets' emission (1 with ≤ 32 subnets; 0 with none).
  public var top32Share: Double = 0
  /// Coefficient of variation of emission share ÷ utility share over subnets with positive utility.
  public var emissionPerUtilityCV: Double?

  public init(
    spearman: Double? = nil, kendall: Double? = nil, gini: Double = 0, hhi: Double = 0, captureShare: Double = 0,
    emissionPerUtilityCV: Double? = nil
  ) {
    self.spearman = spearman
    self.kendall = kendall
    self.gini = gini
    self.hhi = hhi
    self.captureShare = captureShare
    self.emissionPerUtilityCV = emissionPerUtilityCV
  }
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
