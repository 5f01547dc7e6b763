import Foundation
import Recording
import ScenarioIO
import SimStats
import Simulation
import TestSupport
import Testing

@testable import Experiments
@testable import Metrics

/// A small world with a cabal attack and every table on (31 days, so the yields have a value; one replication).
let cabalScenario = """
  seed: 3
  replications: 1
  horizon_days: 31
  network:
    subnets: 2
    uids_per_subnet: 24
    validators_per_subnet: 8
    root_validators: 2
  subnet:
    tempo_blocks: 360
    max_validators: 8
  record:
    network_every_blocks: 3600
    subnet_every_epochs: 5
    neuron_every_epochs: 10
  attacks:
    - kind: cabal
      validators: 2
      miners: 4
  expect:
    - final.alpha_apr_attacker_cabal_run >= 0
    - final.tao_apy_honest_validator_30d >= -1
  """

/// Every column is declared once in the catalogue, and everything that names a column derives
/// from that declaration.
@Suite("One metric catalogue")
struct MetricCatalogTests {
  /// `(name, unit)` of every column line of `taosim describe metrics`.
  static func describedColumns() -> [(name: String, unit: String)] {
    Describe.metrics(WorldKernel()).split(separator: "\n").compactMap { line in
      guard line.hasPrefix("    "), let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close
      else { return nil }
      let name = line[..<open].trimmingCharacters(in: .whitespaces)
      guard !name.contains(" ") else { return nil }
      return (name, String(line[line.index(after: open)..<close]))
    }
  }

