extension KeyDoc {
  /// The reference table of `docs` as Markdown (the block `Scenarios/README.md` embeds).
  public static func markdown(_ docs: [KeyDoc]) -> String {
    var lines = [
      "| key | type | unit | range | default | kinds | meaning |",
      "|---|---|---|---|---|---|---|",
    ]
    for doc in docs {
      let cells = [
        "`\(doc.path)`", doc.type, doc.unit, doc.range, doc.defaultValue.isEmpty ? "" : "`\(doc.defaultValue)`",
        doc.kinds, doc.doc,
      ].map { $0.replacingOccurrences(of: "|", with: "\\|") }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The reference as plain text, one key per block (for `taosim describe keys`).
  public static func text(_ docs: [KeyDoc]) -> String {
    docs.map { doc in
      var head = doc.path
      if !doc.kinds.isEmpty { head += "  [\(doc.kinds)]" }
      var facts = [doc.type]
      if !doc.unit.isEmpty { facts.append("unit \(doc.unit)") }
      if !doc.range.isEmpty { facts.append("range \(doc.range)") }
      if !doc.defaultValue.isEmpty { facts.append("default \(doc.defaultValue)") }
      return "\(head)\n    \(facts.joined(separator: ", "))\n    \(doc.doc)"
    }.joined(separator: "\n")
  }
}
