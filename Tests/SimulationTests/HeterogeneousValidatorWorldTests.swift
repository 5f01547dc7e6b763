import Agents
import Metrics
import Testing

@testable import Simulation

/// A world whose validators differ in every way at once keeps its invariants and its determinism.
@Suite("A world of validators who differ")
struct HeterogeneousValidatorWorldTests {
  func config() -> WorldConfig {
    var c = smallConfig(subnets: 2, uids: 32, validators: 10, days: 3)
    c.validators.weightSigmaSpread = 0.5
    c.validators.weightIntervalRange = 100...1_000
    c.validators.lagShare = 0.3
    c.validators.lagBlocks = 3_600
    c.validators.topK = 8
    c.validators.misconfiguredShare = 0.5
    return c
  }

  @Test("runs with its invariants holding, the same twice, and unlike the world of alike validators")
  func runsReproduciblyAndDiffers() throws {
    let c = config()
    #expect(c.problems().isEmpty, "\(c.problems())")
    let first = try records(c, seed: 3)
    #expect(try records(c, seed: 3) == first)
    #expect(try records(smallConfig(subnets: 2, uids: 32, validators: 10, days: 3), seed: 3) != first)
  }

  @Test("a cadence range starting below the weights rate limit is a problem at its key")
  func rangeBelowRateLimitIsAProblem() {
    var c = config()
    c.validators.weightIntervalRange = 50...500
    #expect(c.problems().contains { "\($0)".contains("validators.weight_interval_blocks_range") })
  }
}
