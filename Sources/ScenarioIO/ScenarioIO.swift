/// The `ScenarioIO` module. See the layer table in Package.swift and README.md.
public enum ScenarioIOModule {
  /// The module's name, for diagnostics.
  public static let name = "ScenarioIO"
}
