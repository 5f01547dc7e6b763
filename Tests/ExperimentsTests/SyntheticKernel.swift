import Experiments
import ScenarioIO
import SimCore

/// A small deterministic kernel for testing the experiment layer on its own: per record it
/// draws values from keyed streams, so results depend on (scenario, seed, replication) only.
struct SyntheticKernel: RunKernel {
  /// Throw in this replication (to test failure handling).
  var failingReplication: Int?

  var catalog: RecordSchema {
    RecordSchema(
      network: [
        MetricColumn("top10_validator_share", unit: "share", "synthetic share"),
        MetricColumn("issuance_tao", unit: "TAO", "synthetic running total"),
        MetricColumn("validator_count", unit: "count", "synthetic count"),
        MetricColumn("copier_relative_dividend", unit: "ratio", "undefined on odd records"),
      ],
      subnet: [MetricColumn("emission_share", unit: "share", "synthetic share")],
      neuron: [MetricColumn("stake_alpha", unit: "alpha", "synthetic stake")],
      neuronText: [MetricColumn("neuron_class", unit: "text", "synthetic class")])
  }

  func schema(for scenario: ScenarioSpec) -> RecordSchema { catalog }

  struct Failure: Error, CustomStringConvertible {
    var description: String { "synthetic failure" }
  }

  func run(_ scenario: ScenarioSpec, rootSeed: UInt64, replication: Int, sink: any RecordSink) throws {
    if replication == failingReplication { throw Failure() }
    let stream = RandomStream(rootSeed: rootSeed, purpose: "test.network", replication: UInt64(replication))
    let tempo = Int64(scenario.model.tempoBlocks)
    let horizon = scenario.horizonBlocks
    let record = scenario.record
    var issuance = 0.0
    var epoch: Int64 = 0
    var block: Int64 = 0
    while block <= horizon {
      issuance += stream.uniform()
      if block % Int64(record.networkEveryBlocks) == 0 {
        try sink.network(
          RecordTime(epoch: block / tempo, block: block),
          [0.3 + 0.3 * stream.uniform(), issuance, Double(stream.uniformInt(below: 64)), epoch % 2 == 0 ? stream.uniform() : nil])
      }
      for netuid in 1...scenario.model.subnets {
        let subnetStream = RandomStream(
          rootSeed: rootSeed, purpose: "test.subnet.\(epoch)", entity: UInt64(netuid), replication: UInt64(replication))
        if record.subnetEveryEpochs > 0, epoch % Int64(record.subnetEveryEpochs) == 0 {
          try sink.subnet(RecordTime(epoch: epoch, block: block), netuid: netuid, [subnetStream.uniform()])
        }
        if record.neuronEveryEpochs > 0, epoch % Int64(record.neuronEveryEpochs) == 0 {
          for uid in 0..<2 {
            try sink.neuron(
              RecordTime(epoch: epoch, block: block), netuid: netuid, uid: uid, text: [uid == 0 ? "validator" : "miner, honest"],
              [subnetStream.gaussian(mean: 100, sigma: 1)])
          }
        }
      }
      epoch += 1
      block += tempo
    }
    let networkRecords = Int(horizon / Int64(record.networkEveryBlocks)) + 1
    sink.health(
      RunHealth(
        events: Int(epoch), epochs: Int(epoch), failedEpochs: 0, refusedActions: 0, invariantChecks: networkRecords,
        violations: 0))
  }
}
