import Agents
import Recording

/// The scenario's `attacks:` list: each item a kind-tagged attack (copier, cabal, self-dealing,
/// sybil, whales) with its parameters, read into plain ``AttackSpec`` values.
///
/// Amounts are written in tokens (TAO, alpha) and converted to base units; takes and shares are
/// fractions. Every key has a default, a range and a one-line doc (`taosim describe behaviours`).
public enum AttackSpecs {
  /// The attack kinds, in `describe` order.
  static func variants(networkSubnets: Int) -> [TaggedVariant<AttackSpec.Kind>] {
    [
      TaggedVariant("copier", doc: "weight copier: submits what it can see of others' weights (spec §10)", read: { readCopier($0, networkSubnets) }),
      TaggedVariant("cabal", doc: "colluding validators and miners: W_C on own miners, the rest by utility (spec §15.3)",
        read: { readCabal($0, networkSubnets) }),
      TaggedVariant("self-dealing", doc: "a validator that over-weights miners it owns", read: { readSelfDealing($0, networkSubnets) }),
      TaggedVariant("sybil", doc: "one owner registering miner UIDs while expected reward exceeds the burn (spec §11.2)",
        read: { readSybil($0, networkSubnets) }),
      TaggedVariant("whales", doc: "compounding whale validators and delegation by preferential attachment",
        read: { readWhales($0, networkSubnets) }),
    ]
  }

  /// Reads `attacks:` (absent = none); `networkSubnets` is what `subnets: all` means.
  static func read(_ reader: ObjectReader, networkSubnets: Int) -> [AttackSpec] {
    let variants = variants(networkSubnets: networkSubnets)
    let items: [AttackSpec?] = reader.list(
      "attacks", doc: "adversarial participants, each kind-tagged; any number, any mix"
    ) { item in
      let (kind, json) = item.tagged(doc: "one attack", default: nil, variants: variants)
      return (kind.map { AttackSpec(kind: $0, origin: item.origin) }, json)
    }
    return items.compactMap { $0 }
  }

  static let rao = 1_000_000_000.0

  static func name(_ r: ObjectReader, _ kind: String) -> String {
    r.string("name", default: kind, doc: "a short name for results and random-stream keys") { text in
      ScenarioSpec.nameProblem(text)
    }
  }

  /// `subnets:`: a list of netuids, or `all` (every subnet of the network, 1…network.subnets).
  static func subnets(_ r: ObjectReader, _ networkSubnets: Int) -> [Int] {
    let field = r.field("subnets")
    if !r.context.documenting, let node = field.node, case .scalar(let text, true) = node.content, text == "all" {
      let all = Array(1...max(1, networkSubnets))
      r.store("subnets", .array(all.map { .integer(Int64($0)) }))
      return all
    }
    let (list, _) = field.list(
      doc: "netuids the attack places neurons on / acts on (default [1]), or all (every subnet)", default: [1]
    ) { item in
      item.integer(default: nil, in: 1...4_095, doc: "a netuid")
    }
    r.store("subnets", .array(list.map { .integer(Int64($0)) }))
    return list
  }

  static func tokens(_ r: ObjectReader, _ key: String, default value: Double, doc: String) -> UInt64 {
    UInt64((r.number(key, default: value, in: .closed(0, 1e9), unit: "tokens", doc: doc) * rao).rounded(.down))
  }

  static func interval(_ r: ObjectReader, default value: Int64, phase: Int64) -> (Int64, Int64) {
    let interval = r.integer("interval_blocks", default: Int(value), in: 1...10_000_000, unit: "blocks",
      doc: "blocks between activations")
    let start = r.integer("phase_blocks", default: Int(phase), in: 0...10_000_000, unit: "blocks",
      doc: "block of the first activation")
    return (Int64(interval), Int64(start))
  }

  static func readCopier(_ r: ObjectReader, _ networkSubnets: Int) -> AttackSpec.Kind {
    let name = name(r, "copier")
    let subnets = subnets(r, networkSubnets)
    let count = r.integer("count", default: 1, in: 1...4_096, unit: "hotkeys", doc: "copier hotkeys per subnet")
    let stake = tokens(r, "stake_alpha", default: 20_000, doc: "alpha stake of each copier hotkey at genesis")
    var p = WeightCopierParameters()
    p.source = CopySource(rawValue: r.choice("source", CopySource.allCases.map(\.rawValue), default: p.source.rawValue,
      doc: "stake-mean: stake-weighted mean of visible rows; consensus: last incentive; validator: one validator's row"))
      ?? .stakeMean
    p.targetRank = r.integer("target_rank", default: 1, in: 1...4_096,
      doc: "source validator: copy the permit holder of this stake rank (1 = largest)")
    p.leadBlocks = Int64(r.integer("lead_blocks", default: 1, in: 1...100_000, unit: "blocks",
      doc: "the copier submits this many blocks before each of its subnets' epochs"))
    let take = r.number("take", default: -1, in: .closed(-1, 0.18), unit: "share",
      doc: "delegate take of the copier's hotkeys (−1 keeps the chain default, spec §8.2)")
    p.take = take < 0 ? nil : UInt16(min(11_796, (take * 65_535).rounded()))
    return .copier(name: name, parameters: p, subnets: subnets, count: count, stake: stake)
  }

  /// The keys every validators-plus-miners attack shares.
  static func coalition(_ r: ObjectReader, _ networkSubnets: Int, who: String, validators: Int, miners: Int, utility: Double) -> Coalition {
    Coalition(
      subnets: subnets(r, networkSubnets),
      validators: r.integer("validators", default: validators, in: 0...4_096, unit: "hotkeys", doc: "\(who) validators per subnet"),
      stake: tokens(r, "stake_alpha", default: 20_000, doc: "alpha stake of each \(who) validator at genesis"),
      miners: r.integer("miners", default: miners, in: 0...4_096, unit: "hotkeys", doc: "\(who) miners per subnet"),
      minerUtility: r.number("miner_utility", default: utility, in: .closed(0, 1e12),
        doc: "latent utility of each \(who) miner (0 = worthless)"))
  }

