/// Staking through a subnet's pool (spec §9.4, §9.6): TAO in, alpha stake out, and back. Both
/// directions pay the swap fee to the block author (spec §17.6, recorded in
/// ``TaoLedger/authorFees``) and are refused by the swap guards (``LiquidityPool/userSwapRefusal(input:buying:)``).
extension NetworkState {
  /// Why a state operation was refused.
  public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    case noSuchSubnet(SubnetID)
    case insufficientBalance(ColdkeyID, needed: UInt64, held: UInt64)
    case nothingToDo
    case notRegistered(HotkeyID, SubnetID)
    case subnetFull(SubnetID)
    case rateLimited
    case notPermitted(String)

    public var description: String {
      switch self {
      case .noSuchSubnet(let s): "no subnet \(s)"
      case .insufficientBalance(let c, let needed, let held): "\(c) holds \(held) rao, needs \(needed)"
      case .nothingToDo: "amount is zero"
      case .notRegistered(let h, let s): "\(h) is not registered on \(s)"
      case .subnetFull(let s): "\(s) has no replaceable UID"
      case .rateLimited: "rate limited"
      case .notPermitted(let why): why
      }
    }
  }

  /// Buys alpha with `tao` of `coldkey`'s free balance and stakes it to `hotkey` on `subnet`.
  ///
  /// - Returns: The alpha staked.
  @discardableResult
  public mutating func addStake(_ tao: UInt64, coldkey: ColdkeyID, hotkey: HotkeyID, subnet: SubnetID)
    throws(Refusal) -> UInt64
  {
    guard tao > 0 else { throw .nothingToDo }
    guard subnet.index < subnets.count, subnets[subnet.index] != nil else { throw .noSuchSubnet(subnet) }
    let held = coldkeys[coldkey.index].balance
    guard held >= tao else { throw .insufficientBalance(coldkey, needed: tao, held: held) }
    if let why = subnets[subnet.index]!.pool.userSwapRefusal(input: tao, buying: true) { throw .notPermitted(why) }
    coldkeys[coldkey.index].balance -= tao
    let (alpha, fee) = subnets[subnet.index]!.pool.buyAlphaPayingFee(tao: tao)
    taoLedger.authorFees += fee
    subnets[subnet.index]!.depositAlpha(alpha, hotkey: hotkey, coldkey: coldkey)
    subnets[subnet.index]!.netTaoFlowSinceRefresh += Double(tao - fee)
    return alpha
  }

  /// Unstakes up to `alpha` of `coldkey`'s stake on `hotkey` in `subnet`, selling it to the pool.
  ///
  /// - Returns: The TAO credited to the coldkey's free balance.
  @discardableResult
  public mutating func removeStake(_ alpha: UInt64, coldkey: ColdkeyID, hotkey: HotkeyID, subnet: SubnetID)
    throws(Refusal) -> UInt64
  {
    guard alpha > 0 else { throw .nothingToDo }
    guard subnet.index < subnets.count, subnets[subnet.index] != nil else { throw .noSuchSubnet(subnet) }
    guard let p = subnets[subnet.index]!.alphaPoolOfHotkey[hotkey] else { throw .nothingToDo }
    let held = subnets[subnet.index]!.alphaPools[p].value(of: coldkey)
    if let why = subnets[subnet.index]!.pool.userSwapRefusal(input: min(alpha, held), buying: false) { throw .notPermitted(why) }
    let removed = subnets[subnet.index]!.withdrawAlpha(alpha, hotkey: hotkey, coldkey: coldkey)
    guard removed > 0 else { throw .nothingToDo }
    let (tao, fee) = subnets[subnet.index]!.pool.sellAlphaPayingFee(alpha: removed)
    taoLedger.authorFees += fee
    coldkeys[coldkey.index].balance += tao
    subnets[subnet.index]!.netTaoFlowSinceRefresh -= Double(tao)
    return tao
  }
}
