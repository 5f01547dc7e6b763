extension WorldConfig {
  /// What is allowed but probably not meant (a run goes ahead; `validate` and `run` print each).
  ///
  /// Permits reaching miners: the epoch gives permits to the `max_validators` UIDs of largest
  /// non-zero stake weight (spec §5), and miners stake their incentive, so when a subnet's
  /// `max_validators` exceeds its owner + honest validators + agent neurons, miners come to hold
  /// validator permits. The centralisation columns then still count only staked validators.
  public func warnings() -> [ConfigProblem] {
    guard subnetCount >= 1, validatorsPerSubnet >= 0 else { return [] }
    var reached: [(subnet: Int, permits: Int, placed: Int, extra: Int)] = []
    for index in 1...subnetCount {
      let placed = agents.reduce(0) { sum, agent in
        sum + agent.placements.filter { $0.subnet == index }.reduce(0) { $0 + $1.count }
      }
      let permits = min(hyperparameters(forSubnet: index).epoch.maxAllowedValidators, uidsPerSubnet)
      let extra = permits - (1 + validatorsPerSubnet + placed)
      if extra > 0 { reached.append((index, permits, placed, extra)) }
    }
    guard let first = reached.first else { return [] }
    let place = reached.count == 1 ? "subnet \(first.subnet)" : "\(reached.count) subnets (e.g. subnet \(first.subnet))"
    return [
      ConfigProblem(
        .key("network.validators_per_subnet"),
        "on \(place), max_validators allows \(first.permits) permits but only the owner + \(validatorsPerSubnet) validators"
          + " + \(first.placed) agent neurons hold stake: \(first.extra) permit(s) go to miners once they stake their"
          + " incentive (centralisation metrics count only staked validators, not miners)")
    ]
  }
}
