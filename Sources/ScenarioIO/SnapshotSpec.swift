import Foundation
import NetworkModel
import Recording

/// The `genesis.snapshot` keys: a real network's per-subnet CSV (``NetworkSnapshot``) to start
/// from, which subnets to take and how stake is spread.
///
/// The file is named relative to the scenario file that names it and opened only as a regular
/// file (``RegularFile``); a bad file is reported at its own line and column with the column's
/// name, under the key path `genesis.snapshot`.
enum SnapshotSpec {
  /// The most bytes a snapshot file may have (the 129-row mainnet file has about 25 kB).
  static let byteLimit = 4 * 1024 * 1024

  /// Reads the snapshot keys of the `genesis` mapping; `nil` when it names no snapshot. Outside
  /// documentation mode the keys are read only with a snapshot, so scenarios without one resolve
  /// exactly as before.
  static func read(_ r: ObjectReader) -> SnapshotGenesis? {
    guard r.has("snapshot") || r.context.documenting else { return nil }
    let field = r.field("snapshot")
    let name = r.string("snapshot", default: r.context.documenting ? "(none)" : nil,
      doc: "a per-subnet CSV of a real network (format of data/mainnet/subnets-2026-04-11.csv), relative to this scenario file; builds pools, moving prices, outstanding alpha, tempo, immunity, age and root stake from it",
      check: { $0.isEmpty ? "name a snapshot file" : nil })
    let chosen = readChoice(r)
    let rescale = r.boolean("rescale_sample", default: true,
      doc: "scale a sample's pool TAO and prices so its Σ moving prices equals the whole snapshot's (keeps the root sell flag and price shares)")
    let sigma = r.number("stake_skew_sigma", default: SnapshotGenesis.fittedStakeSigma, in: .closed(0, 10),
      doc: "σ of the lognormal skew of validator (and root) stake; default fitted to SN1's permit holders (docs/calibration.md)")
    if !r.context.documenting {
      let unused = ["pool_tao", "initial_price", "initial_ema_price", "validator_stake_mu", "validator_stake_sigma", "root_stake_mu", "root_stake_sigma"]
      for key in unused where r.has(key) { r.field(key).report("has no effect with genesis.snapshot (the snapshot sets it)") }
    }
    guard !r.context.documenting, !name.isEmpty, let snapshot = load(name, at: field) else { return nil }
    let rows: [NetworkSnapshot.SubnetRow]
    switch chosen {
    case .all: rows = snapshot.subnets
    case .count(let n): rows = rescale ? snapshot.rescaled(snapshot.sample(n)) : snapshot.sample(n)
    case .netuids(let ids, let readers):
      var picked: [NetworkSnapshot.SubnetRow] = []
      for (id, reader) in zip(ids, readers) {
        if let row = snapshot.subnets.first(where: { $0.netuid == id }) {
          if picked.contains(row) { reader.report("netuid \(id) is listed twice") } else { picked.append(row) }
        } else {
          reader.report("netuid \(id) is not in the snapshot")
        }
      }
      rows = rescale ? snapshot.rescaled(picked) : picked
    }
    var genesis = SnapshotGenesis(source: name, rootStake: snapshot.rootStake, subnets: rows)
    genesis.stakeSigma = sigma
    return genesis
  }

  enum Choice {
    case all
    case count(Int)
    case netuids([Int], [ValueReader])
  }

  /// `genesis.subnets`: absent = all, a whole number N = the deterministic sample of N, a list =
  /// those netuids (world netuid k = the k-th listed).
  static func readChoice(_ r: ObjectReader) -> Choice {
    let field = r.field("subnets")
    let doc = "which snapshot subnets to take: a number N (a deterministic sample spanning the moving-price ranking) or a list of netuids (world netuid k = the k-th listed); default all"
    if case .sequence = field.node?.content {
      var readers: [ValueReader] = []
      let ids: [Int] = r.list("subnets", doc: doc, maximumCount: 4_095) { item in
        readers.append(item)
        return item.integer(default: nil, in: 1...65_535, doc: "a snapshot netuid")
      }
      if ids.isEmpty { field.report("name at least one netuid") }
      return .netuids(ids, readers)
    }
    guard field.node != nil || r.context.documenting else { return .all }
    let n = r.integer("subnets", default: nil, in: 1...4_095, unit: "subnets", doc: doc, defaultText: "all")
    return .count(n)
  }

  /// True for a name ending in `.csv` (and more), so `genesis.snapshot` never opens a file that is
  /// not named as a snapshot, even through a link.
  static func isSnapshotName(_ path: String) -> Bool {
    let last = (path as NSString).lastPathComponent
    return last.hasSuffix(".csv") && last.count > 4
  }

  /// The parsed file named at `field`, or `nil` after reporting why not.
  static func load(_ name: String, at field: ValueReader) -> NetworkSnapshot? {
    let scenario = field.location.file
    let folder = scenario.hasPrefix("<") ? "" : (scenario as NSString).deletingLastPathComponent
    let path = name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
    let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    guard isSnapshotName(path), isSnapshotName(resolved) else {
      field.report("'\(name)' is not a snapshot file; genesis.snapshot names a .csv file (after following links)")
      return nil
    }
    let bytes: [UInt8]
    do {
      bytes = try RegularFile.read(path: path, limit: byteLimit)
    } catch {
      field.report("'\(path)' \(error.message(noun: "a snapshot file", limit: byteLimit))")
      return nil
    }
    guard bytes.count <= byteLimit else {
      field.report("'\(path)' grew beyond \(byteLimit) bytes while being read")
      return nil
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      field.report("'\(path)' is not UTF-8 text")
      return nil
    }
    do {
      return try NetworkSnapshot.parse(text)
    } catch {
      field.context.report(
        SourceLocation(file: path, line: error.line, column: error.column), field.path,
        "snapshot column '\(error.columnName)': \(error.message)")
      return nil
    }
  }
}
