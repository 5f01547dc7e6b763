/// The `Simulation` module. See the layer table in Package.swift and README.md.
public enum SimulationModule {
  /// The module's name, for diagnostics.
  public static let name = "Simulation"
}
