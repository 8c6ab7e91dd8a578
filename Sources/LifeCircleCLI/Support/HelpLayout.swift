import Foundation

/// Lays out `--help` pages for the terminal's width. ArgumentParser wraps help by counting characters, so a line
/// with Chinese in it (two columns a character) runs past the edge, and it breaks a long example command in
/// two. We have it render the page unwrapped and wrap it here instead: by display columns, breaking between
/// Chinese characters as well as at spaces, continuing each line under its own text (an option's help under
/// the help column, a usage line under the usage), and never breaking an example command: a `lifecircle …`
/// line stays one line, which a terminal may fold on screen but copies as one command.
enum HelpLayout {
    /// Wide enough that ArgumentParser wraps nothing.
    static let unwrappedWidth = 100_000

    /// The width help is laid out for: $COLUMNS as the user set it, else the terminal's, else 80, as
    /// ArgumentParser decides it.
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Whether `message` is a help page (not a version, a completion script or the JSON of
    /// `--experimental-dump-help`, which must come out as they are).
    static func isHelpPage(_ message: String) -> Bool {
        message.hasPrefix("OVERVIEW: ") || message.hasPrefix("USAGE: ")
    }

    /// `page`, rendered unwrapped, wrapped to `width` display columns. In the overview (the abstract and
    /// discussion) a paragraph is a run of unindented lines, as in Markdown, so a discussion wrapped by hand in
    /// the source still flows as one; indented lines (examples, lists, tables) stay as they are written.
    static func wrap(_ page: String, width: Int) -> String {
        var inSections = false
        return joiningParagraphs(page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            .map { line -> String in
            if line.hasPrefix("USAGE: ") {
                inSections = true
                return wrap(line, width: width, hangingIndent: 7)
            }
            if !line.hasPrefix(" "), line.hasSuffix(":"), line == line.uppercased() { return line }  // OPTIONS:
            if isExample(line) { return line }
            return wrap(line, width: width, hangingIndent: inSections ? sectionIndent(line) : proseIndent(line))
        }.joined(separator: "\n")
    }

    /// The overview's unindented lines joined into paragraphs; everything from `USAGE:` on as it is.
    private static func joiningParagraphs(_ lines: [String]) -> [String] {
        var result: [String] = []
        var joining = false
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("USAGE: ") { return result + lines[index...] }
            let prose = !line.isEmpty && !line.hasPrefix(" ")
            if prose, joining, let last = result.last, !last.hasSuffix(":") {
                result[result.count - 1] = last + " " + line
            } else {
                result.append(line)
            }
            joining = prose
        }
        return result
    }

    /// An example command: `lifecircle …`, indented, as the discussions give them.
    static func isExample(_ line: String) -> Bool {
        line.hasPrefix(" ") && line.drop(while: { $0 == " " }).hasPrefix("lifecircle ")
    }

    /// Where an option's or subcommand's help continues: under its text, which starts after the label and a
    /// gap of two or more spaces; a line without a label continues under itself.
    private static func sectionIndent(_ line: String) -> Int {
        let characters = Array(line)
        let lead = characters.prefix(while: { $0 == " " }).count
        var index = lead
        while index < characters.count {
            if characters[index] == " ", index + 1 < characters.count, characters[index + 1] == " " {
                let textStart = characters[index...].firstIndex(where: { $0 != " " }) ?? characters.count
                return textStart < characters.count ? displayWidth(of: String(characters[..<textStart])) : lead
            }
            index += 1
        }
        return lead
    }

    /// Prose continues under itself; a bullet (`- `) under the bullet's text.
    private static func proseIndent(_ line: String) -> Int {
        let lead = line.prefix(while: { $0 == " " }).count
        return line.dropFirst(lead).hasPrefix("- ") ? lead + 2 : lead
    }

    /// One line wrapped to `width`, continuation lines indented by `hangingIndent`.
    private static func wrap(_ line: String, width: Int, hangingIndent: Int) -> String {
        guard displayWidth(of: line) > width else { return line }
        // Too narrow a terminal for the indent: continue at the margin rather than not at all.
        let indent = width - hangingIndent >= 20 ? hangingIndent : 0
        let lead = String(line.prefix(while: { $0 == " " }))
        var lines: [String] = []
        var current = lead
        var currentWidth = lead.count
        var lineHasText = false
        for piece in pieces(of: String(line.dropFirst(lead.count))) {
            let separator = lineHasText ? piece.separator : ""
            let pieceWidth = displayWidth(of: piece.text)
            if lineHasText, currentWidth + separator.count + pieceWidth > width {
                lines.append(current)
                current = String(repeating: " ", count: indent) + piece.text
                currentWidth = indent + pieceWidth
            } else {
                current += separator + piece.text
                currentWidth += separator.count + pieceWidth
            }
            lineHasText = true
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// The pieces a line may break between: words at spaces, and within a word beside each Chinese character,
    /// except before closing punctuation (，。）…) and after opening punctuation (（《…).
    private static func pieces(of text: String) -> [(separator: String, text: String)] {
        var result: [(separator: String, text: String)] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var separator = " "
            var piece = ""
            var previous: Character?
            for character in word {
                if let previous, mayBreak(between: previous, and: character) {
                    result.append((separator, piece))
                    separator = ""
                    piece = ""
                }
                piece.append(character)
                previous = character
            }
            result.append((separator, piece))
        }
        return result
    }

    private static func mayBreak(between before: Character, and after: Character) -> Bool {
        (isWide(before) || isWide(after)) && !closingPunctuation.contains(after) && !openingPunctuation.contains(before)
    }

    private static let closingPunctuation: Set<Character> = Set("，。、；：！？）》」』”’】〉…—,.;:!?)]}%")
    private static let openingPunctuation: Set<Character> = Set("（《「『“‘【〈")

    /// The columns `text` takes on a terminal: East Asian wide and fullwidth characters two, the rest one.
    static func displayWidth(of text: String) -> Int {
        text.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        return switch scalar {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x20000...0x3FFFD:
            true
        default: false
        }
    }
}
