import Agents
import NetworkModel

extension ModelSpec {
  /// `chain.root_claims`, `chain.child_keys`, `chain.locks` and `chain.take_limits` (spec §17.5, §17.7–§17.9),
  /// with the chain's defaults (root-claim timing and auto-parenting: `chain.era`'s).
  static func readChainMechanisms(_ r: ObjectReader, _ c: inout ChainParameters) {
    c.rootClaims = r.object("root_claims", doc: "root dividend claims (spec §17.7)") { o in
      var p = c.rootClaims
      p.timing = RootClaimTiming(rawValue: o.choice("timing", RootClaimTiming.allCases.map(\.rawValue),
        default: p.timing.rawValue,
        doc: "immediate = root dividends sold and compounded at each epoch (before 2025-09); claimed = accrued and claimed per coldkey when drawn (default: chain.era's)")) ?? p.timing
      p.type = RootClaimType(rawValue: o.choice("type", RootClaimType.allCases.map(\.rawValue), default: p.type.rawValue,
        doc: "RootClaimType of every coldkey: swap = sell the alpha and stake the TAO on root; keep = keep it as alpha stake")) ?? p.type
      p.perBlock = o.integer("per_block", default: p.perBlock, in: 1...50, unit: "coldkeys",
        doc: "NumRootClaim: coldkeys drawn per block to claim (one coldkey claims about every n/k blocks)")
      let threshold = o.number("threshold_alpha", default: Double(p.threshold) / rao, in: .closed(0, 0.01), unit: "alpha",
        doc: "RootClaimableThreshold: the least owed alpha a claim pays")
      if threshold != Double(p.threshold) / rao { p.threshold = UInt64((threshold * rao).rounded()) }
      return p
    }
    c.childKeys = r.object("child_keys", doc: "child keys and root auto-parenting (spec §17.5)") { o in
      var p = c.childKeys
      p.autoParent = o.boolean("auto_parent", default: p.autoParent,
        doc: "AutoParentDelegationEnabled: each new subnet's owner hotkey becomes the child of every root validator (since 2026-03-16; default: chain.era's)")
      let days = o.number("genesis_younger_than_days", default: Double(p.genesisYoungerThanBlocks) / 7_200, in: .closed(0, 36_500),
        unit: "days", doc: "genesis subnets registered fewer than this many days before genesis are auto-parented at genesis (a snapshot's subnets registered since 2026-03-16); 0 = none")
      if days != Double(p.genesisYoungerThanBlocks) / 7_200 { p.genesisYoungerThanBlocks = Int64((days * 7_200).rounded()) }
      p.coolDownBlocks = Int64(o.integer("cool_down_blocks", default: Int(p.coolDownBlocks), in: 0...100_000_000,
        unit: "blocks", doc: "PendingChildKeyCooldown: blocks before a child set takes effect"))
      p.minTake = u16(o, "min_take", p.minTake, doc: "MinChildkeyTake")
      p.maxTake = u16(o, "max_take", p.maxTake, doc: "MaxChildkeyTake")
      return p
    }
    c.locks = r.object("locks", doc: "conviction locks and the conviction-based owner change (spec §17.8)") { o in
      var p = c.locks
      p.enabled = o.boolean("enabled", default: p.enabled,
        doc: "lock_stake exists and owners change by conviction (since 2026-04-17 / 2026-06-26; default: chain.era's)")
      p.rates.unlockBlocks = o.number("unlock_rate_blocks", default: p.rates.unlockBlocks, in: .closed(1, 1e12), unit: "blocks",
        doc: "UnlockRate τ_u: locked mass decays as e^(−t/τ_u)")
      p.rates.maturityBlocks = o.number("maturity_rate_blocks", default: p.rates.maturityBlocks, in: .closed(1, 1e12),
        unit: "blocks", doc: "MaturityRate τ_m: conviction is the τ_m-EMA of the locked mass")
      p.ownerChangeAgeBlocks = Int64(o.integer("owner_change_age_blocks", default: Int(p.ownerChangeAgeBlocks),
        in: 0...1_000_000_000, unit: "blocks", doc: "a subnet's age before conviction can change its owner"))
      p.ownerCutAutoLock = o.boolean("owner_cut_auto_lock", default: p.ownerCutAutoLock,
        doc: "OwnerCutAutoLockEnabled: each epoch's owner cut is locked to the owner's lock hotkey")
      return p
    }
    c.takeLimits = r.object("take_limits", doc: "rate limits of take increases (spec §17.9, §17.5.4)") { o in
      var p = c.takeLimits
      p.delegateBlocks = Int64(o.integer("delegate_rate_limit_blocks", default: Int(p.delegateBlocks), in: 0...100_000_000,
        unit: "blocks", doc: "TxDelegateTakeRateLimit: blocks between a delegate-take increase and the previous change"))
      p.childkeyBlocks = Int64(o.integer("childkey_rate_limit_blocks", default: Int(p.childkeyBlocks), in: 0...100_000_000,
        unit: "blocks", doc: "TxChildkeyTakeRateLimit: the same per (hotkey, subnet) for childkey take"))
      p.maxDelegateTake = u16(o, "max_delegate_take", p.maxDelegateTake, doc: "MaxDelegateTake")
      return p
    }
  }
}

extension ModelSpec {
  /// `validators.child_delegation`: root validators who delegate stake weight to a child hotkey on
  /// each subnet (spec §17.5.3; off by default).
  static func readChildDelegation(_ r: ObjectReader, _ v: inout HonestValidatorParameters) {
    v.childDelegation = r.object("child_delegation",
      doc: "root validators who pass part of their stake weight to a child hotkey on each subnet (spec §17.5)") { o in
      var p = v.childDelegation
      p.validators = o.integer("validators", default: p.validators, in: 0...4_096, unit: "validators",
        doc: "how many root validators (largest root stake first) delegate; 0 = off")
      p.proportion = o.number("proportion", default: p.proportion, in: .aboveZero(upTo: 1),
        doc: "share of each delegator's stake its child inherits")
      p.intervalBlocks = Int64(o.integer("interval_blocks", default: Int(p.intervalBlocks), in: 1...100_000_000,
        unit: "blocks", doc: "blocks between re-choosing the child (the subnet's largest validator without root stake)"))
      return p
    }
  }
}
