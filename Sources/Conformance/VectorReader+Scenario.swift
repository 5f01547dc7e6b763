import Consensus
import EpochTypes
import Foundation

/// Epoch scenario parsing (spec §15.1 `params`, `inputs`, `steps`, `expected`).
extension VectorReader {

  static let knownParams: Set<String> = [
    "n", "tempo", "activity_cutoff_blocks", "kappa_u16", "bonds_penalty_u16", "bonds_moving_average", "yuma3",
    "liquid_alpha", "alpha_low_u16", "alpha_high_u16", "alpha_sigmoid_steepness", "max_allowed_validators",
    "tao_weight_u64", "stake_threshold", "rao_emission", "owner_uid", "last_mechanism_step_block", "commit_reveal",
    "bonds_reset_on",
  ]

  func parameters(_ o: [String: JSONValue], _ p: String) throws -> EpochScenarioParameters {
    for key in o.keys.sorted() where !Self.knownParams.contains(key) { throw error("\(p).\(key)", "unknown parameter") }
    let n = Int(try int(o["n"], "\(p).n", min: 0, max: 1 << 20))
    var hp = EpochHyperparameters()
    hp.kappa = try u16(o["kappa_u16"], "\(p).kappa_u16")
    hp.bondsPenalty = try u16(o["bonds_penalty_u16"], "\(p).bonds_penalty_u16")
    hp.bondsMovingAverage = try unsigned(o["bonds_moving_average"], "\(p).bonds_moving_average")
    hp.yuma3 = try bool(o["yuma3"], "\(p).yuma3")
    hp.liquidAlpha = try bool(o["liquid_alpha"], "\(p).liquid_alpha")
    if o["alpha_low_u16"] != nil { hp.alphaLow = try u16(o["alpha_low_u16"], "\(p).alpha_low_u16") }
    if o["alpha_high_u16"] != nil { hp.alphaHigh = try u16(o["alpha_high_u16"], "\(p).alpha_high_u16") }
    if o["alpha_sigmoid_steepness"] != nil {
      hp.alphaSigmoidSteepness = Int16(try int(o["alpha_sigmoid_steepness"], "\(p).alpha_sigmoid_steepness", min: -32_768, max: 32_767))
    }
    hp.maxAllowedValidators = Int(try int(o["max_allowed_validators"], "\(p).max_allowed_validators", min: 0, max: 1 << 20))
    hp.activityCutoffBlocks = try int(o["activity_cutoff_blocks"], "\(p).activity_cutoff_blocks", min: 0)
    hp.taoWeight = try unsigned(o["tao_weight_u64"], "\(p).tao_weight_u64")
    hp.stakeThreshold = try unsigned(o["stake_threshold"], "\(p).stake_threshold")
    hp.commitReveal = o["commit_reveal"] == nil ? false : try bool(o["commit_reveal"], "\(p).commit_reveal")
    if o["bonds_reset_on"] != nil { hp.bondsResetOn = try bool(o["bonds_reset_on"], "\(p).bonds_reset_on") }
    var owner: Int? = nil
    if let v = o["owner_uid"], !v.isNull { owner = Int(try int(v, "\(p).owner_uid", min: 0, max: Int64(max(n - 1, 0)))) }
    return EpochScenarioParameters(
      n: n, tempo: try int(o["tempo"], "\(p).tempo", min: 0), emission: try unsigned(o["rao_emission"], "\(p).rao_emission"),
      ownerUID: owner,
      lastMechanismStepBlock: o["last_mechanism_step_block"] == nil
        ? 0 : try int(o["last_mechanism_step_block"], "\(p).last_mechanism_step_block", min: 0),
      hyperparameters: hp)
  }

  func scenario(
    name: String, params: [String: JSONValue], inputs: [String: JSONValue], expected: [String: JSONValue],
    fraction: Tolerance, _ p: String
  ) throws -> EpochScenario {
    let parameters = try self.parameters(params, "\(p).params")
    let n = parameters.n
    let ip = "\(p).inputs"
    let known: Set<String> = ["alpha_stake", "registration_block", "last_update", "validator_permit", "start_block", "steps", "name", "params"]
    for key in inputs.keys.sorted() where !known.contains(key) { throw error("\(ip).\(key)", "unknown input") }
    let stake = try perUID(inputs["alpha_stake"], n: n, "\(ip).alpha_stake") { try unsigned($0, $1) }
    let registration = try perUID(inputs["registration_block"], n: n, "\(ip).registration_block") { try int($0, $1, min: 0) }
    let lastUpdate = try perUID(inputs["last_update"], n: n, "\(ip).last_update") { try int($0, $1, min: 0) }
    let permit = try perUID(inputs["validator_permit"], n: n, "\(ip).validator_permit") { try bool($0, $1) }
    let startBlock = try int(inputs["start_block"], "\(ip).start_block", min: 0)
    var labels: [String] = []
    let steps = try array(inputs["steps"], "\(ip).steps").enumerated().map { k, s in
      try step(s, n: n, labels: &labels, "\(ip).steps[\(k)]")
    }
    var expectations: [(label: String, state: ExpectedState)] = []
    for key in expected.keys.sorted() where !labels.contains(key) {
      throw error("\(p).expected.\(key)", "no run_epoch step has this label")
    }
    for label in labels {
      guard let e = expected[label] else { continue }
      expectations.append((label, try expectedState(e, n: n, "\(p).expected.\(label)")))
    }
    return EpochScenario(
      name: name, parameters: parameters, alphaStake: stake, registrationBlock: registration, lastUpdate: lastUpdate,
      validatorPermit: permit, startBlock: startBlock, steps: steps, expected: expectations, fractionTolerance: fraction)
  }

