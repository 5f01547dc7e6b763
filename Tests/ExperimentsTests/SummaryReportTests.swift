import Foundation
import TestSupport
import Testing

@testable import Experiments

/// The terminal table of a run's network metrics, read from `summary.csv`.
@Suite("The summary table printed after a run")
struct SummaryReportTests {
  static let header = "scenario,run_id,seed,replications,scope,netuid,metric,unit,aggregate,n,mean,sd,ci_low,ci_high,min,max"

  @Test func linesWhoseBytesCannotHoldANetworkOrStudyScopeAreTheOnlyOnesSkipped() {
    #expect(SummaryReport.mayHoldScope("full-network,r,1,1,network,,issuance_tao,TAO,final,1,2,,,,2,2"))
    #expect(SummaryReport.mayHoldScope("s,r,1,1,study,,x,1,final,1,2,,,,2,2"))
    #expect(!SummaryReport.mayHoldScope("full-network,r,1,1,subnet,3,price,TAO,final,1,2,,,,2,2"))
    #expect(!SummaryReport.mayHoldScope("network,r,1,1,subnet,3,network_share,1,final,1,2,,,,2,2"))
    #expect(SummaryReport.mayHoldScope("\"a,b\",r,1,1,subnet,3,x,1,final,1,2,,,,2,2"))
    #expect(!SummaryReport.mayHoldScope(""))
  }

  @Test func theTableOfAFileWithOtherScopesIsTheTableOfItsNetworkAndStudyRowsAlone() throws {
    let shown = [
      "net,r,1,2,network,,issuance_tao,TAO,final,2,10.5,1,9,12,9,12",
      "net,r,1,2,network,,issuance_tao,TAO,mean,2,10.25,1,9,12,9,12",
      "\"we, the network\",r,1,2,network,,gini,1,final,2,0.123456789,,,,0.1,0.2",
      "\"we, the network\",r,1,2,\"study\",,retained,1,final,2,3,,,,3,3",
    ]
    let hidden = [
      "net,r,1,2,subnet,4,price,TAO,final,2,1,,,,1,1",
      "network,r,1,2,subnet,5,network_price,TAO,final,2,1,,,,1,1",
      "\"a \"\"network\"\"\",r,1,2,neuron,5,x,1,final,2,1,,,,1,1",
      "net,r,1,2,network,,short_row",
    ]
    let all = try TemporaryFolder()
    let alone = try TemporaryFolder()
    var mixed: [String] = []
    for (k, line) in shown.enumerated() {
      mixed.append(line)
      mixed.append(hidden[k % hidden.count])
    }
    try all.write(SummaryTable.fileName, ([Self.header] + mixed + hidden).joined(separator: "\n") + "\n")
    try alone.write(SummaryTable.fileName, ([Self.header] + shown).joined(separator: "\n") + "\n")
    let table = try SummaryReport.table(folder: all.url)
    #expect(table != nil)
    #expect(table == (try SummaryReport.table(folder: alone.url)))
    #expect(table?.contains("issuance_tao") == true && table?.contains("retained") == true && table?.contains("price") == false)
  }
}
