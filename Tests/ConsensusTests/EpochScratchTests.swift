import Benchmarks
import EpochTypes
import Testing

@testable import Consensus

/// The epoch's per-thread scratch space: reusing it must never change an output.
@Suite("Epoch scratch reuse")
struct EpochScratchTests {

  /// A warmed-up synthetic subnet and its hyperparameters for `variant` (2, 3, or 4 = 3 + liquid alpha).
  static func subnet(validators: Int, uids: Int, density: Double, variant: Int, arithmetic: Arithmetic) throws
    -> (SubnetEpochState, EpochHyperparameters)
  {
    var hp = EpochHyperparameters()
    hp.yuma3 = variant >= 3
    hp.liquidAlpha = variant == 4
    hp.maxAllowedValidators = validators
    let state = try EpochBenchmark.state(
      validators: validators, uids: uids, density: density, hyperparameters: hp, block: 1_000, arithmetic: arithmetic)
    return (state, hp)
  }

  static func epoch(_ s: (SubnetEpochState, EpochHyperparameters), _ arithmetic: Arithmetic) throws -> EpochOutput {
    try YumaEpoch.run(s.0, hyperparameters: s.1, block: 1_000, tempo: 360, emission: 1_000_000_000, arithmetic: arithmetic)
  }

  @Test(
    "An epoch gives the same outputs before and after larger and smaller subnets used the scratch",
    arguments: [2, 3, 4], Arithmetic.allCases)
  func reuseAcrossSizes(variant: Int, arithmetic: Arithmetic) throws {
    let small = try Self.subnet(validators: 6, uids: 20, density: 0.33, variant: variant, arithmetic: arithmetic)
    let large = try Self.subnet(validators: 24, uids: 96, density: 1, variant: variant, arithmetic: arithmetic)
    let first = try Self.epoch(small, arithmetic)
    let firstLarge = try Self.epoch(large, arithmetic)
    // The other arithmetic and another variant in between, on the same thread.
    let other: Arithmetic = arithmetic == .fixed ? .double : .fixed
    _ = try Self.epoch(try Self.subnet(validators: 9, uids: 40, density: 1, variant: 5 - min(variant, 3), arithmetic: other), other)
    #expect(try Self.epoch(small, arithmetic) == first)
    #expect(try Self.epoch(large, arithmetic) == firstLarge)
  }

  @Test("Epochs on several threads at once give the outputs of one thread", arguments: Arithmetic.allCases)
  func threads(arithmetic: Arithmetic) async throws {
    let subnets = try (0..<6).map { k in
      try Self.subnet(validators: 4 + 3 * k, uids: 32 + 16 * k, density: k % 2 == 0 ? 1 : 0.33, variant: 2 + k % 3, arithmetic: arithmetic)
    }
    let serial = try subnets.map { try Self.epoch($0, arithmetic) }
    let parallel = try await withThrowingTaskGroup(of: (Int, EpochOutput).self) { group in
      for (index, subnet) in subnets.enumerated() {
        group.addTask { (index, try Self.epoch(subnet, arithmetic)) }
      }
      var outputs = [EpochOutput?](repeating: nil, count: subnets.count)
      for try await (index, output) in group { outputs[index] = output }
      return outputs
    }
    #expect(parallel == serial.map(Optional.some))
  }
}
