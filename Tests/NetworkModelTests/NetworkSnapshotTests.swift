import Foundation
import Testing

@testable import NetworkModel

/// The per-subnet snapshot format (`data/mainnet/subnets-2026-04-11.csv`) and its sample.
@Suite("Network snapshot: parsing, sampling and rescaling")
struct NetworkSnapshotTests {
  static let file = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data/mainnet/subnets-2026-04-11.csv")

  static func mainnet() throws -> NetworkSnapshot {
    try NetworkSnapshot.parse(try String(contentsOf: file, encoding: .utf8))
  }

  static let header = "netuid,price_tao,moving_price,tau_in,alpha_in,alpha_out,total_alpha,immunity_period,tempo"

  static func failure(_ text: String) -> SnapshotParseError? {
    do {
      _ = try NetworkSnapshot.parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test("The 2026-04-11 mainnet snapshot has 128 subnets, 6.05 M TAO on root and Σ moving prices 1.307")
  func mainnetSnapshot() throws {
    let s = try Self.mainnet()
    #expect(s.subnets.count == 128)
    #expect(s.subnets.map(\.netuid) == Array(1...128))
    #expect(s.rootStake == 6_050_613_357_800_000)
    #expect(abs(NetworkSnapshot.movingPriceSum(s.subnets) - 1.30725) < 1e-4)
    let sn1 = s.subnets[0]
    #expect(sn1.taoIn == 29_628_493_500_000 && sn1.alphaIn == 2_665_006_711_800_000 && sn1.tempo == 99)
    #expect(sn1.immunityPeriod == 7_200 && sn1.movingPrice == 0.011290281)
    // Subnet 96 was freshly registered: its moving price is empty and reads as 0.
    #expect(s.subnets[95].movingPrice == 0)
  }

  @Test("A sample of N is deterministic, distinct, in netuid order and spans the moving-price ranking", arguments: [1, 16, 32, 127])
  func sample(count: Int) throws {
    let s = try Self.mainnet()
    let a = s.sample(count)
    #expect(a == s.sample(count))
    #expect(a.count == count)
    #expect(Set(a.map(\.netuid)).count == count)
    #expect(a.map(\.netuid) == a.map(\.netuid).sorted())
    if count >= 16 {
      let prices = s.subnets.map(\.movingPrice).sorted(by: >)
      #expect(a.contains { $0.movingPrice >= prices[count / 2] })
      #expect(a.contains { $0.movingPrice <= prices[prices.count - 1 - count / 2] })
    }
    #expect(s.sample(128) == s.subnets)
  }

  @Test("A rescaled sample keeps the whole snapshot's Σ moving prices; alpha reserves are untouched")
  func rescaled() throws {
    let s = try Self.mainnet()
    let sample = s.sample(16)
    let scaled = s.rescaled(sample)
    #expect(abs(NetworkSnapshot.movingPriceSum(scaled) - NetworkSnapshot.movingPriceSum(s.subnets)) < 1e-9)
    #expect(zip(sample, scaled).allSatisfy { $0.alphaIn == $1.alphaIn && $0.alphaOut == $1.alphaOut })
    #expect(s.rescaled(s.subnets) == s.subnets)
  }

  @Test("A missing column is reported on the header line by name")
  func missingColumn() {
    let e = Self.failure("netuid,price_tao\n0,1\n")
    #expect(e?.line == 1 && e?.columnName == "moving_price")
  }

  @Test("A bad number is reported at its line, its column and the column's name")
  func badNumber() {
    let e = Self.failure(Self.header + "\n0,1,,1,1,1,100,0,100\n1,0.01,0.01,abc,100,50,150,5000,360\n")
    #expect(e?.line == 3)
    #expect(e?.column == 13)
    #expect(e?.columnName == "tau_in")
  }

  @Test("total_alpha must be alpha_in + alpha_out; netuids must be unique; tempo must be in 1…65535")
  func consistency() {
    let root = "\n0,1,,1,1,1,100,0,100"
    #expect(Self.failure(Self.header + root + "\n1,0.01,0.01,1,100,50,160,5000,360\n")?.columnName == "total_alpha")
    #expect(Self.failure(Self.header + root + root + "\n")?.columnName == "netuid")
    #expect(Self.failure(Self.header + root + "\n1,0.01,0.01,1,100,50,150,5000,0\n")?.columnName == "tempo")
    #expect(Self.failure(Self.header + root + "\n1,0.01,0.01,0,100,50,150,5000,360\n")?.columnName == "tau_in")
    #expect(Self.failure(Self.header + "\n1,0.01,0.01,1,100,50,150,5000,360\n")?.message == "no root row (netuid 0)")
    #expect(Self.failure(Self.header + root + "\n1,0.01,0.01,1,100,50\n")?.columnName == "immunity_period")
  }
}
