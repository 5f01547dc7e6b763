import Emission

/// Builds the configured emission policy (kept apart so `WorldConfig` validation and the World
/// construct policies the same way).
enum EmissionPoliciesBridge {
  static func make(_ identifier: String, _ parameters: [String: Double]) throws(PolicyError) -> any SubnetEmissionPolicy {
    try EmissionPolicies.make(identifier, parameters: parameters)
  }
}
