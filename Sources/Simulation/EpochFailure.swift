import EpochTypes
import NetworkModel

/// A subnet epoch the Yuma epoch refused (its inputs were inconsistent, spec §2): the subnet, the
/// block and why. The World stops its run there; the experiment layer raises it as the run's error.
public struct EpochFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The subnet whose epoch failed.
  public var subnet: SubnetID
  /// The block of the epoch slot.
  public var block: Int64
  /// What the epoch refused.
  public var error: EpochInputError

  public init(subnet: SubnetID, block: Int64, error: EpochInputError) {
    self.subnet = subnet
    self.block = block
    self.error = error
  }

  public var description: String { "the epoch of netuid \(subnet.index) at block \(block) failed: \(error)" }

  /// The epoch's error as thrown by `YumaEpoch.run`, whose only error type is ``EpochInputError``.
  static func reason(_ error: any Error) -> EpochInputError {
    guard let error = error as? EpochInputError else {
      preconditionFailure("YumaEpoch.run threw \(type(of: error)), not EpochInputError")
    }
    return error
  }
}
