/// A subnet's network identifier (`netuid`); 0 is the root subnet (spec §0.1).
///
/// Subnet state lives in arrays indexed by ``index``; identifiers are dense and are reused when
/// a subnet is dissolved and a new one takes its slot (as on the chain).
public struct SubnetID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: UInt16
  @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
  @inlinable public init(_ index: Int) { rawValue = UInt16(index) }
  /// The root subnet (netuid 0).
  public static let root = SubnetID(rawValue: 0)
  /// The array index of this subnet.
  @inlinable public var index: Int { Int(rawValue) }
  /// Whether this is the root subnet.
  @inlinable public var isRoot: Bool { rawValue == 0 }
  @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  public var description: String { "SN\(rawValue)" }
}

/// A neuron slot within one subnet, `0..<n` (spec §0.1).
public struct UID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: UInt16
  @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
  @inlinable public init(_ index: Int) { rawValue = UInt16(index) }
  /// The array index of this slot.
  @inlinable public var index: Int { Int(rawValue) }
  @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  public var description: String { "uid\(rawValue)" }
}

/// A hotkey's dense index into ``NetworkState/hotkeys``; never reused within a run.
public struct HotkeyID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
  @inlinable public init(_ index: Int) { rawValue = UInt32(index) }
  /// The array index of this hotkey.
  @inlinable public var index: Int { Int(rawValue) }
  @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  public var description: String { "hk\(rawValue)" }
}

/// A coldkey's dense index into ``NetworkState/coldkeys``; never reused within a run.
///
/// Coldkey 0 is the *outside world*: the holders of all issued TAO that the model does not
/// represent individually. Inflows from outside (new miners' registration fees, nominator
/// deposits) are drawn from it, so TAO is conserved exactly.
public struct ColdkeyID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
  @inlinable public init(_ index: Int) { rawValue = UInt32(index) }
  /// The outside world (unmodelled holders of issued TAO).
  public static let outside = ColdkeyID(rawValue: 0)
  /// The array index of this coldkey.
  @inlinable public var index: Int { Int(rawValue) }
  @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  public var description: String { "ck\(rawValue)" }
}
