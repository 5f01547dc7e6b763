import Agents
import ScenarioIO
import Simulation

/// The one translation of a scenario (ScenarioIO's plain values) into the World's configuration,
/// and of the configuration's problems back to the scenario entries they come from.
///
/// Every field of ``ScenarioSpec/model`` maps to one ``WorldConfig`` field; the horizon and the
/// record cadences come from the scenario's `horizon_days` and `record:`; each `attacks[k]` entry
/// becomes ``WorldConfig/agents``[k] (same order), built by the `AgentSpec` factories of the attack.
public enum WorldBuilder {
  /// The World's configuration for `spec`.
  public static func config(_ spec: ScenarioSpec) -> WorldConfig {
    let m = spec.model
    var c = WorldConfig()
    c.subnetCount = m.subnets
    c.uidsPerSubnet = m.uidsPerSubnet
    c.validatorsPerSubnet = m.validatorsPerSubnet
    c.rootValidators = m.rootValidators
    c.arithmetic = m.arithmetic
    c.chain = m.chain
    c.hyperparameters = m.hyperparameters
    c.subnetOverrides = m.subnetOverrides
    c.emissionPolicy = m.emissionPolicy
    c.emissionPolicyParameters = m.emissionPolicyParameters
    c.emissionGate = m.emissionGate
    c.shareRefreshBlocks = m.shareRefreshBlocks
    c.genesis = m.genesis
    c.subnetUtility = m.subnetUtility
    c.miners = m.miners
    c.validators = m.validators
    c.nominators = m.nominators
    c.stakers = m.stakers
    c.economics = m.economics
    c.agents = m.attacks.map(agent)
    c.horizonBlocks = spec.horizonBlocks
    c.recording.networkEveryBlocks = Int64(spec.record.networkEveryBlocks)
    c.recording.subnetEveryEpochs = spec.record.subnetEveryEpochs
    c.recording.neuronEveryEpochs = spec.record.neuronEveryEpochs
    return c
  }

  /// The World's agent for one configured attack.
  static func agent(_ attack: AttackSpec) -> AgentSpec {
    switch attack.kind {
    case .copier(let name, let parameters, let subnets, let count, let stake):
      .copier(name: name, parameters: parameters, subnets: subnets, count: count, stake: stake)
    case .cabal(let name, let parameters, let coalition):
      .cabal(name: name, parameters: parameters, coalition: coalition)
    case .selfDealing(let name, let parameters, let coalition):
      .selfDealing(name: name, parameters: parameters, coalition: coalition)
    case .sybil(let name, let parameters, let subnets, let balance):
      .sybil(name: name, parameters: parameters, subnets: subnets, balance: balance)
    case .whales(let name, let parameters, let subnets, let count, let stake):
      .whales(name: name, parameters: parameters, subnets: subnets, count: count, stake: stake)
    }
  }

  /// The problems of `config` (built from `spec`), each at the scenario entry it comes from:
  /// an agent's at its `attacks[k]` entry, an override's at `subnet_overrides[k]`, a key's at
  /// that key (or its nearest written parent).
  public static func problems(_ config: WorldConfig, of spec: ScenarioSpec) -> [ScenarioProblem] {
    config.problems().map { locate($0, in: spec.model) }
  }

  /// Where `problem` points in the scenario whose model is `model`.
  static func locate(_ problem: ConfigProblem, in model: ModelSpec) -> ScenarioProblem {
    switch problem.subject {
    case .key(let key):
      return model.origins.origin(of: key).problem(problem.message)
    case .agent(let k, let key):
      guard model.attacks.indices.contains(k) else { return model.origins.document.problem(problem.description) }
      let origin = model.origins.located(model.attacks[k].origin)
      return ScenarioProblem(
        location: origin.location, path: origin.path + (key.map { "." + $0 } ?? ""), message: problem.message)
    case .subnetOverride(let k):
      guard model.origins.subnetOverrides.indices.contains(k) else {
        return model.origins.document.problem(problem.description)
      }
      return model.origins.located(model.origins.subnetOverrides[k]).problem(problem.message)
    }
  }
}
