/// Where an entry of a scenario was written: its location and key path, kept with the plain
/// scenario value so that problems found after reading (when the model is built) still point at
/// the scenario line they come from.
public struct SpecOrigin: Sendable, Hashable {
  /// Where the value (or, when it is absent, the mapping that would hold it) is.
  public var location: SourceLocation
  /// Its dotted key path (`attacks[0]`, `network.subnets`).
  public var path: String

  public init(location: SourceLocation, path: String) {
    self.location = location
    self.path = path
  }

  /// A problem at this origin.
  public func problem(_ message: String) -> ScenarioProblem {
    ScenarioProblem(location: location, path: path, message: message)
  }
}

/// Where the model's entries were written: chosen keys by dotted path, and every list entry.
public struct ModelOrigins: Sendable {
  /// Origins by dotted key path (`network.uids_per_subnet`, `validators.weight_interval_blocks`).
  public var keys: [String: SpecOrigin] = [:]
  /// `subnet_overrides[k]`.
  public var subnetOverrides: [SpecOrigin] = []
  /// The document itself (for problems about no key in particular).
  public var document = SpecOrigin(location: SourceLocation(file: "", line: 1, column: 1), path: "(model)")

  public init() {}

  /// Where a problem about `path` is reported: the recorded origin of `path`, else of its nearest
  /// recorded parent key, else the document's start — the first of these that lies in the
  /// scenario's own file or a `--set` (a value inherited through `extends:` is reported in the file
  /// the user named, at the key path that holds it). The path is always `path`.
  public func origin(of path: String) -> SpecOrigin {
    var key = Substring(path)
    while !key.isEmpty {
      if let origin = keys[String(key)], isOwn(origin.location) { return SpecOrigin(location: origin.location, path: path) }
      guard let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
      key = key[..<cut]
    }
    return SpecOrigin(location: document.location, path: path)
  }

  /// `origin` when it lies in the scenario's own file or a `--set`, else ``origin(of:)`` its path.
  public func located(_ origin: SpecOrigin) -> SpecOrigin {
    isOwn(origin.location) ? origin : self.origin(of: origin.path)
  }

  /// True for a location in the scenario's own file or in a `--set` argument.
  func isOwn(_ location: SourceLocation) -> Bool {
    location.file == document.location.file || location.file.hasPrefix("<--set")
  }

  /// Records the origins of `keys` of the mapping `reader` reads (call after reading them, so
  /// that the order in which keys become known, which messages list, is unchanged).
  mutating func note(_ reader: ObjectReader, _ names: [String]) {
    for name in names {
      let origin = reader.field(name).origin
      keys[origin.path] = origin
    }
  }
}

extension ValueReader {
  /// Where this value was written (or, absent, where its mapping is) and its key path.
  public var origin: SpecOrigin { SpecOrigin(location: location, path: path.description) }
}
