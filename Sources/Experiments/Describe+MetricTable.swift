import Recording

extension Describe {
  /// Every column of every table as CSV (`table,name,unit,lower,upper`; an open bound is empty):
  /// what `taosim describe metrics --csv` prints and `taosim report` hands the figure script, so
  /// bands are clipped to the catalogue's bounds.
  public static func metricTable(_ kernel: any RunKernel) -> String {
    let catalog = kernel.catalog
    let tables: [(String, [MetricColumn])] = [
      ("network", catalog.network), ("subnets", catalog.subnet), ("neurons", catalog.neuron),
    ]
    var lines = ["table,name,unit,lower,upper"]
    for (table, columns) in tables {
      for c in columns {
        lines.append(CSVFormat.line([table, c.name, c.unit, CSVFormat.number(c.bounds.lower), CSVFormat.number(c.bounds.upper)]))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
