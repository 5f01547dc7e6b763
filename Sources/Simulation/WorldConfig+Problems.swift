/// What a configuration problem is about, so that a caller can point at the place it came from
/// (a scenario reader maps ``agent(_:key:)`` to the `attacks[k]` entry that configured the agent).
public enum ConfigSubject: Sendable, Hashable {
  /// A field of the configuration, named by its scenario key (`network.uids_per_subnet`).
  case key(String)
  /// ``WorldConfig/agents``[k], optionally one of its keys (`subnets`).
  case agent(Int, key: String? = nil)
  /// ``WorldConfig/subnetOverrides``[k].
  case subnetOverride(Int)
}

/// One thing wrong with a ``WorldConfig``: its subject and what is wrong, in words.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
  public var subject: ConfigSubject
  public var message: String

  public init(_ subject: ConfigSubject, _ message: String) {
    self.subject = subject
    self.message = message
  }

  /// `subject: message`, the subject written as a scenario key path (`agents[0].subnets: …`).
  public var description: String {
    switch subject {
    case .key(let key): "\(key): \(message)"
    case .agent(let k, let key): "agents[\(k)]\(key.map { "." + $0 } ?? ""): \(message)"
    case .subnetOverride(let k): "subnet_overrides[\(k)]: \(message)"
    }
  }
}

extension WorldConfig {
  /// Every problem with the configuration (empty when valid), each with its subject.
  public func problems() -> [ConfigProblem] {
    var out: [ConfigProblem] = []
    func add(_ key: String, _ messages: [String]) { out += messages.map { ConfigProblem(.key(key), $0) } }
    add("chain", chain.problems())
    add("subnet", hyperparameters.problems())
    if subnetCount < 0 || subnetCount > chain.subnetLimit {
      add("network.subnets", ["must be in 0...\(chain.subnetLimit), got \(subnetCount)"])
    }
    for (k, o) in subnetOverrides.enumerated() {
      for s in o.subnets where s < 1 || s > subnetCount {
        out.append(ConfigProblem(.subnetOverride(k), "names subnet \(s), outside 1...\(subnetCount)"))
      }
    }
    if subnetCount >= 1 {
      for index in 1...subnetCount {
        let h = hyperparameters(forSubnet: index)
        add("subnet", h.problems().map { "subnet \(index): \($0)" })
        if uidsPerSubnet > h.maxAllowedUids {
          add("network.uids_per_subnet", ["\(uidsPerSubnet) exceeds subnet \(index)'s max_allowed_uids (\(h.maxAllowedUids))"])
        }
        let placing = agents.indices.filter { agents[$0].placements.contains { $0.subnet == index } }
        let placed = placing.reduce(0) { sum, k in
          sum + agents[k].placements.filter { $0.subnet == index }.reduce(0) { $0 + $1.count }
        }
        if 1 + validatorsPerSubnet + placed > uidsPerSubnet {
          // Point at the last agent that places neurons there (the one that no longer fits), else the network.
          let subject: ConfigSubject = placing.last.map { .agent($0) } ?? .key("network.validators_per_subnet")
          out.append(ConfigProblem(subject,
            "subnet \(index): owner + \(validatorsPerSubnet) validators + \(placed) agent neurons exceed \(uidsPerSubnet) UIDs"))
        }
      }
    }
    if validatorsPerSubnet < 0 { add("network.validators_per_subnet", ["must be ≥ 0, got \(validatorsPerSubnet)"]) }
    if rootValidators < 0 || rootValidators > validatorsPerSubnet {
      add("network.root_validators", ["must be in 0...validators_per_subnet (\(validatorsPerSubnet)), got \(rootValidators)"])
    }
    if validators.weightIntervalBlocks < hyperparameters.weightsRateLimit {
      add("validators.weight_interval_blocks", [
        "\(validators.weightIntervalBlocks) is below the weights rate limit (\(hyperparameters.weightsRateLimit)): most submissions would be refused"
      ])
    }
    if let range = validators.weightIntervalRange, range.lowerBound < hyperparameters.weightsRateLimit {
      add("validators.weight_interval_blocks_range", [
        "starts at \(range.lowerBound), below the weights rate limit (\(hyperparameters.weightsRateLimit)): those validators' submissions would be refused"
      ])
    }
    add("emission.gate", emissionGate.problems())
    if shareRefreshBlocks < 1 { add("emission.share_refresh_blocks", ["must be ≥ 1, got \(shareRefreshBlocks)"]) }
    if horizonBlocks < 0 { add("horizon_days", ["horizon_blocks must be ≥ 0, got \(horizonBlocks)"]) }
    do { _ = try EmissionPoliciesBridge.make(emissionPolicy, emissionPolicyParameters) } catch {
      add("emission.policy", [error.description])
    }
    add("genesis", genesis.problems())
    if let snapshot = genesis.snapshot, snapshot.subnets.count != subnetCount {
      add("genesis.snapshot", ["chooses \(snapshot.subnets.count) subnets but network.subnets is \(subnetCount)"])
    }
    add("subnet_utility", subnetUtility.problems())
    add("miners", miners.problems())
    add("validators", validators.problems())
    add("nominators", nominators.problems())
    add("stakers", stakers.problems())
    add("economics", economics.problems())
    add("record", recording.problems())
    for (k, a) in agents.enumerated() {
      for p in a.placements where p.subnet < 1 || p.subnet > subnetCount {
        out.append(ConfigProblem(.agent(k, key: "subnets"),
          "\(a.name) places neurons on subnet \(p.subnet), outside 1...\(subnetCount) (network.subnets)"))
      }
    }
    return out
  }
}
