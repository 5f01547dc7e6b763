import Agents
import Recording

extension ModelSpec {
  /// Reads the keys that make honest validators differ (noise level, cadence, lag, sparse rows,
  /// misconfiguration); each defaults to "all alike", which reproduces worlds written before them.
  /// Like every key, each enters the resolved scenario (and so the manifest) with its value.
  static func readHeterogeneity(_ r: ObjectReader, _ v: inout HonestValidatorParameters) {
    /// Reads `key` with `read` and stores its resolved form.
    func resolved<T>(_ key: String, _ read: (ValueReader) -> (T, JSONValue?)) -> T {
      let (value, json) = read(r.field(key))
      r.store(key, json)
      return value
    }
    v.weightSigmaSpread = resolved("weight_sigma_spread") {
      $0.number(default: v.weightSigmaSpread, in: .closed(0, 10), unit: "",
        doc: "s: validator i's noise level is σ_W · lognormal(0, s), drawn once per validator; 0 = all σ_W")
    }
    let field = r.field("weight_interval_blocks_range")
    let (bounds, json) = field.list(doc: "[lo, hi]: validator i submits every uniform{lo…hi} blocks from its own phase; absent or [] = all weight_interval_blocks", maximumCount: 2) { item in
      item.integer(default: nil, in: 1...10_000_000, unit: "blocks", doc: "a bound")
    }
    // `[]` (how the resolved scenario writes "absent") is the same as leaving the key out.
    if !r.context.documenting, r.has("weight_interval_blocks_range"), !bounds.isEmpty {
      if bounds.count != 2 {
        field.report("expected [lo, hi], got \(bounds.count) value(s)")
      } else if bounds[0] > bounds[1] {
        field.report("lo (\(bounds[0])) must be ≤ hi (\(bounds[1]))")
      } else {
        v.weightIntervalRange = Int64(bounds[0])...Int64(bounds[1])
      }
    }
    r.store("weight_interval_blocks_range", r.has("weight_interval_blocks_range") ? json : .array([]))
    v.lagShare = resolved("lag_share") {
      $0.number(default: v.lagShare, in: .closed(0, 1), unit: "share",
        doc: "share of validators who weight the utility as it was lag_blocks ago")
    }
    v.lagBlocks = Int64(resolved("lag_blocks") {
      $0.integer(default: Int(v.lagBlocks), in: 0...100_000_000, unit: "blocks",
        doc: "how stale a lagging validator's view of utility is")
    })
    v.topK = resolved("top_k") {
      $0.integer(default: v.topK, in: 0...4_096, unit: "miners",
        doc: "each validator weights only its k best-observed miners; 0 = all")
    }
    v.misconfiguredShare = resolved("misconfigured_share") {
      $0.number(default: v.misconfiguredShare, in: .closed(0, 1), unit: "share",
        doc: "share of small validators (stake below the median validator's when first seen) whose weights are out of consensus")
    }
    v.misconfiguredWeights = MisconfiguredWeights(
      rawValue: resolved("misconfigured_weights") {
        $0.choice(MisconfiguredWeights.allCases.map(\.rawValue), default: v.misconfiguredWeights.rawValue,
          doc: "random = uniform(0, 1) weights on every UID; fixed-set = equal weights on a fixed set of top_k (or 8) UIDs")
      }) ?? .random
  }
}
