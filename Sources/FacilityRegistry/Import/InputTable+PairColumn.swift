import Foundation
import Interchange

extension InputTable {
    /// Names of one column holding a point as "lng,lat", as AMap's web service and the scrapers built on it write.
    static let pairColumnNames = ["location", "lnglat", "lng,lat", "经纬度", "坐标", "经纬度坐标", "位置坐标"]

    static func pairColumn(in header: [String]) -> String? {
        let wanted = Set(pairColumnNames)
        return header.first { wanted.contains(ColumnMapping.key($0)) }
    }

    /// A CSV whose position is one "lng,lat" column, read as two coordinate columns named after it
    /// (`location (经度)`, `location (纬度)`), so a bad value is reported like any coordinate. A cell with one number
    /// lacks its latitude; one with more keeps its whole text in the longitude, whose parse then names it.
    static func splitting(_ pair: String, of table: CSVTable) -> InputTable {
        let lon = "\(pair) (经度)"
        let lat = "\(pair) (纬度)"
        let names = Columns(table.header + [lon, lat])
        let at = table.header.firstIndex(of: pair)
        let rows = table.rows.filter { !$0.isBlank }.map { row in
            let text = at.flatMap { row.values.indices.contains($0) ? row.values[$0] : nil } ?? ""
            let parts = text.split(whereSeparator: { $0 == "," || $0 == "，" }).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            // "113.2" alone reads as a missing latitude; anything else fails as a longitude, with its text.
            let position = parts.count == 2 ? parts : [parts.count == 1 ? parts[0] : text, ""]
            let values = row.values + Array(repeating: "", count: max(0, table.header.count - row.values.count))
            return Row(number: row.line, cells: Cells(columns: names, values: values + position))
        }
        var input = InputTable(
            file: table.file, header: table.header, rows: rows, location: .columns(x: lon, y: lat), declaredCRS: nil,
            rowLabel: "line")
        input.pairColumn = pair
        return input
    }
}
