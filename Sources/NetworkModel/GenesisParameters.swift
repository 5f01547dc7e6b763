/// The initial state of the economy (illustrative defaults, documented; not mainnet data).
public struct GenesisParameters: Sendable, Equatable, Hashable {
  /// TAO issued before block 0 (rao). Default 10.9 M TAO (after the first halving: 0.5 TAO/block).
  public var initialIssuance: UInt64 = 10_900_000 * 1_000_000_000
  /// TAO in each subnet pool at genesis (rao). Default 20 000 TAO.
  public var poolTao: UInt64 = 20_000 * 1_000_000_000
  /// Each pool's initial price in TAO per alpha (alpha reserve = poolTao / price). Default 0.02.
  public var initialPrice: Double = 0.02
  /// Each validator's alpha stake at genesis, in alpha tokens (lognormal(mu, sigma) of tokens).
  /// Default lognormal(ln 20 000, 1).
  public var validatorStakeMu: Double = 9.903_487_552_536_127
  /// σ of the log validator stake. Default 1.
  public var validatorStakeSigma: Double = 1
  /// Each root validator's root TAO stake in TAO (lognormal). Default lognormal(ln 100 000, 0.5).
  public var rootStakeMu: Double = 11.512_925_464_970_229
  /// σ of the log root stake. Default 0.5.
  public var rootStakeSigma: Double = 0.5
  /// The EMA price at genesis; `nil` = min(1, initial price) (an established network; the chain
  /// starts new subnets at 0).
  public var initialEMAPrice: Double? = nil
  /// A real network's snapshot to start from instead of the illustrative pools and stakes above
  /// (``SnapshotGenesis``); `nil` = none. With a snapshot, ``poolTao``, ``initialPrice``,
  /// ``initialEMAPrice`` and the stake lognormals are not used.
  public var snapshot: SnapshotGenesis? = nil

  public init() {}

  /// Problems with the parameters.
  public func problems() -> [String] {
    var out: [String] = []
    if !(initialPrice.isFinite && initialPrice > 0) { out.append("genesis.initial_price must be > 0, got \(initialPrice)") }
    if !(validatorStakeMu.isFinite && validatorStakeSigma.isFinite && validatorStakeSigma >= 0) {
      out.append("genesis.validator_stake needs finite mu and sigma ≥ 0")
    }
    if !(rootStakeMu.isFinite && rootStakeSigma.isFinite && rootStakeSigma >= 0) {
      out.append("genesis.root_stake needs finite mu and sigma ≥ 0")
    }
    if let e = initialEMAPrice, !(e.isFinite && e >= 0) { out.append("genesis.initial_ema_price must be ≥ 0") }
    out += snapshot?.problems() ?? []
    return out
  }
}