  static func readCabal(_ r: ObjectReader, _ networkSubnets: Int) -> AttackSpec.Kind {
    let name = name(r, "cabal")
    let coalition = coalition(r, networkSubnets, who: "cabal", validators: 8, miners: 16, utility: 0)
    var p = CabalParameters()
    p.selfWeight = r.number("self_weight", default: 1, in: .closed(0, 1), unit: "share",
      doc: "W_C: each cabal validator's weight on the cabal's miners")
    (p.intervalBlocks, p.phaseBlocks) = interval(r, default: 360, phase: 1)
    return .cabal(name: name, parameters: p, coalition: coalition)
  }

  static func readSelfDealing(_ r: ObjectReader, _ networkSubnets: Int) -> AttackSpec.Kind {
    let name = name(r, "self-dealing")
    let coalition = coalition(r, networkSubnets, who: "self-dealing", validators: 1, miners: 4, utility: 1)
    var p = SelfDealingParameters()
    p.boost = r.number("boost", default: 10, in: .closed(0, 1e6), unit: "ratio", doc: "factor on its own miners' weights")
    p.weightSigma = r.number("weight_sigma", default: 0.2, in: .closed(0, 100), doc: "its subjectivity noise σ_W")
    (p.intervalBlocks, p.phaseBlocks) = interval(r, default: 360, phase: 1)
    return .selfDealing(name: name, parameters: p, coalition: coalition)
  }

  static func readSybil(_ r: ObjectReader, _ networkSubnets: Int) -> AttackSpec.Kind {
    let name = name(r, "sybil")
    let subnets = subnets(r, networkSubnets)
    let balance = tokens(r, "balance_tao", default: 1_000, doc: "TAO the owner can spend on registrations")
    var p = SybilParameters()
    p.utility = r.number("utility", default: 1, in: .closed(0, 1e12),
      doc: "latent utility each sybil UID serves (one model behind many UIDs; 0 = none)")
    p.maxUIDs = r.integer("max_uids", default: 64, in: 0...4_096, unit: "UIDs", doc: "most UIDs held per subnet")
    p.paybackEpochs = r.number("payback_epochs", default: 14, in: .closed(0, 1e6), unit: "epochs",
      doc: "epochs of earnings a registration must pay for")
    p.margin = r.number("margin", default: 0, in: .closed(0, 100), unit: "ratio",
      doc: "register only while expected reward > burn × (1 + margin)")
    (p.intervalBlocks, p.phaseBlocks) = interval(r, default: 360, phase: 360)
    return .sybil(name: name, parameters: p, subnets: subnets, balance: balance)
  }

  static func readWhales(_ r: ObjectReader, _ networkSubnets: Int) -> AttackSpec.Kind {
    let name = name(r, "whales")
    let subnets = subnets(r, networkSubnets)
    let count = r.integer("count", default: 2, in: 0...4_096, unit: "hotkeys", doc: "whale validators per subnet")
    let stake = tokens(r, "stake_alpha", default: 200_000, doc: "alpha stake of each whale at genesis")
    var p = StakeWhaleParameters()
    p.whaleInflow = tokens(r, "whale_inflow_tao", default: 0, doc: "TAO each whale brings and stakes per activation")
    p.compound = r.boolean("compound", default: true, doc: "re-stake any free TAO of the whales' coldkey")
    p.delegators = r.integer("delegators", default: 64, in: 0...1_000_000, unit: "delegators",
      doc: "delegators attracted per subnet, one preferential-attachment choice each per activation")
    p.delegatorInflow = tokens(r, "delegator_inflow_tao", default: 10, doc: "TAO per delegator per activation")
    p.attachmentExponent = r.number("attachment_exponent", default: 1, in: .closed(0, 10),
      doc: "γ: a delegator picks a permit holder with probability ∝ stake^γ (0 uniform, 1 linear)")
    (p.intervalBlocks, p.phaseBlocks) = interval(r, default: 7_200, phase: 3_600)
    p.weightIntervalBlocks = Int64(r.integer("weight_interval_blocks", default: 360, in: 1...10_000_000, unit: "blocks",
      doc: "blocks between the whales' weight submissions (they validate honestly)"))
    if !r.context.documenting { checkInflow(r, p, whales: count * subnets.count, subnets: subnets.count) }
    return .whales(name: name, parameters: p, subnets: subnets, count: count, stake: stake)
  }

  /// All TAO there will ever be (21 M TAO, in rao): no staking round can bring in more.
  static let supplyRao: UInt64 = 21_000_000 * 1_000_000_000

  /// Reports a staking round whose inflow (whale inflow × whales + delegator inflow ×
  /// delegators × subnets) exceeds the whole TAO supply, at the key that makes it so.
  static func checkInflow(_ r: ObjectReader, _ p: StakeWhaleParameters, whales: Int, subnets: Int) {
    guard let total = p.inflowPerRound(whales: whales, subnets: subnets), total <= supplyRao else {
      var whaleOnly = p
      whaleOnly.delegators = 0
      let key = (whaleOnly.inflowPerRound(whales: whales, subnets: subnets) ?? .max) > supplyRao
        ? "whale_inflow_tao" : "delegator_inflow_tao"
      r.field(key).report(
        "one staking round would bring in more than the 21000000 TAO supply (whale_inflow_tao × \(whales) whales + delegator_inflow_tao × delegators × \(subnets) subnets)")
      return
    }
  }
}
