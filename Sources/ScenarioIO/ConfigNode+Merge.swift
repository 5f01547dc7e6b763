extension ConfigNode {
  /// Deep-merges `override` onto `self` (used by `extends:`, `--set` and sweep points).
  ///
  /// Rules: mapping onto mapping merges key by key (base order kept, new keys appended); an
  /// empty value (`network:` with nothing under it, i.e. null) onto a mapping changes nothing,
  /// since an empty section means "no overrides"; anything else replaces. Exception for tagged
  /// objects: when both mappings carry a `kind` and the kinds differ, the override replaces the
  /// base entirely, so the old kind's parameters do not leak into the new kind.
  public func merged(with override: ConfigNode) -> ConfigNode {
    if override.isNull, entries != nil { return self }
    guard case .mapping(var entries) = content, case .mapping(let overrides) = override.content else {
      return override
    }
    if let baseKind = self["kind"], let newKind = override["kind"], !baseKind.sameScalar(as: newKind) {
      return override
    }
    for entry in overrides {
      if let index = entries.lastIndex(where: { $0.key == entry.key }) {
        entries[index].value = entries[index].value.merged(with: entry.value)
      } else {
        entries.append(entry)
      }
    }
    return ConfigNode(.mapping(entries), at: location)
  }

  func sameScalar(as other: ConfigNode) -> Bool {
    if case .scalar(let a, _) = content, case .scalar(let b, _) = other.content { return a == b }
    return false
  }

  /// Returns the tree with `value` merged in at `path`, creating missing mappings on the way.
  ///
  /// Setting `kind` to a different value drops the old kind's other keys (see
  /// ``merged(with:)``).
  /// - Throws: A message when the path runs through a scalar or past the end of a list.
  public func setting(_ value: ConfigNode, at path: KeyPath, keyLocation: SourceLocation) throws(PathError)
    -> ConfigNode
  {
    try setting(value, at: path.components[...], keyLocation: keyLocation, walked: KeyPath())
  }

  /// Why a path could not be followed.
  public struct PathError: Error, Sendable {
    public var path: KeyPath
    public var message: String
  }

  private func setting(
    _ value: ConfigNode, at path: ArraySlice<KeyPath.Component>, keyLocation: SourceLocation, walked: KeyPath
  ) throws(PathError) -> ConfigNode {
    guard let first = path.first else { return merged(with: value) }
    let rest = path.dropFirst()
    switch first {
    case .key(let key):
      var entries: [Entry]
      if isNull {
        entries = []
      } else if case .mapping(let existing) = content {
        entries = existing
      } else {
        throw PathError(path: walked, message: "is \(kindDescription), not a mapping, so it has no key '\(key)'")
      }
      let here = walked.appending(key)
      if let index = entries.lastIndex(where: { $0.key == key }) {
        if rest.isEmpty, key == "kind", !entries[index].value.sameScalar(as: value) {
          return ConfigNode(.mapping([Entry(key: key, keyLocation: keyLocation, value: value)]), at: location)
        }
        entries[index].value = try entries[index].value.setting(value, at: rest, keyLocation: keyLocation, walked: here)
      } else {
        let empty = ConfigNode(.mapping([]), at: keyLocation)
        let child = rest.isEmpty ? value : try empty.setting(value, at: rest, keyLocation: keyLocation, walked: here)
        entries.append(Entry(key: key, keyLocation: keyLocation, value: child))
      }
      return ConfigNode(.mapping(entries), at: location)
    case .index(let index):
      guard case .sequence(var items) = content else {
        throw PathError(path: walked, message: "is \(kindDescription), not a list, so it has no item [\(index)]")
      }
      guard index < items.count else {
        throw PathError(path: walked, message: "has \(items.count) items, so there is no item [\(index)]")
      }
      items[index] = try items[index].setting(value, at: rest, keyLocation: keyLocation, walked: walked.appending(index: index))
      return ConfigNode(.sequence(items), at: location)
    }
  }

  /// Returns the tree without the top-level `key`.
  public func removing(_ key: String) -> ConfigNode {
    guard case .mapping(let entries) = content else { return self }
    return ConfigNode(.mapping(entries.filter { $0.key != key }), at: location)
  }
}
