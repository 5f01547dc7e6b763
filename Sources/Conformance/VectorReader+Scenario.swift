import Consensus
import EpochTypes
import Recording

/// What one epoch scenario is read from, and where each key was written (a merged vector's
/// scenario takes keys from its own entry and from the shared `params` and `inputs`).
struct ScenarioSource {
  var name: String
  var params: [String: JSONValue]
  var paramPath: (String) -> String
  var inputs: [String: JSONValue]
  var inputPath: (String) -> String
  var expected: [String: JSONValue]
  var expectedPath: String
  var fraction: Tolerance
}

/// Epoch scenario parsing (spec §15.1 `params`, `inputs`, `steps`, `expected`).
extension VectorReader {

  static let knownParams: Set<String> = [
    "n", "tempo", "activity_cutoff_blocks", "kappa_u16", "bonds_penalty_u16", "bonds_moving_average", "yuma3",
    "liquid_alpha", "alpha_low_u16", "alpha_high_u16", "alpha_sigmoid_steepness", "max_allowed_validators",
    "tao_weight_u64", "stake_threshold", "rao_emission", "owner_uid", "last_mechanism_step_block", "commit_reveal",
    "bonds_reset_on",
  ]

  static let knownInputs: Set<String> = ["alpha_stake", "registration_block", "last_update", "validator_permit", "start_block", "steps"]

  /// The most weight entries a scenario may store at once (rows × dests summed over the rows set),
  /// so that a few bytes of fill/set cannot ask for an n × n matrix of a million UIDs.
  static let maximumWeightEntries = 1 << 24

  /// The most row writes × n a scenario's `set_weights` may ask for (each row write checks its
  /// dests against all n UIDs), so a UID selection over a million UIDs cannot stall the run.
  static let maximumWeightChecks = 1 << 33

  /// The harness parameters (spec §15.1 `params`); `commit_reveal`, `last_mechanism_step_block`,
  /// `owner_uid` and the Yuma-3 `alpha_*` keys are optional (false, 0, none, chain defaults).
  func parameters(_ o: [String: JSONValue], _ at: (String) -> String) throws -> EpochScenarioParameters {
    for key in o.keys.sorted() where !Self.knownParams.contains(key) { throw error(at(key), "unknown parameter") }
    func value(_ key: String) -> (JSONValue?, String) { (o[key], at(key)) }
    func optional<T>(_ key: String, _ read: (JSONValue?, String) throws -> T) throws -> T? {
      guard let v = o[key], !v.isNull else { return nil }
      return try read(v, at(key))
    }
    let n = Int(try int(o["n"], at("n"), min: 0, max: 1 << 20))
    var hp = EpochHyperparameters()
    hp.kappa = try u16(o["kappa_u16"], at("kappa_u16"))
    hp.bondsPenalty = try u16(o["bonds_penalty_u16"], at("bonds_penalty_u16"))
    hp.bondsMovingAverage = try unsigned(o["bonds_moving_average"], at("bonds_moving_average"))
    hp.yuma3 = try bool(o["yuma3"], at("yuma3"))
    hp.liquidAlpha = try bool(o["liquid_alpha"], at("liquid_alpha"))
    if let v = try optional("alpha_low_u16", u16) { hp.alphaLow = v }
    if let v = try optional("alpha_high_u16", u16) { hp.alphaHigh = v }
    if let v = try optional("alpha_sigmoid_steepness", { try int($0, $1, min: -32_768, max: 32_767) }) {
      hp.alphaSigmoidSteepness = Int16(v)
    }
    hp.maxAllowedValidators = Int(try int(o["max_allowed_validators"], at("max_allowed_validators"), min: 0, max: 1 << 20))
    hp.activityCutoffBlocks = try int(o["activity_cutoff_blocks"], at("activity_cutoff_blocks"), min: 0)
    hp.taoWeight = try unsigned(o["tao_weight_u64"], at("tao_weight_u64"))
    hp.stakeThreshold = try unsigned(o["stake_threshold"], at("stake_threshold"))
    hp.commitReveal = try optional("commit_reveal", bool) ?? false
    if let v = try optional("bonds_reset_on", bool) { hp.bondsResetOn = v }
    return EpochScenarioParameters(
      n: n, tempo: try int(o["tempo"], at("tempo"), min: 0), emission: try unsigned(o["rao_emission"], at("rao_emission")),
      ownerUID: try optional("owner_uid") { try uid($0, n: n, $1) },
      lastMechanismStepBlock: try optional("last_mechanism_step_block") { try int($0, $1, min: 0) } ?? 0,
      hyperparameters: hp)
  }

  func scenario(_ s: ScenarioSource) throws -> EpochScenario {
    let parameters = try self.parameters(s.params, s.paramPath)
    let n = parameters.n
    let inputs = s.inputs
    let at = s.inputPath
    for key in inputs.keys.sorted() where !Self.knownInputs.contains(key) { throw error(at(key), "unknown input") }
    let perUID = Length.perUID(n)
    let stake = try list(inputs["alpha_stake"], perUID, at("alpha_stake")) { try unsigned($0, $1) }
    let registration = try list(inputs["registration_block"], perUID, at("registration_block")) { try int($0, $1, min: 0) }
    let lastUpdate = try list(inputs["last_update"], perUID, at("last_update")) { try int($0, $1, min: 0) }
    let permit = try list(inputs["validator_permit"], perUID, at("validator_permit")) { try bool($0, $1) }
    let startBlock = try int(inputs["start_block"], at("start_block"), min: 0)
    var labels: [String] = []
    let steps = try items(inputs["steps"], nil, at("steps")).enumerated().map { k, step in
      try self.step(step, n: n, labels: &labels, "\(at("steps"))[\(k)]")
    }
    try checkAmounts(steps, initialStake: stake, n: n, at("steps"))
    var expectations: [(label: String, state: ExpectedState)] = []
    for key in s.expected.keys.sorted() where !labels.contains(key) {
      throw error("\(s.expectedPath).\(key)", "no run_epoch step has this label")
    }
    for label in labels {
      guard let e = s.expected[label] else { continue }
      expectations.append((label, try expectedState(e, n: n, "\(s.expectedPath).\(label)")))
    }
    return EpochScenario(
      name: s.name, parameters: parameters, alphaStake: stake, registrationBlock: registration, lastUpdate: lastUpdate,
      validatorPermit: permit, startBlock: startBlock, steps: steps, expected: expectations, fractionTolerance: s.fraction)
  }

