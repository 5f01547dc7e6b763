import Consensus
import EpochTypes

/// One conformance vector of spec §15.1, parsed and checked.
public struct ConformanceVector: Sendable {
  /// The vector's `name`.
  public var name: String
  /// What the vector exercises.
  public var kind: Kind

  /// The function or scenario a vector runs.
  public enum Kind: Sendable {
    /// `weighted_median(stake, score, minority = 1 − majority)` cases, expected medians, tolerance.
    case weightedMedianScalar([ScalarMedianCase], Tolerance)
    /// `weighted_median_col(stake, W, κ)` cases, expected consensus rows, tolerance.
    case weightedMedianColumns([ColumnMedianCase], Tolerance)
    /// Yuma-3 bond EMA (`mat_ema_alpha`, sparse or dense) cases.
    case emaAlpha([EmaCase], Tolerance)
    /// Epoch scenarios (one, or several for the merged `scenarios[]` form).
    case epoch([EpochScenario])
  }
}

/// How closely a value must match: exactly or within an absolute bound.
public struct Tolerance: Sendable, Equatable {
  /// The absolute bound (0 = exact).
  public var absolute: Double
  public static let exact = Tolerance(absolute: 0)

  public init(absolute: Double) { self.absolute = absolute }

  /// Reads a tolerance statement of the vector file: text starting with "exact" is exact,
  /// otherwise the first number written like `1e-3` or `0.001`. Absolute bounds get 1e-9 slack
  /// for targets that sit exactly on the bound (as the file's own statements ask).
  public static func parse(_ text: String) -> Tolerance? {
    let lower = text.lowercased()
    if lower.hasPrefix("exact") || lower.hasPrefix("all exact") { return .exact }
    let pattern = /([0-9]+(\.[0-9]+)?[eE][-+]?[0-9]+|[0-9]+\.[0-9]+)/
    guard let match = lower.firstMatch(of: pattern), let value = Double(match.1) else { return nil }
    return Tolerance(absolute: value + 1e-9)
  }

  /// Whether `got` matches `expected` under this tolerance.
  public func accepts(_ got: Double, _ expected: Double) -> Bool {
    absolute == 0 ? got == expected : abs(got - expected) <= absolute
  }
}

/// One case of the scalar weighted-median vector.
public struct ScalarMedianCase: Sendable {
  public var stake: [Double]
  public var score: [Double]
  public var majority: Double
  public var expected: Double
}

/// One case of the column weighted-median vector.
public struct ColumnMedianCase: Sendable {
  public var stake: [Double]
  public var weights: [[Double]]
  public var kappa: Double
  public var expected: [Double]
}

/// One case of the bond EMA vector: row-major `rows × columns` matrices.
public struct EmaCase: Sendable {
  public var sparse: Bool
  public var rows: Int
  public var columns: Int
  public var old: [Double]
  public var new: [Double]
  public var alpha: Double
  public var expected: [Double]
}

/// The epoch harness parameters of spec §15.1 (`params`).
public struct EpochScenarioParameters: Sendable, Equatable {
  public var n: Int
  public var tempo: Int64
  public var emission: UInt64
  public var ownerUID: Int?
  public var lastMechanismStepBlock: Int64
  public var hyperparameters: EpochHyperparameters
}

/// One action of a scenario step (spec §15.1).
public enum ScenarioAction: Sendable, Equatable {
  case setWeights(uids: [Int], dests: [Int], values: [UInt16])
  case runEpoch(label: String?)
  case replaceNeuron(uid: Int, newAlphaStake: UInt64)
  case addStake(uids: [Int], amount: UInt64)
  case resetBondsColumn(uid: Int)
}

/// One step: an optional new current block, then actions in order.
public struct ScenarioStep: Sendable, Equatable {
  public var block: Int64?
  public var actions: [ScenarioAction]
}

/// What a label must show (`expected[label]`); every map is keyed by UID (bonds by (i, j)).
public struct ExpectedState: Sendable, Equatable {
  public var emission: [(uid: Int, value: UInt64)] = []
  public var dividendsU16: [(uid: Int, value: UInt16)] = []
  public var consensusU16: [(uid: Int, value: UInt16)] = []
  public var incentiveU16: [(uid: Int, value: UInt16)] = []
  public var bondsU16: [(row: Int, col: Int, value: UInt16)] = []
  public var validatorPermit: [Bool]? = nil
  public var dividendsFraction: [Double]? = nil

  public static func == (a: ExpectedState, b: ExpectedState) -> Bool {
    a.emission.map { "\($0)" } == b.emission.map { "\($0)" }
      && a.dividendsU16.map { "\($0)" } == b.dividendsU16.map { "\($0)" }
      && a.consensusU16.map { "\($0)" } == b.consensusU16.map { "\($0)" }
      && a.incentiveU16.map { "\($0)" } == b.incentiveU16.map { "\($0)" }
      && a.bondsU16.map { "\($0)" } == b.bondsU16.map { "\($0)" }
      && a.validatorPermit == b.validatorPermit && a.dividendsFraction == b.dividendsFraction
  }
}

/// One epoch scenario: initial state, steps, expectations per label and their tolerances.
public struct EpochScenario: Sendable {
  /// Name used in messages: the vector name; inside a merged vector `vector/name` or `vector#k`.
  public var name: String
  public var parameters: EpochScenarioParameters
  public var alphaStake: [UInt64]
  public var registrationBlock: [Int64]
  public var lastUpdate: [Int64]
  public var validatorPermit: [Bool]
  public var startBlock: Int64
  public var steps: [ScenarioStep]
  /// Expected states by label, in the order the labels first run.
  public var expected: [(label: String, state: ExpectedState)]
  /// Tolerance for `dividends_fraction` (every other field is exact).
  public var fractionTolerance: Tolerance
}
