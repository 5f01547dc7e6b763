import CGSL

/// Process-wide GSL set-up: switches off GSL's abort-on-error handler, once.
///
/// GSL's default handler calls `abort()` on any domain error. TaoSim turns it off before the first
/// GSL call and checks return codes instead (see `SimStats`). Every wrapper that calls GSL touches
/// ``GSLRuntime/prepare()`` first, so no entry point can forget it.
public enum GSLRuntime {
  private static let handlerSwitchedOff: Bool = {
    _ = gsl_set_error_handler_off()
    return true
  }()

  /// Ensures the abort handler is off; cheap after the first call.
  @inline(__always) public static func prepare() { _ = handlerSwitchedOff }

  /// The linked GSL version, e.g. "2.7.1".
  public static var version: String {
    prepare()
    return String(cString: cgsl_version())
  }
}
