import NetworkModel

/// Inputs to the epoch's distribution of drained pending alpha (spec §8.2).
public struct DistributionInputs: Sendable {
  /// Drained `PendingServerEmission`.
  public var serverBucket: UInt64
  /// Drained `PendingValidatorEmission`.
  public var validatorBucket: UInt64
  /// Drained `PendingRootAlphaDivs`.
  public var rootBucket: UInt64
  /// Drained `PendingOwnerCut`.
  public var ownerBucket: UInt64
  /// The epoch's miner amount srv_i per UID (spec §6).
  public var minerEmission: [UInt64]
  /// The epoch's validator amount val_i per UID.
  public var validatorEmission: [UInt64]
  /// Each UID hotkey's own alpha stake α_h.
  public var alphaStake: [UInt64]
  /// Each UID hotkey's own root stake t_h.
  public var rootStake: [UInt64]
  /// τ (spec §3.2).
  public var tau: Double
  /// Each UID hotkey's delegate take (u16).
  public var take: [UInt16]
  /// Whether each UID's hotkey is owned by the subnet owner's coldkey (miner burn, spec §8.2 step 5).
  public var ownedBySubnetOwner: [Bool]

  public init(
    serverBucket: UInt64, validatorBucket: UInt64, rootBucket: UInt64, ownerBucket: UInt64,
    minerEmission: [UInt64], validatorEmission: [UInt64], alphaStake: [UInt64], rootStake: [UInt64],
    tau: Double, take: [UInt16], ownedBySubnetOwner: [Bool]
  ) {
    self.serverBucket = serverBucket
    self.validatorBucket = validatorBucket
    self.rootBucket = rootBucket
    self.ownerBucket = ownerBucket
    self.minerEmission = minerEmission
    self.validatorEmission = validatorEmission
    self.alphaStake = alphaStake
    self.rootStake = rootStake
    self.tau = tau
    self.take = take
    self.ownedBySubnetOwner = ownedBySubnetOwner
  }

  /// R = server + validator + root (the amount the epoch was run with).
  public var epochAmount: UInt64 { serverBucket + validatorBucket + rootBucket }
}

/// Who receives what from one epoch (spec §8.2). Per-UID arrays; Σ of everything equals the
/// drained buckets exactly (``recycled`` takes what is not paid).
public struct DistributionPlan: Sendable, Equatable {
  /// Alpha staked to the UID's hotkey for its owner coldkey (miner incentive, step 5).
  public var minerStake: [UInt64]
  /// Alpha staked to the UID's hotkey for its owner coldkey (validator take, steps 6–7).
  public var validatorTake: [UInt64]
  /// Alpha added to the UID's hotkey pool pro rata to its nominators (step 6).
  public var validatorCompound: [UInt64]
  /// Alpha owed to the UID hotkey's root stakers (step 7): the World sells it for TAO and adds
  /// the TAO to the hotkey's root stake.
  public var rootClaim: [UInt64]
  /// The owner cut, staked to the owner hotkey (step 8).
  public var ownerCut: UInt64
  /// Miner emission of owner-controlled hotkeys, burned (step 5; still counted in issuance).
  public var burned: UInt64
  /// Everything not paid: flooring dust and buckets nobody can receive (spec §16.4).
  public var recycled: UInt64
  /// burned / Σ miner amounts (`MinerBurned`, spec §9.3); 0 when no miner amount.
  public var minerBurnedFraction: Double

  /// Σ of every term (must equal the drained buckets).
  public var total: UInt64 {
    minerStake.reduce(0, +) + validatorTake.reduce(0, +) + validatorCompound.reduce(0, +)
      + rootClaim.reduce(0, +) + ownerCut + burned + recycled
  }
}

/// The distribution rule of spec §8.2 as a pure function.
public enum EpochDistribution {
  /// Computes the plan.
  ///
  /// Steps: (2) if Σ srv = 0 the miner bucket goes to validators; (4) each validator amount is
  /// split into a root part val·ρ_h, ρ_h = τt_h/(α_h + τt_h), and an alpha part; alpha parts are
  /// rescaled to sum to the validator bucket and root parts to the root bucket (a bucket nobody
  /// can receive is recycled); (5) miner amounts are staked, or burned for the owner's hotkeys;
  /// (6, 7) the take ⌊x·take/65535⌋ goes to the hotkey owner, the rest compounds (alpha part) or
  /// is owed to root stakers (root part); (8) the owner cut. Child keys (step 3, §17.5.2) are applied
  /// before: the World passes the receivers (UIDs, then parents) and their amounts after the split.
  ///
  /// Conservation: payments never exceed R; if the epoch's miner amounts leave less than the
  /// validator and root buckets, those targets are scaled down. The plan's total equals
  /// R + owner bucket exactly.
  public static func plan(_ x: DistributionInputs) -> DistributionPlan {
    var scratch = DistributionScratch()
    plan(x, in: &scratch)
    return scratch.plan
  }

