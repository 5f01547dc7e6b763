#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Elementary functions from the C math library (no Foundation).
///
/// Results are deterministic on one platform; another libm may differ in the last ulp.
public enum RealMath {
  /// eˣ.
  @inlinable public static func exp(_ x: Double) -> Double { libExp(x) }
  /// 2ˣ.
  @inlinable public static func exp2(_ x: Double) -> Double { libExp2(x) }
  /// Natural logarithm.
  @inlinable public static func log(_ x: Double) -> Double { libLog(x) }
  /// ln(1 + x), accurate for small x.
  @inlinable public static func log1p(_ x: Double) -> Double { libLog1p(x) }
  /// eˣ − 1, accurate for small x.
  @inlinable public static func expm1(_ x: Double) -> Double { libExpm1(x) }
  /// xʸ.
  @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { libPow(x, y) }
}

@usableFromInline func libExp(_ x: Double) -> Double { exp(x) }
@usableFromInline func libExp2(_ x: Double) -> Double { exp2(x) }
@usableFromInline func libLog(_ x: Double) -> Double { log(x) }
@usableFromInline func libLog1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline func libExpm1(_ x: Double) -> Double { expm1(x) }
@usableFromInline func libPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
