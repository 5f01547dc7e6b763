import NetworkModel

/// A period of the chain's history with one set of emission rules (spec §17.0's timeline), for
/// replaying past eras. `chain.era` in a scenario selects one; individual keys still override it.
///
/// This file is the one declaration of the eras: ``rules`` is what the model switches, and
/// ``table`` (printed by `taosim describe eras`, quoted in `docs/network-economics.md`) is built
/// from it, with the rules the model does not have yet listed beside them.
public enum RuleEra: String, Sendable, CaseIterable, Equatable, Hashable {
  /// dTAO launch (2025-02-13, `migrate_rao`): price-EMA shares, alpha_in capped at the block
  /// emission.
  case feb2025 = "2025-02"
  /// TAO-flow shares (2025-11 → 2026-06-22).
  case nov2025 = "2025-11"
  /// subtensor 14bc6f9 (2026-06-30, spec 425): price EMA × (1 − MinerBurned), root-proportion cap.
  case jun2026 = "2026-06"
  /// The Hill emission gate in rank mode (live 2026-08-03; (1 − MinerBurned) restored 2026-08-11).
  case aug2026 = "2026-08"

  /// The default: the latest era.
  public static let latest = RuleEra.aug2026

  /// One line on what the era is.
  public var summary: String {
    switch self {
    case .feb2025: "dTAO launch (2025-02-13, migrate_rao): shares ∝ EMA price, alpha_in ≤ min(A, block emission)"
    case .nov2025: "TAO-flow shares (2025-11 → 2026-06-22): shares ∝ EMA of net TAO inflow"
    case .jun2026: "subtensor 14bc6f9 (2026-06-30, spec 425): EMA price × (1 − MinerBurned), alpha_in ≤ ρ·A"
    case .aug2026: "Hill emission gate, rank-pinned bar N = 32 (live 2026-08-03; (1 − MinerBurned) restored 2026-08-11)"
    }
  }

  /// The modelled rules of an era.
  public struct Rules: Sendable, Equatable {
    /// The subnet emission policy (`emission.policy.kind`).
    public var policy: String
    /// Its parameters (`emission.policy.*`).
    public var policyParameters: [String: Double]
    /// The Hill gate (`emission.gate`).
    public var gate: EmissionGate
    /// The alpha_in cap (`chain.injection_cap`).
    public var injectionCap: InjectionCap
    /// τ as u64 (`chain.tao_weight`).
    public var taoWeight: UInt64
    /// `NetworkMinLockCost` in rao (`chain.min_lock_cost_tao`).
    public var minLockCost: UInt64
    /// Registration burns count as TAO flow (`chain.registration_burn_is_flow`).
    public var registrationBurnIsFlow: Bool
    /// The subnet pool (spec §17.6).
    public var poolKind: LiquidityPool.Kind
    /// The user swap fee as u16 (spec §17.6).
    public var swapFeeRate: UInt16
    /// New-subnet seeding (spec §17.2).
    public var subnetSeeding: SubnetSeeding
    /// Blocks until a new subnet's emission is enabled; `nil` = never
    /// (`subnet_registration.enable_emission_after_days`, spec §17.2).
    public var enableEmissionAfterBlocks: Int64?
    /// Dissolution terms of subnets registered in the era (spec §17.4).
    public var registrationTerms: DissolutionTerms
    /// Root dividends paid at once or claimed (`chain.root_claims.timing`, spec §17.7; since 2025-09).
    public var rootClaimTiming: RootClaimTiming = .claimed
    /// Root auto-parenting of new subnets' owners (`chain.child_keys.auto_parent`, spec §17.5; since 2026-03-16).
    public var autoParent = true
    /// Conviction locks and owner change (`chain.locks.enabled`, spec §17.8; since 2026-04-17 / 06-26).
    public var convictionLocks = true
  }

