/// The `Consensus` module. See the layer table in Package.swift and README.md.
public enum ConsensusModule {
  /// The module's name, for diagnostics.
  public static let name = "Consensus"
}
