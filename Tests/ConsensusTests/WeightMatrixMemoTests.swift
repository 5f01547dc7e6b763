import EpochTypes
import Testing

@testable import Consensus

/// A subnet's epochs through a ``WeightMatrixMemo`` give the outputs of the same epochs without
/// one, epoch after epoch, whatever changes between them; and the memo is reused exactly when
/// nothing the weight matrix depends on changed.
@Suite("The weight matrix kept between a subnet's epochs")
struct WeightMatrixMemoTests {

  /// 32 UIDs, 10 staked validators competing for 8 permits (held by the 8 largest), each weighting
  /// most miners.
  static func subnet(rng: inout SplitMix64) throws -> SubnetEpochState {
    var state = SubnetEpochState(n: 32, registeredAt: 1)
    for i in 0..<10 {
      state.alphaStake[i] = 1_000_000_000 + UInt64(i) * 50_000_000
      let dests = (10..<32).filter { _ in rng.next() % 5 != 0 }
      try state.setWeights(uid: i, dests: dests, values: dests.map { _ in UInt16(1 + rng.next() % 60_000) }, block: 2)
      state.validatorPermit[i] = i >= 2  // the 8 largest stakes, as the first epoch's P' has them
    }
    return state
  }

  static func hyperparameters(_ model: Int, commitReveal: Bool = false) -> EpochHyperparameters {
    var hp = EpochHyperparameters()
    hp.yuma3 = model > 0
    hp.liquidAlpha = model == 2
    hp.maxAllowedValidators = 8
    hp.activityCutoffBlocks = 5_000
    hp.commitReveal = commitReveal
    return hp
  }

  /// What changes before an epoch, and whether the kept matrix must then be rebuilt.
  enum Change: CaseIterable {
    case nothing, stakesOnly, lastUpdateOnly, newRow, sameValuesNewRow, replacedNeuron, lastUpdatePastRegistration,
      permitsMoved, ownerChanged, commitBlock
  }

  /// Applies `change` at `block`; returns whether W's inputs surely changed for the coming epoch
  /// (so the memo must not be reused). Its P^old is the stored permit, plus the owner.
  static func apply(
    _ change: Change, to state: inout SubnetEpochState, block: Int64, commitReveal: Bool, rng: inout SplitMix64
  ) throws -> Bool {
    func permitted(_ i: Int) -> Bool { state.validatorPermit[i] || state.ownerUID == i }
    for i in 0..<10 { state.alphaStake[i] &+= rng.next() % 20_000_000 }
    switch change {
    case .nothing, .stakesOnly:
      return false
    case .lastUpdateOnly:
      // Later LU on unchanged rows: every registration is older than both limits.
      for i in 0..<10 { state.lastUpdate[i] = block }
      return state.registrationBlock.max()! >= block
    case .newRow:
      let i = Int(rng.next() % 10)
      let dests = (10..<32).filter { _ in rng.next() % 2 == 0 }
      try state.setWeights(uid: i, dests: dests, values: dests.map { _ in UInt16(1 + rng.next() % 60_000) }, block: block)
      return permitted(i)
    case .sameValuesNewRow:
      // The same entries in a new array: a new storage object, so the memo rebuilds (same W).
      let i = Int(rng.next() % 10)
      state.weights[i] = state.weights[i].map { $0 }
      return permitted(i)
    case .replacedNeuron:
      state.replaceNeuron(uid: 10 + Int(rng.next() % 22), block: block, alphaStake: 0)
      return true
    case .lastUpdatePastRegistration:
      // A neuron registered after validator 5's last update is masked in its row until the
      // validator updates again (a later epoch's `lastUpdateOnly`, same row storage, unmasks it).
      state.replaceNeuron(uid: 31, block: block - 5, alphaStake: 0)
      state.lastUpdate[5] = block - 10
      return true
    case .permitsMoved:
      // The permits move in this epoch's P', so the next epoch's W changes (not this one's).
      state.alphaStake[9] = 9_000_000_000
      state.alphaStake[Int(rng.next() % 9)] = 1
      return false
    case .ownerChanged:
      state.ownerUID = state.ownerUID == 3 ? 4 : 3
      return true
    case .commitBlock:
      state.earliestCommitBlock[2] = block - 1
      return commitReveal && permitted(2)
    }
  }

