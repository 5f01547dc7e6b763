/// Validators and miners under one control, placed on each of `subnets` at genesis: `validators`
/// hotkeys with `stake` alpha (base units) each, then `miners` hotkeys producing `minerUtility`.
public struct Coalition: Sendable, Equatable {
  public var subnets: [Int]
  public var validators: Int
  public var stake: UInt64
  public var miners: Int
  public var minerUtility: Double

  public init(subnets: [Int] = [1], validators: Int, stake: UInt64, miners: Int, minerUtility: Double) {
    self.subnets = subnets
    self.validators = validators
    self.stake = stake
    self.miners = miners
    self.minerUtility = minerUtility
  }
}
