/// The `Conformance` module. See the layer table in Package.swift and README.md.
public enum ConformanceModule {
  /// The module's name, for diagnostics.
  public static let name = "Conformance"
}
