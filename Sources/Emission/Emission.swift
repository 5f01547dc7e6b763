/// The `Emission` module. See the layer table in Package.swift and README.md.
public enum EmissionModule {
  /// The module's name, for diagnostics.
  public static let name = "Emission"
}
