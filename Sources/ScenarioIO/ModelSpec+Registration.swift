import NetworkModel
import Recording

extension ModelSpec {
  /// `subnet_registration`: governance rules for subnets registered during the run (spec §17.2).
  ///
  /// `enable_emission_after_days`: days from registration until the subnet's emission is
  /// enabled — a number ≥ 0 (0 = it starts enabled) or `never`. Default: the era's (0 before
  /// 2026-06-23; `never` after, as the chain has no automatic rule). Converted to blocks
  /// (7 200 per day, rounded).
  static func readRegistration(_ r: ObjectReader, defaults c: ChainParameters) -> Int64? {
    let key = "enable_emission_after_days"
    let fallback = c.enableEmissionAfterBlocks
    let fallbackJSON: JSONValue = fallback.map { .number(Double($0) / 7_200) } ?? .string("never")
    let f = r.field(key)
    f.document(
      type: "number or never", unit: "days", range: "[0, 36500] or never",
      defaultValue: fallback.map { NumberRange.text(Double($0) / 7_200) } ?? "never (chain.era's)",
      doc: "days from a new subnet's registration until its emission is enabled (spec §17.2); 0 = starts enabled, never = stays disabled (default: chain.era's)")
    guard let node = f.node, !node.isNull else {
      r.store(key, fallbackJSON)
      return fallback
    }
    guard let text = f.plainText(expected: "a number of days or never") else { return fallback }
    if text == "never" {
      r.store(key, .string("never"))
      return nil
    }
    guard let days = ValueReader.parseNumber(text), days.isFinite, days >= 0, days <= 36_500 else {
      f.report("expected a number of days in [0, 36500] or never, got '\(text)'")
      return fallback
    }
    r.store(key, .number(days))
    return Int64((days * 7_200).rounded())
  }
}
