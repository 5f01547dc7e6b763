import Recording

/// The model part of a scenario: network size and hyperparameters, emission policy,
/// participants and attacks. Provisional shape until the World's configuration lands.
public struct ModelSpec: Sendable {
  /// Number of subnets (netuid 1...n, plus root).
  public var subnets: Int
  /// UIDs per subnet.
  public var uidsPerSubnet: Int
  /// Tempo in blocks.
  public var tempoBlocks: Int

  static func read(_ reader: ObjectReader) -> ModelSpec {
    reader.object("network", doc: "network size and subnet hyperparameters") { network in
      ModelSpec(
        subnets: network.integer("subnets", default: 16, in: 1...128, unit: "subnets", doc: "non-root subnets"),
        uidsPerSubnet: network.integer(
          "uids_per_subnet", default: 256, in: 2...4_096, unit: "UIDs", doc: "MaxAllowedUids (spec §12)"),
        tempoBlocks: network.integer("tempo_blocks", default: 360, in: 1...65_535, unit: "blocks", doc: "Tempo (spec §2)"))
    }
  }
}
