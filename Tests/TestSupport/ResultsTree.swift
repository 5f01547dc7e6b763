import Foundation

/// Every regular file below a folder, by relative path, with its bytes (for byte comparisons).
public func filesBelow(_ root: URL) throws -> [String: Data] {
  var files: [String: Data] = [:]
  guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
  else { return files }
  let prefix = root.standardizedFileURL.resolvingSymlinksInPath().path + "/"
  for case let url as URL in enumerator {
    guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
    let path = url.standardizedFileURL.resolvingSymlinksInPath().path
    files[String(path.dropFirst(prefix.count))] = try Data(contentsOf: url)
  }
  return files
}

/// A short description of how two trees differ (empty when byte-identical).
public func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
  var out: [String] = []
  for key in Set(a.keys).union(b.keys).sorted() {
    switch (a[key], b[key]) {
    case (nil, _): out.append("only in second: \(key)")
    case (_, nil): out.append("only in first: \(key)")
    case (let x?, let y?) where x != y: out.append("differs: \(key)")
    default: break
    }
  }
  return out
}