  /// The rules in force in this era: 14bc6f9's (2026-06) and what each other era changes.
  public var rules: Rules {
    var r = Rules(
      policy: "price-ema", policyParameters: ["miner_burn_weighting": 1], gate: .off, injectionCap: .rootProportion,
      taoWeight: ChainParameters.mainnetTaoWeight, minLockCost: ChainParameters.mainnetMinLockCost,
      registrationBurnIsFlow: true, poolKind: .balancer, swapFeeRate: LiquidityPool.defaultFeeRate,
      subnetSeeding: .lockAtMedianPrice, enableEmissionAfterBlocks: nil, registrationTerms: .current)
    // Before the Balancer pool (2026-03-17), new-subnet seeding at the median (2026-04) and the
    // emission-disabled start (2026-06-23): a constant-product pool without a fee, the minimum
    // lock at price 1, emission from registration.
    func beforeBalancer(_ r: inout Rules) {
      r.autoParent = false
      r.convictionLocks = false
      r.poolKind = .constantProduct
      r.swapFeeRate = 0
      r.subnetSeeding = .minLockAtParity
      r.enableEmissionAfterBlocks = 0
    }
    switch self {
    case .feb2025:
      r.policyParameters = ["miner_burn_weighting": 0]
      r.injectionCap = .blockEmission
      r.registrationBurnIsFlow = false
      beforeBalancer(&r)
      r.registrationTerms = .legacy
      r.rootClaimTiming = .immediate
    case .nov2025:
      r.policy = "tao-flow"
      r.policyParameters = [:]
      r.injectionCap = .blockEmission
      beforeBalancer(&r)
      r.registrationTerms = .standard
    case .jun2026:
      break
    case .aug2026:
      r.gate = EmissionGate(mode: .rank, rank: 32)
    }
    return r
  }

  /// The chain parameters of this era on top of `base`: `base` with every modelled chain rule of
  /// the era set (injection cap, τ, minimum lock, registration burn as flow, pool kind and fee,
  /// new-subnet seeding, emission-enable delay, dissolution terms, root-claim timing, auto-parenting).
  public func chainParameters(_ base: ChainParameters = ChainParameters()) -> ChainParameters {
    let r = rules
    var c = base
    c.injectionCap = r.injectionCap
    c.taoWeight = r.taoWeight
    c.minLockCost = r.minLockCost
    c.registrationBurnIsFlow = r.registrationBurnIsFlow
    c.poolKind = r.poolKind
    c.swapFeeRate = r.swapFeeRate
    c.subnetSeeding = r.subnetSeeding
    c.enableEmissionAfterBlocks = r.enableEmissionAfterBlocks
    c.registrationTerms = r.registrationTerms
    c.rootClaims.timing = r.rootClaimTiming
    c.childKeys.autoParent = r.autoParent
    c.locks.enabled = r.convictionLocks
    return c
  }
}

/// One row of the era table.
public struct EraTableRow: Sendable, Equatable {
  /// The rule.
  public var rule: String
  /// Its value in each era, in `RuleEra.allCases` order.
  public var values: [String]
  /// The spec section(s).
  public var spec: String
  /// The scenario key that overrides it, or why it is not modelled.
  public var key: String
}

