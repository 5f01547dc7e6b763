/// A per-subnet snapshot of a real network (one row per subnet, netuid 0 = root), parsed from the
/// CSV format of `data/mainnet/subnets-2026-04-11.csv`.
///
/// Amounts are converted to base units (10⁹ per TAO or alpha), rounded to the nearest unit.
/// Columns are found by name, so their order and extra columns (name, volume, owner hotkey, …)
/// do not matter; quoted fields are not part of the format.
public struct NetworkSnapshot: Sendable, Equatable, Hashable {
  /// One dynamic subnet's row.
  public struct SubnetRow: Sendable, Equatable, Hashable {
    /// The netuid in the snapshot (1…).
    public var netuid: Int
    /// `price_tao`: the chain's spot price (TAO per alpha). The pool built from the reserves may
    /// differ from it by the chain pool's weights (see ``NetworkSnapshot`` users).
    public var price: Double
    /// `moving_price`: `SubnetMovingPrice` (TAO per alpha); an empty field is 0 (a subnet whose
    /// EMA has not started, as the chain starts it).
    public var movingPrice: Double
    /// `tau_in`: the pool's TAO reserve (rao).
    public var taoIn: UInt64
    /// `alpha_in`: the pool's alpha reserve (base units).
    public var alphaIn: UInt64
    /// `alpha_out`: alpha outstanding outside the pool (base units).
    public var alphaOut: UInt64
    /// `reg_cost_tao`: the neuron registration burn (rao); 0 when the column is absent.
    public var registrationCost: UInt64
    /// `immunity_period` (blocks).
    public var immunityPeriod: Int64
    /// `tempo` (blocks).
    public var tempo: Int64

    public init(
      netuid: Int, price: Double, movingPrice: Double, taoIn: UInt64, alphaIn: UInt64, alphaOut: UInt64,
      registrationCost: UInt64, immunityPeriod: Int64, tempo: Int64
    ) {
      self.netuid = netuid
      self.price = price
      self.movingPrice = movingPrice
      self.taoIn = taoIn
      self.alphaIn = alphaIn
      self.alphaOut = alphaOut
      self.registrationCost = registrationCost
      self.immunityPeriod = immunityPeriod
      self.tempo = tempo
    }

    /// Alpha issuance: alpha_in + alpha_out (the file's `total_alpha`, checked on parsing).
    public var alphaIssuance: UInt64 { alphaIn + alphaOut }
  }

  /// TAO staked on root (rao): the root row's `total_alpha` (`data/mainnet/README.md`: the root
  /// row's fields mean TAO on root, not a pool).
  public var rootStake: UInt64
  /// The dynamic subnets in ascending netuid order.
  public var subnets: [SubnetRow]

  public init(rootStake: UInt64, subnets: [SubnetRow]) {
    self.rootStake = rootStake
    self.subnets = subnets
  }

  /// Σ moving prices of `rows` (TAO per alpha).
  public static func movingPriceSum(_ rows: [SubnetRow]) -> Double { rows.reduce(0) { $0 + $1.movingPrice } }
}

/// What is wrong with a snapshot file, at a line (from 1) and a field (column from 1, with its
/// header name).
public struct SnapshotParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The line, from 1 (1 = the header).
  public var line: Int
  /// The character column of the field, from 1.
  public var column: Int
  /// The header name of the field (or the missing column's name).
  public var columnName: String
  /// What is wrong.
  public var message: String

  public var description: String { "column '\(columnName)': \(message)" }
}
