/// What a hotkey is in the model: the tag that attack and fairness metrics group by.
///
/// The chain knows no roles (spec §0.1: the role follows from stake, permits and behaviour); the
/// tag records who controls a hotkey and why, so that `honest_emission_share`,
/// `attacker_emission_share` and the copier metrics can be computed. Attacker classes are
/// open-ended: each attack names its own (e.g. `attacker("copier")`).
public enum NeuronClass: Hashable, Sendable, CustomStringConvertible {
  /// A miner that produces latent utility and never sets weights.
  case honestMiner
  /// A validator that weights miners by its (noisy) view of their utility.
  case honestValidator
  /// A subnet owner's hotkey.
  case owner
  /// A hotkey controlled by an attack; the label names the attack.
  case attacker(String)

  /// Whether the hotkey belongs to an attack.
  @inlinable public var isAttacker: Bool {
    if case .attacker = self { return true }
    return false
  }

  /// Whether the hotkey is an honest participant (miner or validator).
  @inlinable public var isHonest: Bool { self == .honestMiner || self == .honestValidator }

  /// A stable label for results: `honest_miner`, `honest_validator`, `owner` or `attacker:<name>`.
  public var description: String {
    switch self {
    case .honestMiner: "honest_miner"
    case .honestValidator: "honest_validator"
    case .owner: "owner"
    case .attacker(let name): "attacker:\(name)"
    }
  }
}
