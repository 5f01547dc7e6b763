import ArgumentParser
import Testing

@testable import SimCLI

/// Help text is wrapped once, by ArgumentParser: a paragraph in the source is one line (long
/// lines are continued with a trailing backslash), so `taosim help X` never shows a line broken
/// early followed by its continuation; preformatted (indented) lines fit in 80 columns; every
/// command shows an example.
@Suite("Help text")
struct HelpTextTests {
  /// The command and all its subcommands, depth first.
  static func commands(_ root: any ParsableCommand.Type = TaoSim.self) -> [any ParsableCommand.Type] {
    [root] + root.configuration.subcommands.flatMap { commands($0) }
  }

  static func name(_ command: any ParsableCommand.Type) -> String {
    command.configuration.commandName ?? "\(command)"
  }

  /// The discussion's lines with their indentation relative to the text's own margin.
  static func lines(_ text: String) -> [(indent: Int, text: Substring)] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let indent = line.prefix { $0 == " " }.count
      return (indent, line.dropFirst(indent))
    }
  }

  @Test("every paragraph of every command's discussion and abstract is one source line")
  func paragraphsAreSingleLines() {
    for command in Self.commands() {
      let configuration = command.configuration
      #expect(!configuration.abstract.contains("\n"), "\(Self.name(command)): abstract")
      let lines = Self.lines(configuration.discussion)
      for (line, next) in zip(lines, lines.dropFirst()) where line.indent == 0 && next.indent == 0 {
        #expect(
          line.text.isEmpty || next.text.isEmpty,
          "\(Self.name(command)): '\(line.text.suffix(30))' is hard-wrapped before '\(next.text.prefix(30))'")
      }
    }
  }

  @Test("preformatted lines fit in 80 columns, so they are not wrapped again")
  func preformattedLinesFit() {
    for command in Self.commands() {
      let help = TaoSim.helpMessage(for: command, columns: 80)
      for line in Self.lines(command.configuration.discussion) where line.indent > 0 {
        let text = String(repeating: " ", count: line.indent) + line.text
        #expect(help.contains(text), "\(Self.name(command)): '\(line.text.prefix(40))' is re-wrapped at 80 columns")
      }
    }
  }

  @Test("at 80 columns no help line is a short fragment followed by its continuation")
  func noEarlyBreaks() {
    for command in Self.commands() {
      let help = TaoSim.helpMessage(for: command, columns: 80)
      let lines = Self.lines(help)
      for (line, next) in zip(lines, lines.dropFirst())
      where line.indent == 0 && next.indent == 0 && !line.text.isEmpty && !next.text.isEmpty {
        // ArgumentParser breaks a paragraph only where the next word would reach column 80.
        let nextWord = next.text.prefix { $0 != " " }.count
        #expect(
          line.text.count + 1 + nextWord >= 80,
          "\(Self.name(command)): '\(line.text.suffix(30))' broken early before '\(next.text.prefix(30))'")
      }
    }
  }

  @Test("every command's help has an example")
  func examples() {
    for command in Self.commands() {
      #expect(command.configuration.discussion.contains("Example"), "\(Self.name(command))")
    }
  }
}
