/// The `Experiments` module. See the layer table in Package.swift and README.md.
public enum ExperimentsModule {
  /// The module's name, for diagnostics.
  public static let name = "Experiments"
}
