import Emission
import Metrics
import ScenarioIO
import Simulation

/// The text of `taosim describe`: policies, behaviours, metrics, scenario keys and studies,
/// each with its parameters and one-line docs, generated from the code that uses them.
public enum Describe {
  /// The subnet emission policies with their parameters.
  public static func policies() -> String {
    EmissionPolicies.all.map { policy in
      var lines = ["\(policy.identifier): \(policy.summary)"]
      for p in policy.parameters {
        lines.append("    \(p.name) = \(NumberRange.text(p.defaultValue)) in [\(NumberRange.text(p.minimum)), \(NumberRange.text(p.maximum))]: \(p.summary)")
      }
      if policy.parameters.isEmpty { lines.append("    (no parameters)") }
      return lines.joined(separator: "\n")
    }.joined(separator: "\n") + "\n\nscenario: emission.policy: {kind: <policy>, <parameter>: <value>}\n"
  }

  /// The rule eras (spec §17.0) and the table of their rules.
  public static func eras() -> String {
    let lines = RuleEra.allCases.map { "\($0.rawValue)\($0 == .latest ? " (default)" : ""): \($0.summary)" }
    return lines.joined(separator: "\n") + "\n\n" + RuleEra.markdownTable
      + "\nscenario: chain.era: <era>; the keys named in the table override single rules\n"
  }

  /// Participants and attacks: the scenario sections that configure behaviours.
  public static func behaviours(extensions: ScenarioExtensions) -> String {
    let sections = ["miners", "validators", "nominators", "stakers", "economics", "attacks"]
    let docs = ScenarioLoader.documentation(extensions: extensions).filter { doc in
      sections.contains { doc.path == $0 || doc.path.hasPrefix($0 + ".") || doc.path.hasPrefix($0 + "[]") }
    }
    return KeyDoc.text(docs) + "\n"
  }

  /// The metrics (columns) of every table.
  public static func metrics(_ kernel: any RunKernel) -> String {
    let catalog = kernel.catalog
    func block(_ title: String, _ columns: [MetricColumn]) -> String {
      let width = columns.map(\.name.count).max() ?? 0
      return ([title] + columns.map {
        "    " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  [\($0.unit)]  \($0.summary)"
          + ($0.bounds == .unbounded ? "" : "; in \($0.bounds)")
      }).joined(separator: "\n")
    }
    return [
      block("network.csv (after scenario, run_id, replication, seed, epoch, block, day)", catalog.network),
      block("subnets.csv (… day, netuid)", catalog.subnet),
      block("neurons.csv (… day, netuid, uid)", catalog.neuronText + catalog.neuron),
      block(
        "identity and time columns (every row starts with them)",
        Columns.identityDocs(ReplicationRecorder.identityColumns + ReplicationRecorder.timeColumns + ["netuid", "uid"])),
      block(
        "summary.csv: one row per metric × aggregate (final, mean, min, max): n, mean, sd, ci_low, ci_high, min, max",
        SummaryTable.columnDocs),
      YieldColumns.yieldFormulas,
      intervals,
      "expect: clauses name network metrics (any column above; per-class yields by the rule <yield>_<class>_<window>): AGGREGATE.METRIC[.STATISTIC] OP NUMBER",
    ].joined(separator: "\n\n") + "\n"
  }

  /// How intervals respect a metric's bounds (`summary.csv`, `taosim compare`).
  static let intervals = """
    intervals (95 %, over replications; t quantiles from GSL):
        mean of a metric in [a, b] (shares, flags, Gini, HHI, correlations): logit interval,
            a + (b−a)·expit(logit p ± t(0.975, n−1)·se / ((b−a)·p·(1−p))), p = (mean−a)/(b−a),
            se = sd/√n; it stays inside (a, b); a mean on a bound or zero spread gives [mean, mean]
        mean of a metric with one bound (counts ≥ 0): Student-t interval clipped to the bound
        mean of an unbounded metric: Student-t interval, mean ± t(0.975, n−1)·sd/√n
        paired difference (taosim compare): d_r = value_r(scenario) − value_r(first) per replication,
            mean(d) ± t(0.975, n−1)·sd(d)/√n, clipped to [a−b, b−a] (e.g. [−1, 1] for two shares)
        n < 2: no interval (empty fields)
    """

  /// Every scenario key (text or the Markdown table of `Scenarios/README.md`).
  public static func keys(extensions: ScenarioExtensions, markdown: Bool) -> String {
    let docs = ScenarioLoader.documentation(extensions: extensions)
    return markdown ? KeyDoc.markdown(docs) : KeyDoc.text(docs) + "\n"
  }

  /// The registered studies.
  public static func studies(extensions: ScenarioExtensions) -> String {
    guard !StudyRegistry.all.isEmpty else { return "(no studies registered)\n" }
    let docs = ScenarioLoader.documentation(extensions: extensions).filter { $0.path.hasPrefix("study") }
    return StudyRegistry.all.map { "\($0.kind): \($0.summary)" }.joined(separator: "\n") + "\n\n" + KeyDoc.text(docs) + "\n"
  }
}
