import Foundation

extension ReportTable {
    /// The table as HTML: escaped text, ids as code that may break after `.` and `_`, links inside the page.
    var html: String {
        var html = "<table class=\"\(cssClass)\">\n<thead><tr>"
        for header in headers { html += "<th>\(header.htmlEscaped)</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for cell in row {
                var content = cell.text.htmlEscaped
                // Ids may break after a dot or an underscore, never inside a word.
                if cell.isCode {
                    content =
                        "<code>"
                        + content.replacingOccurrences(of: ".", with: ".<wbr>")
                        .replacingOccurrences(of: "_", with: "_<wbr>") + "</code>"
                }
                if let link = cell.link { content = "<a href=\"\(link.htmlEscaped)\">\(content)</a>" }
                html += cell.cssClass.map { "<td class=\"\($0)\">" } ?? "<td>"
                html += content + "</td>"
            }
            html += "</tr>\n"
        }
        if let more {
            html += "<tr class=\"more\"><td colspan=\"\(headers.count)\">\(more.htmlEscaped)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