  static func header(_ url: URL) throws -> [String] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return CSVFormat.fields(of: text.split(separator: "\n")[0]) ?? []
  }

  /// Runs ``cabalScenario`` with the production kernel into `folder`.
  static func runCabal(in folder: TemporaryFolder) throws -> RunOutcome {
    let path = try folder.write("cabal.yaml", cabalScenario)
    let runner = ExperimentRunner(kernel: WorldKernel())
    return runner.run(try runner.load(path), outputRoot: folder.url.appendingPathComponent("out"))
  }

  @Test("every column of every CSV a run writes is in describe metrics with a unit")
  func everyColumnIsDescribed() throws {
    let folder = try TemporaryFolder()
    let outcome = try Self.runCabal(in: folder)
    #expect(outcome.status == .completed)
    let described = Self.describedColumns()
    var seen = 0
    for file in ["network.csv", "subnets.csv", "neurons.csv", "summary.csv"] {
      for column in try Self.header(outcome.run.folder.appendingPathComponent(file)) {
        // A rule-made column is described by its rule (`alpha_apr_attacker_<name>_run`).
        let entry = described.first { $0.name == column }
          ?? described.first { $0.name == column.replacingOccurrences(of: "attacker_cabal", with: "attacker_<name>") }
        #expect(entry != nil, "\(file): \(column) is not in describe metrics")
        #expect(entry?.unit.isEmpty == false, "\(file): \(column) has no unit")
        seen += 1
      }
    }
    #expect(seen > 60)
    let network = try Self.header(outcome.run.folder.appendingPathComponent("network.csv"))
    for yield in ["alpha_apr", "alpha_apy", "tao_apy", "root_apy_tao"] {
      for window in ["run", "30d"] {
        #expect(network.contains("\(yield)_attacker_cabal_\(window)"))
        #expect(network.contains("\(yield)_honest_validator_\(window)"))
      }
    }
    #expect(!network.contains { $0.hasPrefix("apy_") })
  }

  @Test("expect can name alpha_apr_attacker_cabal_run, and check evaluates it from summary.csv")
  func expectNamesARuleMadeColumn() throws {
    let folder = try TemporaryFolder()
    let report = try Check.evaluate(folder: try Self.runCabal(in: folder).run.folder)
    let clause = try #require(report.findings.first { $0.name == "expect final.alpha_apr_attacker_cabal_run >= 0" })
    #expect(clause.passed, "\(clause.detail)")
    #expect(report.failures == 0)
  }

  @Test(
    "expect refuses a column no run can write, at its line",
    arguments: [
      "final.alpha_apr_nobody_run >= 0", "final.alpha_apr_attacker__run >= 0", "final.apy_honest_validator >= 0",
      "final.tao_apy_honest_validator >= 0", "mean.issuance >= 0",
    ])
  func expectRefusesUnknownColumns(clause: String) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("bad.yaml", "seed: 1\nexpect:\n  - \(clause)\n")
    let runner = ExperimentRunner(kernel: WorldKernel())
    do {
      _ = try runner.load(path)
      Issue.record("\(clause) was accepted")
    } catch {
      #expect("\(error)".contains("bad.yaml:3:"), "\(error)")
      #expect("\(error)".contains("unknown metric"), "\(error)")
    }
  }

  @Test("the per-class yield rule accepts the columns runs write and nothing else")
  func classYieldRule() {
    #expect(MetricCatalog.isNetworkColumn("alpha_apr_attacker_cabal_run"))
    #expect(MetricCatalog.isNetworkColumn("root_apy_tao_honest_validator_30d"))
    #expect(MetricCatalog.isNetworkColumn(YieldColumns.classColumn("tao_apy", "attacker:self-dealing", "30d")))
    #expect(!MetricCatalog.isNetworkColumn("alpha_apr_owner_run"))
    #expect(!MetricCatalog.isNetworkColumn("alpha_apr_honest_validator_7d"))
    #expect(!MetricCatalog.isNetworkColumn("apy_honest_validator"))
    #expect(MetricCatalog.isNetworkColumn("gini_stake"))
    #expect(!MetricCatalog.isNetworkColumn("emission_share"))  // a subnet column
  }

  /// A network record whose every field holds a different number.
  static let network: NetworkEpochRecord = {
    var record = plainNetwork
    record.centralisation = Centralisation(
      hotkeys: Concentration.Summary(topShare: 0.51, gini: 0.52, hhi: 0.53, nakamoto: 54),
      entities: Concentration.Summary(topShare: 0.55, gini: 0.56, hhi: 0.57, nakamoto: 58), subnetTop10Median: 0.59,
      subnetTop10Max: 0.61, subnetNakamotoMedian: 62, subnetNakamotoMax: 63)
    record.subnetFairness = SubnetFairness(
      spearman: 0.71, kendall: nil, gini: 0.73, hhi: 0.74, captureShare: 0.75, emissionPerUtilityCV: 0.76)
    record.computePrice = ComputePrice(minerTaoPerDay: 0.81, usdPerGPUHour: 0.82)
    record.subnetFairness.top32Share = 0.79
    return record
  }()

  static let plainNetwork = NetworkEpochRecord(
    block: 7_200, issuance: 1.5, blockEmission: 2.5, subnetCount: 3, validatorCount: 4, minerCount: 5, rootStake: 6.5,
    alphaStakeValue: 7.5, stake: Concentration.Summary(topShare: 0.11, gini: 0.12, hhi: 0.13, nakamoto: 14),
    top10DividendShare: 0.15, honestEmissionShare: 0.16, attackerEmissionShare: 0.17, attackerStakeShare: 0.18,
    spearmanUtilityIncentive: 0.19, copierRelativeDividend: 20.5, emissionShares: [], rootSell: true)

  /// What each network column must hold for ``network``, written independently of the catalogue.
  static let expectedNetwork: [String: Double?] = [
    "issuance_tao": 1.5, "block_emission_tao": 2.5, "subnet_count": 3, "validator_count": 4, "miner_count": 5,
    "root_stake_tao": 6.5, "alpha_stake_value_tao": 7.5, "top10_validator_share": 0.11, "gini_stake": 0.12, "hhi_stake": 0.13,
    "nakamoto_coefficient": 14, "top10_dividend_share": 0.15, "honest_emission_share": 0.16, "attacker_emission_share": 0.17,
    "attacker_stake_share": 0.18, "spearman_utility_incentive": 0.19, "copier_relative_dividend": 20.5,
    "alpha_apr_run": 0.31, "alpha_apy_run": 0.32,
    "tao_apy_run": 0.33, "root_apy_tao_run": 0.34, "alpha_apr_30d": 0.41, "alpha_apy_30d": 0.42, "tao_apy_30d": 0.43,
    "root_apy_tao_30d": 0.44, "root_sell": 1, "top10_validator_share_tao": 0.51, "gini_validator_stake_tao": 0.52,
    "hhi_validator_stake_tao": 0.53, "top10_entity_share_tao": 0.55, "gini_entity_stake_tao": 0.56,
    "hhi_entity_stake_tao": 0.57, "subnet_top10_share_median": 0.59, "subnet_top10_share_max": 0.61,
    "subnet_nakamoto_median": 62, "subnet_nakamoto_max": 63, "subnet_emission_utility_spearman": 0.71,
    "subnet_emission_utility_kendall": nil, "subnet_emission_gini": 0.73, "subnet_emission_hhi": 0.74,
    "subnet_emission_top32_share": 0.79, "capture_emission_share": 0.75, "emission_per_utility_cv": 0.76,
    "alpha_apr_honest_validator_run": 0.61, "alpha_apy_honest_validator_run": 0.62, "tao_apy_honest_validator_run": 0.63,
    "root_apy_tao_honest_validator_run": 0.64, "alpha_apr_honest_validator_30d": 0.65,
    "alpha_apy_honest_validator_30d": 0.66, "tao_apy_honest_validator_30d": 0.67, "root_apy_tao_honest_validator_30d": 0.68,
    "alpha_apr_attacker_cabal_run": 0.71, "alpha_apy_attacker_cabal_run": 0.72, "tao_apy_attacker_cabal_run": nil,
    "root_apy_tao_attacker_cabal_run": 0.74, "alpha_apr_attacker_cabal_30d": 0.75, "alpha_apy_attacker_cabal_30d": 0.76,
    "tao_apy_attacker_cabal_30d": 0.77, "root_apy_tao_attacker_cabal_30d": 0.78,
    "miner_revenue_tao_per_day": 0.81, "compute_price_usd_per_gpu_hour": 0.82,
  ]

  @Test("each network column holds the field its name says (a swap of two columns fails)")
  func networkColumnsReadTheirOwnFields() {
    let row = NetworkRow(
      record: Self.network, run: YieldRates(alphaApr: 0.31, alphaApy: 0.32, taoApy: 0.33, rootApyTao: 0.34),
      window: YieldRates(alphaApr: 0.41, alphaApy: 0.42, taoApy: 0.43, rootApyTao: 0.44),
      classRun: [
        "honest_validator": YieldRates(alphaApr: 0.61, alphaApy: 0.62, taoApy: 0.63, rootApyTao: 0.64),
        "attacker:cabal": YieldRates(alphaApr: 0.71, alphaApy: 0.72, taoApy: nil, rootApyTao: 0.74),
      ],
      classWindow: [
        "honest_validator": YieldRates(alphaApr: 0.65, alphaApy: 0.66, taoApy: 0.67, rootApyTao: 0.68),
        "attacker:cabal": YieldRates(alphaApr: 0.75, alphaApy: 0.76, taoApy: 0.77, rootApyTao: 0.78),
      ])
    let columns = MetricCatalog.network(classes: ["honest_validator", "attacker:cabal"])
    #expect(Set(columns.map(\.name)) == Set(Self.expectedNetwork.keys))
    #expect(columns.count == Self.expectedNetwork.count)
    for column in columns { #expect(column.value(row) == Self.expectedNetwork[column.name]!, "\(column.name)") }
    // The CSV header is the catalogue's order: the schema and the values come from one list.
    #expect(WorldKernel().schema(classes: ["honest_validator", "attacker:cabal"]).network.map(\.name) == columns.map(\.name))
  }

  @Test("each subnet and neuron column holds the field its name says")
  func subnetAndNeuronColumnsReadTheirOwnFields() {
    var subnet = SubnetEpochRecord(
      block: 360, subnet: 2, epochIndex: 9, emissionShare: 0.01, spotPrice: 0.02, emaPrice: 0.03, taoReserve: 4.5,
      alphaReserve: 5.5, alphaIssuance: 6.5, epochEmission: 7.5, ownerCut: 8.5, burnPrice: 9.5, uids: 10, validatorCount: 11,
      activeValidators: 12, minerCount: 13, stake: Concentration.Summary(topShare: 0.14, gini: 0.15, hhi: 0.16, nakamoto: 17),
      top10DividendShare: 0.18, spearmanUtilityIncentive: nil, honestEmissionShare: 0.19, attackerEmissionShare: 0.20,
      attackerStakeShare: 0.21, copierRelativeDividend: 22.5, apy: [],
      minerBurnedFraction: 0.24)
    subnet.subnetUtility = 25.5
    let expected: [String: Double?] = [
      "emission_share": 0.01, "spot_price": 0.02, "ema_price": 0.03, "tao_reserve_tao": 4.5, "alpha_reserve_alpha": 5.5,
      "alpha_issuance_alpha": 6.5, "epoch_emission_alpha": 7.5, "owner_cut_alpha": 8.5, "burn_price_tao": 9.5, "uids": 10,
      "validator_count": 11, "active_validators": 12, "miner_count": 13, "top10_validator_share": 0.14, "gini_stake": 0.15,
      "hhi_stake": 0.16, "nakamoto_coefficient": 17, "top10_dividend_share": 0.18, "spearman_utility_incentive": nil,
      "honest_emission_share": 0.19, "attacker_emission_share": 0.20, "attacker_stake_share": 0.21,
      "copier_relative_dividend": 22.5, "miner_burned_fraction": 0.24,
      "subnet_utility": 25.5,
    ]
    let columns = MetricCatalog.subnet
    #expect(Set(columns.map(\.name)) == Set(expected.keys))
    for column in columns { #expect(column.value(subnet) == expected[column.name]!, "\(column.name)") }

    let neuron = NeuronRecord(
      block: 720, subnet: 1, uid: 3, hotkey: 41, coldkey: 42, neuronClass: "attacker:cabal", alphaStake: 4.5, rootStake: 5.5,
      utility: 6.5, incentive: 0.07, dividends: 0.08, emission: 9.5, validatorPermit: true, active: false, registeredAt: 11)
    let neuronExpected: [String: Double] = [
      "hotkey": 41, "coldkey": 42, "alpha_stake_alpha": 4.5, "root_stake_tao": 5.5, "utility": 6.5, "incentive": 0.07,
      "dividends": 0.08, "emission_alpha": 9.5, "validator_permit": 1, "active": 0, "registered_at_block": 11,
    ]
    #expect(Set(MetricCatalog.neuron.map(\.name)) == Set(neuronExpected.keys))
    for column in MetricCatalog.neuron { #expect(column.value(neuron) == neuronExpected[column.name], "\(column.name)") }
    #expect(MetricCatalog.neuronText.map { $0.text(neuron) } == ["attacker:cabal"])
  }
}