  func step(_ v: JSONValue, n: Int, labels: inout [String], _ p: String) throws -> ScenarioStep {
    let o = try object(v, p)
    for key in o.keys.sorted() where key != "block" && key != "actions" { throw error("\(p).\(key)", "unknown key") }
    let block: Int64? = o["block"] == nil ? nil : try int(o["block"], "\(p).block", min: 0)
    var actions: [ScenarioAction] = []
    for (k, a) in try array(o["actions"], "\(p).actions").enumerated() {
      let ap = "\(p).actions[\(k)]"
      let ao = try object(a, ap)
      let op = try string(ao["op"], "\(ap).op")
      func only(_ keys: Set<String>) throws {
        for key in ao.keys.sorted() where key != "op" && !keys.contains(key) { throw error("\(ap).\(key)", "unknown key for \(op)") }
      }
      switch op {
      case "set_weights":
        try only(["uid", "dests", "values"])
        let dests = try uids(ao["dests"], n: n, "\(ap).dests")
        let values = try array(ao["values"], "\(ap).values").enumerated().map { try u16($1, "\(ap).values[\($0)]") }
        if dests.count != values.count { throw error(ap, "\(dests.count) dests but \(values.count) values") }
        if Set(dests).count != dests.count { throw error("\(ap).dests", "a uid appears twice") }
        actions.append(.setWeights(uids: try uids(ao["uid"], n: n, "\(ap).uid"), dests: dests, values: values))
      case "run_epoch":
        try only(["label"])
        var label: String? = nil
        if let l = ao["label"] {
          let text = try string(l, "\(ap).label")
          if labels.contains(text) { throw error("\(ap).label", "label \"\(text)\" is used twice") }
          labels.append(text)
          label = text
        }
        actions.append(.runEpoch(label: label))
      case "replace_neuron":
        try only(["uid", "new_alpha_stake"])
        actions.append(.replaceNeuron(
          uid: Int(try int(ao["uid"], "\(ap).uid", min: 0, max: Int64(n - 1))),
          newAlphaStake: ao["new_alpha_stake"] == nil ? 0 : try unsigned(ao["new_alpha_stake"], "\(ap).new_alpha_stake")))
      case "add_stake":
        try only(["uids", "uid", "amount"])
        let targets = try uids(ao["uids"] ?? ao["uid"], n: n, "\(ap).uids")
        actions.append(.addStake(uids: targets, amount: try unsigned(ao["amount"], "\(ap).amount")))
      case "reset_bonds_column":
        try only(["uid"])
        actions.append(.resetBondsColumn(uid: Int(try int(ao["uid"], "\(ap).uid", min: 0, max: Int64(n - 1)))))
      default:
        throw error("\(ap).op", "unknown action \"\(op)\" (set_weights, run_epoch, replace_neuron, add_stake, reset_bonds_column)")
      }
    }
    return ScenarioStep(block: block, actions: actions)
  }

  func expectedState(_ v: JSONValue, n: Int, _ p: String) throws -> ExpectedState {
    let o = try object(v, p)
    var e = ExpectedState()
    func uidMap(_ key: String) throws -> [(Int, JSONValue)] {
      guard let m = o[key] else { return [] }
      return try object(m, "\(p).\(key)").map { k, value in
        guard let uid = Int(k), uid >= 0, uid < n else { throw error("\(p).\(key).\(k)", "key must be a uid in 0..<\(n)") }
        return (uid, value)
      }.sorted { $0.0 < $1.0 }
    }
    for key in o.keys.sorted() {
      switch key {
      case "emission":
        e.emission = try uidMap(key).map { ($0, try unsigned($1, "\(p).emission.\($0)")) }
      case "dividends_u16":
        e.dividendsU16 = try uidMap(key).map { ($0, try u16($1, "\(p).\(key).\($0)")) }
      case "consensus_u16":
        e.consensusU16 = try uidMap(key).map { ($0, try u16($1, "\(p).\(key).\($0)")) }
      case "incentive_u16":
        e.incentiveU16 = try uidMap(key).map { ($0, try u16($1, "\(p).\(key).\($0)")) }
      case "bonds_u16":
        e.bondsU16 = try object(o[key], "\(p).bonds_u16").map { k, value in
          let parts = k.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
          guard parts.count == 2, let i = parts[0], let j = parts[1], i >= 0, i < n, j >= 0, j < n else {
            throw error("\(p).bonds_u16.\(k)", "key must be \"i,j\" with uids in 0..<\(n)")
          }
          return (i, j, try u16(value, "\(p).bonds_u16.\(k)"))
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
      case "validator_permit":
        let list = try array(o[key], "\(p).validator_permit")
        if list.count != n { throw error("\(p).validator_permit", "has \(list.count) entries, expected n = \(n)") }
        e.validatorPermit = try list.enumerated().map { try bool($1, "\(p).validator_permit[\($0)]") }
      case "dividends_fraction":
        let list = try numbers(o[key], "\(p).dividends_fraction")
        if list.count != n { throw error("\(p).dividends_fraction", "has \(list.count) entries, expected n = \(n)") }
        e.dividendsFraction = list
      default:
        throw error("\(p).\(key)", "unknown expected field")
      }
    }
    return e
  }
}
