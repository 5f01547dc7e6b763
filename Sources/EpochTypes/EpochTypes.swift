// The Yuma epoch's data types, shared by the module that computes an epoch (`Consensus`) and the
// modules that store and act on a subnet's chain state (`NetworkModel`, `Agents`, `Simulation`):
// the arithmetic, a sparse row entry, the hyperparameters, the persisted per-subnet state and the
// epoch's output (spec §3–§6, §12, §14). Plain values, no dependencies.

/// Which arithmetic an epoch runs in.
///
/// `fixed` reproduces the chain bit for bit (I32F32/I64F64 raw integers with the rounding rules of
/// spec §0.3); `double` is the fast path for long economic runs and agrees with `fixed` except at
/// the discrete decision points listed in spec §14.
public enum Arithmetic: String, Sendable, CaseIterable, Codable {
  case fixed
  case double
}

/// One stored entry of a sparse u16 row (weights or bonds): the target UID and its value.
///
/// Stored in 4 bytes, as the chain stores a (u16, u16) pair: the UID as a signed 16-bit integer,
/// so that the weight and bond rows the epoch reads and writes take a quarter of what a
/// machine-word UID would. UIDs beyond that range are clamped, which keeps them outside every
/// subnet the epoch accepts (at most ``maximumUIDs``; it ignores entries at UIDs ≥ n, spec
/// §3.5 step 1) and a negative UID negative (refused as input).
public struct SparseEntry: Sendable, Equatable, Hashable {
  /// The column as stored.
  @usableFromInline var storedUID: Int16
  /// The stored u16 value (weights: max-upscaled, spec §3.5; bonds: spec §5.2/§5.3 storage).
  public var value: UInt16

  /// The column (target UID).
  @inlinable public var uid: Int {
    @inline(__always) get { Int(storedUID) }
    set { storedUID = Int16(clamping: newValue) }
  }

  @inlinable @inline(__always)
  public init(uid: Int, value: UInt16) {
    storedUID = Int16(clamping: uid)
    self.value = value
  }

  /// The most UIDs an epoch takes: 32 767, the largest storable UID, so that a UID clamped to it
  /// still lies outside the subnet (UIDs 0 ..< n); far above the chain's subnets (256 by
  /// default, spec §12; at most 4 096 in a scenario).
  public static let maximumUIDs = Int(Int16.max)
}

/// The per-subnet hyperparameters an epoch reads (spec §12 gives the defaults).
public struct EpochHyperparameters: Sendable, Equatable, Hashable {
  /// `Kappa` as u16; κ = kappa / 65535 (spec §4.1). Default 32 767.
  public var kappa: UInt16 = 32_767
  /// `BondsPenalty` as u16; β = value / 65535 (spec §5.1). Default 65 535 (β = 1).
  public var bondsPenalty: UInt16 = 65_535
  /// `BondsMovingAverage` in parts per million; ᾱ = 1 − value/10⁶ (spec §5.2). Default 900 000.
  public var bondsMovingAverage: UInt64 = 900_000
  /// `Yuma3On` (spec §5.3). New subnets default to true.
  public var yuma3: Bool = true
  /// `LiquidAlphaOn` (spec §5.3.1); only used by Yuma 3.
  public var liquidAlpha: Bool = false
  /// `AlphaValues` low, as u16 (default 45 875 ≈ 0.7).
  public var alphaLow: UInt16 = 45_875
  /// `AlphaValues` high, as u16 (default 58 982 ≈ 0.9).
  public var alphaHigh: UInt16 = 58_982
  /// `AlphaSigmoidSteepness` (default 1000).
  public var alphaSigmoidSteepness: Int16 = 1_000
  /// `MaxAllowedValidators` K (new subnets: 64).
  public var maxAllowedValidators: Int = 64
  /// The activity cutoff in blocks, already evaluated (spec §3.1: max(1, ⌊F·T/1000⌋)).
  public var activityCutoffBlocks: Int64 = 5_000
  /// `TaoWeight` as u64; τ = value / (2⁶⁴ − 1) (spec §3.2).
  public var taoWeight: UInt64 = 971_718_665_099_567_868
  /// `StakeThreshold` in base units (spec §3.2).
  public var stakeThreshold: UInt64 = 0
  /// Whether the commit-reveal column mask applies (spec §3.5 step 5).
  public var commitReveal: Bool = false
  /// `BondsResetOn` (spec §5.3.3). The epoch does not read it: the World resets a bond column
  /// (`SubnetEpochState.resetBondsColumn`) when it is on and a hotkey publishes a commitment.
  public var bondsResetOn: Bool = false

  public init() {}
}

