/// The `NetworkModel` module. See the layer table in Package.swift and README.md.
public enum NetworkModelModule {
  /// The module's name, for diagnostics.
  public static let name = "NetworkModel"
}