  /// Follows the stake and the stored weight rows through the steps: no stake may pass
  /// `UInt64.max` (it would wrap on the chain's `u64`), the weights stored at once stay within
  /// `maximumWeightEntries` and the weight writes within `maximumWeightChecks`.
  func checkAmounts(_ steps: [ScenarioStep], initialStake: [UInt64], n: Int, _ path: String) throws {
    var stake = initialStake
    var rowLength = [Int](repeating: 0, count: n)
    var stored = 0
    var checks = 0
    for (k, step) in steps.enumerated() {
      for (a, action) in step.actions.enumerated() {
        let ap = "\(path)[\(k)].actions[\(a)]"
        switch action {
        case .addStake(let uids, let amount):
          for uid in uids {
            let (sum, overflow) = stake[uid].addingReportingOverflow(amount)
            if overflow { throw error("\(ap).amount", "uid \(uid)'s stake \(stake[uid]) + \(amount) exceeds \(UInt64.max)") }
            stake[uid] = sum
          }
        case .replaceNeuron(let uid, let newStake):
          stake[uid] = newStake
          stored -= rowLength[uid]
          rowLength[uid] = 0
        case .setWeights(let uids, let dests, _):
          for uid in uids {
            stored += dests.count - rowLength[uid]
            rowLength[uid] = dests.count
          }
          if stored > Self.maximumWeightEntries {
            throw error(ap, "the scenario would store \(stored) weight entries at once (at most \(Self.maximumWeightEntries))")
          }
          checks += uids.count * max(n, 1)
          if checks > Self.maximumWeightChecks {
            throw error(ap, "set_weights rows × n reach \(checks) here (at most \(Self.maximumWeightChecks))")
          }
        case .runEpoch, .resetBondsColumn:
          break
        }
      }
    }
  }

  func step(_ v: JSONValue, n: Int, labels: inout [String], _ p: String) throws -> ScenarioStep {
    let o = try object(v, p)
    try onlyKeys(o, ["block", "actions"], p)
    let block: Int64? = o["block"] == nil || o["block"] == .null ? nil : try int(o["block"], "\(p).block", min: 0)
    var actions: [ScenarioAction] = []
    for (k, a) in try items(o["actions"], nil, "\(p).actions").enumerated() {
      actions.append(try action(a, n: n, labels: &labels, "\(p).actions[\(k)]"))
    }
    return ScenarioStep(block: block, actions: actions)
  }

  /// One action (spec §15.1): `set_weights`, `run_epoch`, `replace_neuron`, `add_stake`, `reset_bonds_column`.
  func action(_ v: JSONValue, n: Int, labels: inout [String], _ ap: String) throws -> ScenarioAction {
    let ao = try object(v, ap)
    let op = try string(ao["op"], "\(ap).op")
    func only(_ keys: Set<String>) throws { try onlyKeys(ao, keys.union(["op"]), ap, "key for \(op)") }
    switch op {
    case "set_weights":
      try only(["uid", "dests", "values"])
      let dests = try uids(ao["dests"], n: n, "\(ap).dests")
      if let twice = Self.firstRepeat(dests) { throw error("\(ap).dests", "uid \(twice) appears twice") }
      let values = try list(ao["values"], Length(count: dests.count, meaning: "one per dest"), "\(ap).values") { try u16($0, $1) }
      return .setWeights(uids: try uids(ao["uid"], n: n, "\(ap).uid"), dests: dests, values: values)
    case "run_epoch":
      try only(["label"])
      guard let l = ao["label"], !l.isNull else { return .runEpoch(label: nil) }
      let label = try string(l, "\(ap).label")
      if labels.contains(label) { throw error("\(ap).label", "label \"\(label)\" is used twice") }
      labels.append(label)
      return .runEpoch(label: label)
    case "replace_neuron":
      try only(["uid", "new_alpha_stake"])
      return .replaceNeuron(
        uid: try uid(ao["uid"], n: n, "\(ap).uid"),
        newAlphaStake: ao["new_alpha_stake"] == nil ? 0 : try unsigned(ao["new_alpha_stake"], "\(ap).new_alpha_stake"))
    case "add_stake":
      try only(["uids", "uid", "amount"])
      if ao["uids"] != nil && ao["uid"] != nil { throw error("\(ap).uid", "give either uids or uid, not both") }
      let targets = try ao["uids"] != nil ? uids(ao["uids"], n: n, "\(ap).uids") : uids(ao["uid"], n: n, "\(ap).uid")
      return .addStake(uids: targets, amount: try unsigned(ao["amount"], "\(ap).amount"))
    case "reset_bonds_column":
      try only(["uid"])
      return .resetBondsColumn(uid: try uid(ao["uid"], n: n, "\(ap).uid"))
    default:
      throw error("\(ap).op", "unknown action \"\(op)\" (set_weights, run_epoch, replace_neuron, add_stake, reset_bonds_column)")
    }
  }

  static func firstRepeat(_ uids: [Int]) -> Int? {
    var seen = Set<Int>()
    return uids.first { !seen.insert($0).inserted }
  }
}