/// The persisted state of one subnet (mechanism 0) that an epoch reads: stake, registration,
/// activity, permits, weights and bonds (spec §14, "minimal per-epoch state").
///
/// Rows and columns are UIDs 0..<n. Arrays all have length `n`.
public struct SubnetEpochState: Sendable, Equatable {
  /// Number of UIDs.
  public var n: Int { alphaStake.count }
  /// Inherited alpha stake per UID, base units (spec §3.2 α_i).
  public var alphaStake: [UInt64]
  /// Inherited root TAO stake per UID, base units (spec §3.2 t_i).
  public var rootStake: [UInt64]
  /// `BlockAtRegistration` per UID (R_j).
  public var registrationBlock: [Int64]
  /// `LastUpdate` per UID (LU_i).
  public var lastUpdate: [Int64]
  /// `ValidatorPermit` stored by the previous epoch (P^old).
  public var validatorPermit: [Bool]
  /// Stored weight rows (max-upscaled u16, explicit zeros kept; spec §3.5).
  public var weights: [[SparseEntry]]
  /// Stored bond rows (spec §5.2 / §5.3 storage).
  public var bonds: [[SparseEntry]]
  /// The subnet owner's UID, if the owner hotkey is registered (spec §3.2).
  public var ownerUID: Int?
  /// `LastMechansimStepBlock` (0 = never; spec §5.4).
  public var lastMechanismStepBlock: Int64
  /// Earliest commit block among each UID's unexpired commits (nil = none; spec §3.5 step 5).
  public var earliestCommitBlock: [Int64?]

  /// Creates an empty subnet with `n` UIDs registered at `block`, no stake, weights or bonds.
  public init(n: Int, registeredAt block: Int64 = 0) {
    alphaStake = Array(repeating: 0, count: n)
    rootStake = Array(repeating: 0, count: n)
    registrationBlock = Array(repeating: block, count: n)
    lastUpdate = Array(repeating: block, count: n)
    validatorPermit = Array(repeating: false, count: n)
    weights = Array(repeating: [], count: n)
    bonds = Array(repeating: [], count: n)
    ownerUID = nil
    lastMechanismStepBlock = 0
    earliestCommitBlock = Array(repeating: nil, count: n)
  }
}

/// Everything one epoch produces (spec §6): the stored u16 vectors, the emission amounts and the
/// state to persist (new permits and bond rows, spec §5.5).
public struct EpochOutput: Sendable, Equatable {
  /// Stored `Consensus` per UID (floor(x·65535)).
  public var consensus: [UInt16]
  /// Stored `Incentive` per UID.
  public var incentive: [UInt16]
  /// Stored `Dividends` per UID.
  public var dividends: [UInt16]
  /// Stored `ValidatorTrust` per UID.
  public var validatorTrust: [UInt16]
  /// Stored `StakeWeight` per UID.
  public var stakeWeight: [UInt16]
  /// Active flags (spec §3.1).
  public var active: [Bool]
  /// Miner part srv_i of the epoch amount, base units (spec §6).
  public var minerEmission: [UInt64]
  /// Validator part val_i, base units.
  public var validatorEmission: [UInt64]
  /// Combined emission (stored `Emission`), base units.
  public var combinedEmission: [UInt64]
  /// New permits P' (stored for the next epoch).
  public var validatorPermit: [Bool]
  /// Bond rows to persist (already in storage form; empty rows for UIDs without P').
  public var bonds: [[SparseEntry]]
  /// Unquantised incentive shares (for metrics; Σ ≈ 1 or 0).
  public var incentiveShare: [Double]
  /// Unquantised dividend shares (for metrics; Σ ≈ 1 or 0).
  public var dividendShare: [Double]

  public init(n: Int) {
    consensus = Array(repeating: 0, count: n)
    incentive = consensus
    dividends = consensus
    validatorTrust = consensus
    stakeWeight = consensus
    active = Array(repeating: false, count: n)
    minerEmission = Array(repeating: 0, count: n)
    validatorEmission = minerEmission
    combinedEmission = minerEmission
    validatorPermit = active
    bonds = Array(repeating: [], count: n)
    incentiveShare = Array(repeating: 0, count: n)
    dividendShare = incentiveShare
  }
}

/// Why an epoch refused its inputs.
public enum EpochInputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Per-UID arrays of different lengths.
  case lengthMismatch(field: String, expected: Int, got: Int)
  /// A sparse entry that points outside 0..<n.
  case uidOutOfRange(field: String, row: Int, uid: Int)
  /// A non-finite or negative number where a stake or share is required (double entry points).
  case invalidNumber(field: String, index: Int, value: Double)
  /// More UIDs than a stored row can name (``SparseEntry/maximumUIDs``).
  case tooManyUIDs(n: Int, maximum: Int)

  public var description: String {
    switch self {
    case .lengthMismatch(let field, let expected, let got): "\(field) has \(got) entries, expected \(expected)"
    case .uidOutOfRange(let field, let row, let uid): "\(field)[\(row)] names uid \(uid) outside the subnet"
    case .invalidNumber(let field, let index, let value): "\(field)[\(index)] is \(value); stakes must be finite and ≥ 0"
    case .tooManyUIDs(let n, let maximum): "the subnet has \(n) uids; an epoch takes at most \(maximum)"
    }
  }
}
