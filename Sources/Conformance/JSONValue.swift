import Foundation

/// A parsed JSON value with integers kept exact (u64 amounts must not pass through `Double`).
public indirect enum JSONValue: Sendable, Equatable, Decodable {
  case null
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int64.self) {
      self = .int(i)
    } else if let u = try? c.decode(UInt64.self) {
      self = .uint(u)
    } else if let d = try? c.decode(Double.self) {
      self = .double(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// The value as a `Double` if it is a number.
  public var number: Double? {
    switch self {
    case .int(let i): Double(i)
    case .uint(let u): Double(u)
    case .double(let d): d
    default: nil
    }
  }

  /// The value as an exact integer if it is an integral number.
  public var integer: Int64? {
    switch self {
    case .int(let i): i
    case .uint(let u): u <= UInt64(Int64.max) ? Int64(u) : nil
    case .double(let d): (d.rounded() == d && abs(d) < 9.0e18) ? Int64(d) : nil
    default: nil
    }
  }

  /// The value as an exact unsigned integer.
  public var unsigned: UInt64? {
    switch self {
    case .uint(let u): u
    case .int(let i): i >= 0 ? UInt64(i) : nil
    case .double(let d): (d.rounded() == d && d >= 0 && d < 1.8e19) ? UInt64(d) : nil
    default: nil
    }
  }

  public var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
  public var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
  public var string: String? { if case .string(let s) = self { s } else { nil } }
  public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
  public var isNull: Bool { self == .null }
}