extension RuleEra {
  /// The era table: modelled rules (derived from ``rules``) first, then the rules of §17.0 the model
  /// does not have yet.
  public static var table: [EraTableRow] {
    let eras = allCases
    func row(_ rule: String, _ spec: String, _ key: String, _ value: (RuleEra) -> String) -> EraTableRow {
      EraTableRow(rule: rule, values: eras.map(value), spec: spec, key: key)
    }
    func missing(_ rule: String, _ spec: String, _ model: String, _ values: String...) -> EraTableRow {
      EraTableRow(rule: rule, values: values, spec: spec, key: "not yet modelled (\(model))")
    }
    func share(_ e: RuleEra) -> String {
      let r = e.rules
      guard r.policy == "price-ema" else { return r.policy }
      return (r.policyParameters["miner_burn_weighting"] ?? 1) >= 0.5 ? "price-ema × (1 − MinerBurned)" : "price-ema"
    }
    func gate(_ e: RuleEra) -> String {
      let g = e.rules.gate
      switch g.mode {
      case .off: return "off"
      case .rank: return "rank N = \(g.rank), h = \(NumberText.plain(g.exponent))"
      case .quantile: return "q-mass q = \(NumberText.plain(g.quantile)), h = \(NumberText.plain(g.exponent))"
      }
    }
    return [
      row("subnet share rule", "yuma §9.3, §17.1.1", "emission.policy", share),
      row("Hill emission gate", "§17.1", "emission.gate", gate),
      row("alpha_in injection cap", "yuma §9.6", "chain.injection_cap") {
        $0.rules.injectionCap == .rootProportion ? "ρ·A (root proportion)" : "min(A, block emission)"
      },
      row("TAO weight τ", "§17.0, yuma §3.2", "chain.tao_weight") {
        NumberText.plain(Double($0.rules.taoWeight) / 18_446_744_073_709_551_615.0, digits: 4)
      },
      row("minimum lock", "§17.0, §17.2", "chain.min_lock_cost_tao") {
        NumberText.plain(FixedMath.tokens($0.rules.minLockCost)) + " TAO"
      },
      row("registration burn counts as TAO flow", "§17.10", "chain.registration_burn_is_flow") {
        $0.rules.registrationBurnIsFlow ? "yes" : "no"
      },
      row("new-subnet seeding", "§17.2", "chain.era") {
        $0.rules.subnetSeeding == .minLockAtParity
          ? "min lock TAO at price 1, rest recycled" : "lock at median price, no owner alpha"
      },
      row("new subnets' emission enabled after", "§17.2", "subnet_registration.enable_emission_after_days") {
        guard let d = $0.rules.enableEmissionAfterBlocks else { return "never (root only)" }
        return d == 0 ? "at once" : NumberText.plain(Double(d) / 7_200) + " days"
      },
      row("subnet pool", "§17.6", "chain.era") {
        $0.rules.poolKind == .constantProduct
          ? "constant product, no fee"
          : "Balancer, fee \($0.rules.swapFeeRate)/65535 to block author"
      },
      row("dissolution terms of new subnets", "§17.4", "chain.era") {
        switch $0.rules.registrationTerms {
        case .legacy: "legacy: owner refund, protocol = bought alpha"
        case .standard: "no refund, protocol = bought alpha"
        case .current: "no refund, protocol = alpha in + bought alpha"
        }
      },
      row("root dividends", "§17.7", "chain.root_claims.timing") {
        $0.rules.rootClaimTiming == .immediate ? "paid at once" : "claimed (k = 5 coldkeys per block)"
      },
      row("root auto-parenting of new owners", "§17.5", "chain.child_keys.auto_parent") { $0.rules.autoParent ? "yes" : "no" },
      row("conviction locks / owner change", "§17.8", "chain.locks.enabled") { $0.rules.convictionLocks ? "yes" : "no" },
      missing("transaction fees", "§17.3", "no transaction fees", "block author", "block author", "block author",
        "recycled (v444)"),
    ]
  }

  /// The table as Markdown.
  public static var markdownTable: String {
    var lines = [
      "| rule | " + allCases.map(\.rawValue).joined(separator: " | ") + " | spec | key |",
      "|---|" + allCases.map { _ in "---|" }.joined() + "---|---|",
    ]
    for r in table {
      lines.append("| " + ([r.rule] + r.values + [r.spec, r.key]).joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Short number text for tables (no Foundation).
enum NumberText {
  /// `x` without a trailing `.0`, rounded to `digits` decimals.
  static func plain(_ x: Double, digits: Int = 6) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    if rounded == rounded.rounded() { return String(Int64(rounded)) }
    return "\(rounded)"
  }
}
