import FacilityKit

/// Warnings a report carries above everything else, such as a check run on data that is not of the profile's
/// region (`--allow-other-region`): a red box at the top of the HTML page, a quoted bold line in Markdown.
enum DataWarnings {
    static func html(_ warnings: [LocalizedText], language: ReportLanguage) -> String {
        warnings.map { warning in
            "<div class=\"data-warning\" role=\"alert\">\(warning.text(for: language).htmlEscaped)</div>\n"
        }.joined()
    }

    static func markdown(_ warnings: [LocalizedText], language: ReportLanguage) -> [String] {
        warnings.flatMap { warning in
            ["> **\(ReportTable.markdownEscaped(warning.text(for: language), startsLine: false))**", ""]
        }
    }
}
