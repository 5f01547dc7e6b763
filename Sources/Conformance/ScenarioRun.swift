import Consensus
import EpochTypes

/// Every epoch output of a vector's scenarios, in run order, for comparing arithmetics.
public struct ScenarioTrace: Sendable {
  /// (scenario name, epoch index within the scenario, label, output).
  public var epochs: [(scenario: String, index: Int, label: String?, output: EpochOutput)] = []

  public init() {}

  public init(epochs: [(scenario: String, index: Int, label: String?, output: EpochOutput)]) { self.epochs = epochs }

  /// The largest differences between two traces of the same vector: in base units of any
  /// emission amount and in u16 units of any stored vector or bond entry.
  public static func maximumDeviation(_ a: ScenarioTrace, _ b: ScenarioTrace) -> (baseUnits: UInt64, u16: Int) {
    var units: UInt64 = 0
    var u16 = 0
    for (x, y) in zip(a.epochs, b.epochs) {
      let p = x.output
      let q = y.output
      for (s, t) in [(p.combinedEmission, q.combinedEmission), (p.minerEmission, q.minerEmission), (p.validatorEmission, q.validatorEmission)] {
        for (u, v) in zip(s, t) { units = max(units, u > v ? u - v : v - u) }
      }
      for (s, t) in [(p.consensus, q.consensus), (p.incentive, q.incentive), (p.dividends, q.dividends),
                     (p.validatorTrust, q.validatorTrust), (p.stakeWeight, q.stakeWeight)] {
        for (u, v) in zip(s, t) { u16 = max(u16, abs(Int(u) - Int(v))) }
      }
      for (r, s) in zip(p.bonds, q.bonds) {
        var other: [Int: UInt16] = [:]
        for e in s { other[e.uid] = e.value }
        var seen = Set<Int>()
        for e in r {
          seen.insert(e.uid)
          u16 = max(u16, abs(Int(e.value) - Int(other[e.uid] ?? 0)))
        }
        for e in s where !seen.contains(e.uid) { u16 = max(u16, Int(e.value)) }
      }
    }
    return (units, u16)
  }
}

/// Executes one epoch scenario (spec §15.1 harness semantics).
enum ScenarioRun {

  static func firstMismatch(
    _ s: EpochScenario, arithmetic: Arithmetic, trace: inout ScenarioTrace, stopAtMismatch: Bool
  ) -> String? {
    var first: String? = nil
    let p = s.parameters
    var state = SubnetEpochState(n: p.n)
    state.alphaStake = s.alphaStake
    state.registrationBlock = s.registrationBlock
    state.lastUpdate = s.lastUpdate
    state.validatorPermit = s.validatorPermit
    state.ownerUID = p.ownerUID
    state.lastMechanismStepBlock = p.lastMechanismStepBlock
    var block = s.startBlock
    var epochIndex = 0
    var reached = Set<String>()
    for step in s.steps {
      if let b = step.block { block = b }
      for action in step.actions {
        switch action {
        case .setWeights(let uids, let dests, let values):
          for uid in uids {
            do {
              try state.setWeights(uid: uid, dests: dests, values: values, block: block)
            } catch {
              return "set_weights at block \(block): \(error)"
            }
          }
        case .runEpoch(let label):
          let output: EpochOutput
          do {
            output = try YumaEpoch.run(
              state, hyperparameters: p.hyperparameters, block: block, tempo: p.tempo, emission: p.emission,
              arithmetic: arithmetic)
          } catch {
            return "\(label ?? "epoch \(epochIndex)") run_epoch error: \(error)"
          }
          // Unit tests call the epoch directly, so LastMechansimStepBlock keeps its parameter
          // value (spec §5.4, §15.1).
          state.persist(output, block: block)
          state.lastMechanismStepBlock = p.lastMechanismStepBlock
          trace.epochs.append((s.name, epochIndex, label, output))
          epochIndex += 1
          if let label {
            reached.insert(label)
            if let expected = s.expected.first(where: { $0.label == label })?.state,
              let m = compare(expected, output, label: label, tolerance: s.fractionTolerance), first == nil
            {
              first = m
              if stopAtMismatch { return m }
            }
          }
        case .replaceNeuron(let uid, let stake):
          state.replaceNeuron(uid: uid, block: block, alphaStake: stake)
        case .addStake(let uids, let amount):
          // The reader refuses sums past UInt64.max (VectorReader.checkAmounts); never wrap.
          for uid in uids {
            let (sum, overflow) = state.alphaStake[uid].addingReportingOverflow(amount)
            if overflow { return "add_stake at block \(block): uid \(uid)'s stake exceeds \(UInt64.max)" }
            state.alphaStake[uid] = sum
          }
        case .resetBondsColumn(let uid):
          state.resetBondsColumn(uid: uid)
        }
      }
    }
    if first == nil, let missing = s.expected.first(where: { !reached.contains($0.label) }) {
      return "\(missing.label) never ran"
    }
    return first
  }

  static func compare(_ e: ExpectedState, _ o: EpochOutput, label: String, tolerance: Tolerance) -> String? {
    func mismatch(_ field: String, _ index: String, _ want: String, _ got: String) -> String {
      "\(label) \(field)[\(index)] expected \(want) got \(got)"
    }
    for (uid, want) in e.emission where o.combinedEmission[uid] != want {
      return mismatch("emission", "\(uid)", "\(want)", "\(o.combinedEmission[uid])")
    }
    for (field, list, got) in [("dividends_u16", e.dividendsU16, o.dividends), ("consensus_u16", e.consensusU16, o.consensus),
                               ("incentive_u16", e.incentiveU16, o.incentive)] {
      for (uid, want) in list where got[uid] != want { return mismatch(field, "\(uid)", "\(want)", "\(got[uid])") }
    }
    for (i, j, want) in e.bondsU16 {
      let got = o.bonds[i].first(where: { $0.uid == j })?.value ?? 0
      if got != want { return mismatch("bonds_u16", "\(i),\(j)", "\(want)", "\(got)") }
    }
    if let permits = e.validatorPermit {
      for i in permits.indices where permits[i] != o.validatorPermit[i] {
        return mismatch("validator_permit", "\(i)", "\(permits[i])", "\(o.validatorPermit[i])")
      }
    }
    if let fractions = e.dividendsFraction {
      for i in fractions.indices {
        let got = Double(o.dividends[i]) / 65_535
        if !tolerance.accepts(got, fractions[i]) {
          return mismatch("dividends_fraction", "\(i)", "\(fractions[i])", "\(got) (tolerance \(tolerance.absolute))")
        }
      }
    }
    return nil
  }
}
