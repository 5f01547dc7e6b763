import Foundation
import PackagePlugin

/// Generates `SourceRevision.swift` (the `builtSourceRevision` constant) for the target that
/// uses it, from `git describe --always --dirty` of the package folder, or "unknown" outside a
/// git checkout (a source tarball). Runs before every build; `scripts/source-revision.sh`
/// rewrites the file only when the text changes, so an unchanged revision recompiles nothing.
@main
struct SourceRevisionPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
    let script = context.package.directoryURL.appendingPathComponent("scripts/source-revision.sh")
    return [
      .prebuildCommand(
        displayName: "Source revision of \(target.name)",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: [script.path, context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