  /// One epoch at `block` of `plain` without a memo and of `kept` through `memo` and `hint`, each
  /// state then persisting its output; returns both outputs.
  static func epochPair(
    plain: inout SubnetEpochState, kept: inout SubnetEpochState, memo: WeightMatrixMemo, hint: inout ConsensusHint,
    hp: EpochHyperparameters, block: Int64, arithmetic: Arithmetic
  ) throws -> (plain: EpochOutput, kept: EpochOutput) {
    let x = try YumaEpoch.run(plain, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
    plain.persist(x, block: block)
    let y = try YumaEpoch.run(
      reusingBondsOf: &kept, hint: &hint, memo: memo, hyperparameters: hp, block: block, tempo: 360,
      emission: 1_000_000, arithmetic: arithmetic)
    kept.persist(y, block: block)
    return (x, y)
  }

  @Test(
    "Epochs through the memo equal epochs without it over 40 epochs of random changes, in both arithmetics and all three bond models",
    arguments: Arithmetic.allCases, [0, 1, 2])
  func sameAsWithoutTheMemo(arithmetic: Arithmetic, model: Int) throws {
    var rng = SplitMix64(state: 0xC0FFEE &+ UInt64(model))
    var plain = try Self.subnet(rng: &rng)
    var kept = plain
    let memo = WeightMatrixMemo()
    var hint = ConsensusHint()
    var expectedReuses = 0
    for e in 0..<40 {
      let block = Int64(400 + 360 * e)
      let change = e < 2 ? .nothing : Change.allCases[Int(rng.next() % UInt64(Change.allCases.count))]
      let hp = Self.hyperparameters(model, commitReveal: e >= 20)
      var draws = rng
      let changed = try Self.apply(change, to: &plain, block: block - 20, commitReveal: hp.commitReveal, rng: &rng)
      _ = try Self.apply(change, to: &kept, block: block - 20, commitReveal: hp.commitReveal, rng: &draws)
      let before = memo.reused
      let (x, y) = try Self.epochPair(
        plain: &plain, kept: &kept, memo: memo, hint: &hint, hp: hp, block: block, arithmetic: arithmetic)
      #expect(y == x, "epoch \(e), \(change)")
      let reused = memo.reused > before
      // Reused only when W's inputs are unchanged; rebuilt whenever they may have changed (a
      // first epoch, a change, new permits after a stake move, the commit-reveal switch).
      if changed || e == 0 || e == 20 { #expect(!reused, "epoch \(e), \(change)") }
      if reused { expectedReuses += 1 }
    }
    #expect(expectedReuses >= 10, "the memo is reused in most unchanged epochs (\(expectedReuses) of 40)")
    #expect(memo.reused + memo.built == 40)
    #expect(memo.clipReused > 0 && memo.clipReused <= memo.reused, "W̃ and trust reused with W (β = 1)")
    #expect(memo.partlyReused > 0, "a changed row rebuilt, the others copied")
  }

  @Test(
    "A one-off epoch with a hint carried from the previous one equals the epoch without it, bonds stored or not",
    arguments: Arithmetic.allCases, [0, 1])
  func oneOffEpochsWithAHint(arithmetic: Arithmetic, model: Int) throws {
    var rng = SplitMix64(state: 0x417 &+ UInt64(model))
    var state = try Self.subnet(rng: &rng)
    var hint = ConsensusHint()
    for e in 0..<24 {
      let block = Int64(400 + 360 * e)
      let change = Change.allCases[Int(rng.next() % UInt64(Change.allCases.count))]
      var hp = Self.hyperparameters(model)
      hp.bondsPenalty = e % 3 == 0 ? 65_535 : 32_767  // β = 1 and ½ (the retention study's path)
      _ = try Self.apply(change, to: &state, block: block - 20, commitReveal: false, rng: &rng)
      for storing in [true, false] {
        let plain = try YumaEpoch.run(
          state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic,
          storingBonds: storing)
        let hinted = try YumaEpoch.run(
          state, hint: &hint, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000,
          arithmetic: arithmetic, storingBonds: storing)
        #expect(hinted == plain, "epoch \(e), \(change), bonds stored: \(storing)")
      }
      let output = try YumaEpoch.run(
        state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
      state.persist(output, block: block)
    }
    #expect(hint.rows.contains { $0 >= 0 }, "the hint names median rows")
  }

  @Test(
    "One-off epochs through a memo, some validators' rows replaced between them (a study's networks), equal epochs without it",
    arguments: Arithmetic.allCases, [0, 1])
  func oneOffEpochsWithAMemo(arithmetic: Arithmetic, model: Int) throws {
    var rng = SplitMix64(state: 0x3E30 &+ UInt64(model))
    var state = try Self.subnet(rng: &rng)
    var hint = ConsensusHint()
    let memo = WeightMatrixMemo()
    for e in 0..<30 {
      let block = Int64(400 + 360 * e)
      var hp = Self.hyperparameters(model)
      hp.bondsPenalty = e % 3 == 0 ? 65_535 : 65_534  // β = 1 and the retention study's β
      if e % 5 == 4 {
        let change = Change.allCases[Int(rng.next() % UInt64(Change.allCases.count))]
        _ = try Self.apply(change, to: &state, block: block - 20, commitReveal: false, rng: &rng)
      } else {
        // A few validators' rows replaced, the others kept as they were stored: any of them, or
        // (every other epoch) the last one to three, after the unchanged first rows.
        let count = 1 + Int(rng.next() % 3)
        let suffix = e % 2 == 0
        for k in 0..<count {
          let i = suffix ? 10 - count + k : Int(rng.next() % 10)
          let dests = (10..<32).filter { _ in rng.next() % 3 != 0 }
          try state.setWeights(
            uid: i, dests: dests, values: dests.map { _ in UInt16(rng.next() % 60_000) }, block: block - 20)
        }
      }
      for storing in [true, false] {
        let plain = try YumaEpoch.run(
          state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic,
          storingBonds: storing)
        let kept = try YumaEpoch.run(
          state, hint: &hint, memo: memo, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000,
          arithmetic: arithmetic, storingBonds: storing)
        #expect(kept == plain, "epoch \(e), bonds stored: \(storing)")
      }
      let output = try YumaEpoch.run(
        state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
      state.persist(output, block: block)
    }
    #expect(memo.partlyReused >= 20, "most epochs copy their unchanged rows (\(memo.partlyReused) of 60)")
    #expect(memo.builtInPlace >= 8, "epochs changing only the last rows build after the first ones in place")
    #expect(memo.partlyReused - memo.builtInPlace >= 4, "epochs changing earlier rows copy the later ones")
    #expect(memo.reused >= 20, "the repeat of each epoch reuses the whole matrix (\(memo.reused) of 60)")
  }

  @Test(
    "The kept clipping follows the bonds penalty: epochs switching β between 1, ½ and 0 on one memo equal epochs without it",
    arguments: Arithmetic.allCases, [0, 1])
  func bondsPenaltySwitches(arithmetic: Arithmetic, model: Int) throws {
    var rng = SplitMix64(state: 0xBE7A &+ UInt64(model))
    var plain = try Self.subnet(rng: &rng)
    var kept = plain
    let memo = WeightMatrixMemo()
    var hint = ConsensusHint()
    let penalties: [UInt16] = [65_535, 65_535, 32_768, 65_535, 65_535, 0, 0, 65_535, 65_535, 65_535]
    for (e, penalty) in penalties.enumerated() {
      let block = Int64(400 + 360 * e)
      var hp = Self.hyperparameters(model)
      hp.bondsPenalty = penalty
      if e == 8 { for i in 0..<10 { plain.alphaStake[i] = UInt64(10 - i) * 1_000_000_000 } }
      kept.alphaStake = plain.alphaStake
      let (x, y) = try Self.epochPair(
        plain: &plain, kept: &kept, memo: memo, hint: &hint, hp: hp, block: block, arithmetic: arithmetic)
      #expect(y == x, "epoch \(e), β = \(penalty)")
    }
    // W is kept throughout (until the stakes reorder at epoch 8); W̃ only at β = 1 right after a β = 1 epoch.
    #expect(memo.built >= 1 && memo.reused >= 6)
    #expect(memo.clipReused >= 2 && memo.clipReused <= 4)
  }

  @Test("Unchanged inputs reuse the kept matrix; a last update past every registration still does; one past a newer registration does not")
  func reusedWhenUnchanged() throws {
    var rng = SplitMix64(state: 7)
    var state = try Self.subnet(rng: &rng)
    var plain = state
    let memo = WeightMatrixMemo()
    var hint = ConsensusHint()
    let hp = Self.hyperparameters(1)
    var built: [Int] = []
    for e in 0..<6 {
      let block = Int64(1_100 + 360 * e)
      switch e {
      case 2:
        // Later last updates on the same rows, above every registration block: W is unchanged.
        for i in 0..<10 { state.lastUpdate[i] = block - 50 }
      case 3:
        // A neuron registered after validator 5's last update: masked in its row (a rebuild).
        state.replaceNeuron(uid: 31, block: block - 40, alphaStake: 0)
      case 4:
        // Validator 5 updates again without a new row: the column is unmasked (a rebuild).
        state.lastUpdate[5] = block - 30
      default: break
      }
      plain = state
      let x = try YumaEpoch.run(plain, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: .double)
      let before = memo.built
      let y = try YumaEpoch.run(
        reusingBondsOf: &state, hint: &hint, memo: memo, hyperparameters: hp, block: block, tempo: 360,
        emission: 1_000_000, arithmetic: .double)
      #expect(y == x, "epoch \(e)")
      if memo.built > before { built.append(e) }
      state.persist(y, block: block)
    }
    #expect(built == [0, 3, 4])
  }

  @Test("A memo switched between arithmetics, or after a refused epoch, gives the plain epoch's outputs")
  func arithmeticsAndRefusals() throws {
    var rng = SplitMix64(state: 11)
    var state = try Self.subnet(rng: &rng)
    let memo = WeightMatrixMemo()
    var hint = ConsensusHint()
    let hp = Self.hyperparameters(2)
    for (e, arithmetic) in [Arithmetic.fixed, .double, .double, .fixed].enumerated() {
      let block = Int64(1_000 + 360 * e)
      let x = try YumaEpoch.run(state, hyperparameters: hp, block: block, tempo: 360, emission: 1_000_000, arithmetic: arithmetic)
      var copy = state
      let y = try YumaEpoch.run(
        reusingBondsOf: &copy, hint: &hint, memo: memo, hyperparameters: hp, block: block, tempo: 360,
        emission: 1_000_000, arithmetic: arithmetic)
      #expect(y == x, "epoch \(e), \(arithmetic)")
      state.persist(x, block: block)
    }
    // A row naming a negative UID is refused (and nothing kept); the repaired row is used next.
    let good = state.weights[3]
    state.weights[3] = [SparseEntry(uid: -1, value: 5)] + good
    var copy = state
    #expect(throws: EpochInputError.self) {
      try YumaEpoch.run(
        reusingBondsOf: &copy, hint: &hint, memo: memo, hyperparameters: hp, block: 3_000, tempo: 360,
        emission: 1_000_000, arithmetic: .double)
    }
    state.weights[3] = good
    let x = try YumaEpoch.run(state, hyperparameters: hp, block: 3_100, tempo: 360, emission: 1_000_000, arithmetic: .double)
    let y = try YumaEpoch.run(
      reusingBondsOf: &state, hint: &hint, memo: memo, hyperparameters: hp, block: 3_100, tempo: 360,
      emission: 1_000_000, arithmetic: .double)
    #expect(y == x)
  }
}
