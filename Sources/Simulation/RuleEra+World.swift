import Emission

extension RuleEra {
  /// Sets every modelled rule of this era in `config` (other fields untouched): the emission
  /// policy, its parameters and gate, and the era's chain rules (``chainParameters(_:)``).
  public func apply(to config: inout WorldConfig) {
    let r = rules
    config.emissionPolicy = r.policy
    config.emissionPolicyParameters = r.policyParameters
    config.emissionGate = r.gate
    config.chain = chainParameters(config.chain)
  }
}