  /// ``plan(_:)`` computed in `scratch` (its plan is the result): the plan's arrays and the
  /// step-4 parts are zeroed in place when they already hold one entry per receiver, so a World
  /// that keeps the scratch between epochs allocates nothing for its plans in steady state.
  public static func plan(_ x: DistributionInputs, in scratch: inout DistributionScratch) {
    let n = x.minerEmission.count
    var plan = scratch.takePlan()
    plan.ownerCut = x.ownerBucket
    plan.burned = 0
    plan.recycled = 0
    plan.minerBurnedFraction = 0
    DistributionScratch.zero(&plan.minerStake, count: n)
    DistributionScratch.zero(&plan.validatorTake, count: n)
    DistributionScratch.zero(&plan.validatorCompound, count: n)
    DistributionScratch.zero(&plan.rootClaim, count: n)
    var alphaParts = scratch.alphaParts
    var rootParts = scratch.rootParts
    scratch.alphaParts = []
    scratch.rootParts = []
    DistributionScratch.zero(&alphaParts, count: n)
    DistributionScratch.zero(&rootParts, count: n)
    compute(x, n: n, plan: &plan, alphaParts: &alphaParts, rootParts: &rootParts)
    scratch.plan = plan
    scratch.alphaParts = alphaParts
    scratch.rootParts = rootParts
  }

  /// The body of ``plan(_:)`` on zeroed arrays of `n` entries.
  private static func compute(
    _ x: DistributionInputs, n: Int, plan: inout DistributionPlan, alphaParts: inout [Double], rootParts: inout [Double]
  ) {
    let r = x.epochAmount
    var minerTotal: UInt64 = 0
    for i in 0..<n { minerTotal += x.minerEmission[i] }
    // Miners (step 5). Σ srv_i ≤ R by construction of the epoch (floors); guard anyway.
    var minerPaid: UInt64 = 0
    if minerTotal <= r {
      for i in 0..<n where x.minerEmission[i] > 0 {
        let amount = x.minerEmission[i]
        if x.ownedBySubnetOwner[i] { plan.burned += amount } else { plan.minerStake[i] = amount }
        minerPaid += amount
      }
    }
    plan.minerBurnedFraction = minerPaid > 0 ? Double(plan.burned) / Double(minerPaid) : 0
    // Step 2.
    var validatorTarget = x.validatorBucket
    if minerPaid == 0 { validatorTarget += x.serverBucket }
    var rootTarget = x.rootBucket
    // Step 4: split each validator amount into alpha and root parts.
    var alphaSum = 0.0
    var rootSum = 0.0
    for i in 0..<n where x.validatorEmission[i] > 0 {
      let amount = Double(x.validatorEmission[i])
      let rootWeight = x.tau * Double(x.rootStake[i])
      let denominator = Double(x.alphaStake[i]) + rootWeight
      let rho = denominator > 0 ? rootWeight / denominator : 0
      rootParts[i] = amount * rho
      alphaParts[i] = amount - rootParts[i]
      alphaSum += alphaParts[i]
      rootSum += rootParts[i]
    }
    if alphaSum <= 0 { validatorTarget = 0 }
    if rootSum <= 0 { rootTarget = 0 }
    let budget = r - minerPaid
    if validatorTarget + rootTarget > budget {
      let scale = Double(budget) / Double(validatorTarget + rootTarget)
      validatorTarget = min(budget, FixedMath.floorAmount(Double(validatorTarget) * scale))
      rootTarget = min(budget - validatorTarget, FixedMath.floorAmount(Double(rootTarget) * scale))
    }
    var validatorPaid: UInt64 = 0
    for i in 0..<n where alphaParts[i] > 0 || rootParts[i] > 0 {
      let takeRate = UInt64(x.take[i])
      if alphaParts[i] > 0 {
        let a = min(validatorTarget, FixedMath.floorAmount(alphaParts[i] / alphaSum * Double(validatorTarget)))
        let take = FixedMath.mulDiv(a, takeRate, 65_535)
        plan.validatorTake[i] += take
        plan.validatorCompound[i] = a - take
        validatorPaid += a
      }
      if rootParts[i] > 0 {
        let b = min(rootTarget, FixedMath.floorAmount(rootParts[i] / rootSum * Double(rootTarget)))
        let take = FixedMath.mulDiv(b, takeRate, 65_535)
        plan.validatorTake[i] += take
        plan.rootClaim[i] = b - take
        validatorPaid += b
      }
    }
    // Floors keep each rescaled sum ≤ its target; guard against pathological rounding.
    precondition(minerPaid + validatorPaid <= r, "distribution exceeds the epoch amount")
    plan.recycled = r - minerPaid - validatorPaid
  }
}

/// The arrays an epoch's plan is computed in (``EpochDistribution/plan(_:in:)``), kept by the
/// caller between epochs.
public struct DistributionScratch: Sendable {
  /// The last plan computed here.
  public internal(set) var plan = Self.emptyPlan
  var alphaParts: [Double] = []
  var rootParts: [Double] = []

  public init() {}

  private static let emptyPlan = DistributionPlan(
    minerStake: [], validatorTake: [], validatorCompound: [], rootClaim: [], ownerCut: 0, burned: 0, recycled: 0,
    minerBurnedFraction: 0)

  /// The plan moved out (its arrays uniquely held while it is filled).
  mutating func takePlan() -> DistributionPlan {
    var taken = Self.emptyPlan
    swap(&taken, &plan)
    return taken
  }

  /// `a` as `count` zeros, in place when it already has `count` entries.
  static func zero<T: Numeric>(_ a: inout [T], count: Int) {
    guard a.count == count else {
      a = [T](repeating: 0, count: count)
      return
    }
    a.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }
}
