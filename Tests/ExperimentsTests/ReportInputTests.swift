import Foundation
import TestSupport
import Testing

@testable import Experiments

/// `taosim report` tells run folders from compare folders and refuses anything else.
@Suite("Report inputs")
struct ReportInputTests {
  @Test("a folder with manifest.json is a run, one with compare.csv and compare.json a comparison, others neither")
  func classify() throws {
    let folder = try TemporaryFolder()
    _ = try folder.write("run/manifest.json", "{}")
    _ = try folder.write("cmp/compare.csv", "comparison\n")
    _ = try folder.write("cmp/compare.json", "{}")
    _ = try folder.write("half/compare.csv", "comparison\n")
    let run = folder.url.appendingPathComponent("run")
    let compare = folder.url.appendingPathComponent("cmp")
    #expect(ReportInput.classify(run) == .run(run))
    #expect(ReportInput.classify(compare) == .compare(compare))
    #expect(ReportInput.classify(folder.url.appendingPathComponent("half")) == nil)
    #expect(ReportInput.classify(folder.url) == nil)
    #expect(ReportInput.refusal(folder.url).contains("not a run folder"))
  }

  @Test("describe metrics --csv lists every network column with its bounds, open ends empty")
  func metricTable() throws {
    let lines = Describe.metricTable(WorldKernel()).split(separator: "\n")
    #expect(lines.first == "table,name,unit,lower,upper")
    #expect(lines.contains("network,top10_validator_share_tao,share,0.0,1.0"))
    #expect(lines.contains("network,tao_apy_30d,1/year,-1.0,"))
    #expect(lines.contains("network,subnet_nakamoto_median,count,0.0,"))
    #expect(lines.contains("network,tao_apy_attacker_<name>_30d,1/year,-1.0,"))
  }
}
