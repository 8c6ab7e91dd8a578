import ArgumentParser
import Foundation
import LifeCircleCLI
import Testing

/// Every command's `--help`, as the built `lifecircle` prints it for a terminal of a given width: no line wider than
/// the terminal (a Chinese character takes two columns), and every example a whole command that parses.
@Suite("Help pages fit the terminal and their examples run")
struct HelpPageTests {
    /// Every command path of the tree: `[]` for the root, `["network", "build"]`, …
    static let commandPaths: [[String]] = {
        func walk(_ command: any ParsableCommand.Type, _ path: [String]) -> [[String]] {
            [path] + command.configuration.subcommands.flatMap { walk($0, path + [$0._commandName]) }
        }
        return walk(LifeCircleCommand.self, [])
    }()

    /// Columns on a terminal, counted independently of the CLI's own layout: East Asian wide and fullwidth
    /// characters (CJK ideographs, kana, hangul, fullwidth forms and CJK punctuation) two, the rest one.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { count, scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return count
            default: break
            }
            let wide: Bool = switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x20000...0x3FFFD: true
            default: false
            }
            return count + (wide ? 2 : 1)
        }
    }

    /// A command line split as a shell splits it (spaces, '…' and "…").
    static func shellWords(_ line: Substring) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test("the tree has every command", arguments: [
        ["import"], ["network", "build"], ["demand", "import"], ["admin", "population"], ["scenario"], ["demo"],
    ])
    func treeIsWalked(_ path: [String]) {
        #expect(Self.commandPaths.contains(path))
    }

    @Test("every page fits the terminal; examples are whole, parsing commands", arguments: [80, 60, 120])
    func everyPageFits(width: Int) throws {
        let cli = try CommandRunner()
        var examples = 0
        // Every page at 80 columns; the other widths on pages with long options, lists and Chinese.
        let sample: [[String]] = [[], ["import"], ["site-suggest"], ["access"], ["edit"], ["check"], ["admin", "import"]]
        for path in width == 80 ? Self.commandPaths : sample {
            let name = (["lifecircle"] + path).joined(separator: " ")
            let result = try cli.run(path + ["--help"], environment: ["COLUMNS": "\(width)"])
            #expect(result.status == 0, "\(name) --help: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            // The overview (abstract and discussion) comes before USAGE; its examples follow an "Example(s):" line.
            let overview = lines.prefix(while: { !$0.hasPrefix("USAGE: ") })
            for line in lines {
                let trimmed = line.drop(while: { $0 == " " })
                let isExample = trimmed.hasPrefix("lifecircle ") && line.hasPrefix(" ")
                // An example is one line whatever the width; at 80 columns and wider it also fits.
                if !(isExample && width < 80) {
                    #expect(Self.columns(line) <= width, "\(name) --help at \(width): \(Self.columns(line)) columns: \(line)")
                }
            }
            var inExamples = false
            for line in overview {
                let trimmed = line.drop(while: { $0 == " " })
                if line.hasSuffix("Example:") || line.hasSuffix("Examples:") {
                    inExamples = true
                    continue
                }
                if trimmed.isEmpty || !line.hasPrefix(" ") {
                    inExamples = false
                    continue
                }
                guard inExamples else { continue }
                #expect(trimmed.hasPrefix("lifecircle "), "\(name): an example line broken or not a command: \(line)")
                guard trimmed.hasPrefix("lifecircle ") else { continue }
                examples += 1
                let words = Array(Self.shellWords(trimmed).dropFirst())
                #expect(throws: Never.self, "\(name): example does not parse: \(trimmed)") {
                    _ = try LifeCircleCommand.parseAsRoot(words)
                }
            }
        }
        #expect(examples > (width == 80 ? 50 : 10))
    }

    @Test("a Chinese help line wraps by columns, between characters")
    func chineseWraps() throws {
        let cli = try CommandRunner()
        let result = try cli.run(["edit", "--help"], environment: ["COLUMNS": "40"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { Self.columns($0) <= 40 || $0.drop(while: { $0 == " " }).hasPrefix("lifecircle ") })
        // The examples stay whole even where they are wider than the terminal.
        #expect(lines.contains { $0.contains("lifecircle edit maternity_room R1 面积=15 独立房间=是") })
    }
}
