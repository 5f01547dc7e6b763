/// The `Agents` module. See the layer table in Package.swift and README.md.
public enum AgentsModule {
  /// The module's name, for diagnostics.
  public static let name = "Agents"
}
