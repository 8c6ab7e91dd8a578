public import FacilityKit
import Foundation
public import Projection

/// A POI list exported from a Chinese web map, as the maps' web-service APIs return it and the common scrapers
/// write it: AMap (高德: `id, name, type, typecode, address, location "lng,lat", tel, pname, cityname, adname`) or
/// Baidu (`uid, name, address, lng, lat, tag "教育培训;幼儿园", telephone`). Told by its headers; its rows are
/// kept or left out by the kind's ``POITypeMapping``, and what a type implies fills the kind's fields.
public struct POIExport: Sendable {
    public enum Provider: String, Sendable {
        case amap, baidu

        public var label: LocalizedText {
            switch self {
            case .amap: LocalizedText(zh: "高德地图", en: "AMap (高德)")
            case .baidu: LocalizedText(zh: "百度地图", en: "Baidu Maps")
            }
        }

        /// The system the map's coordinates are in: GCJ-02 for AMap, BD-09 for Baidu.
        public var crs: CRS {
            switch self {
            case .amap: .gcj02
            case .baidu: .bd09
            }
        }
    }

    public var provider: Provider
    /// AMap: the typecode column (`141204`, several joined by `|`).
    public var typecodeColumn: String?
    /// AMap: the type names (`科教文化服务;学校;幼儿园`); Baidu: the tag (`教育培训;幼儿园`).
    public var typeColumn: String?
    /// The headers that told the layout, for the message that says so.
    public var evidence: [String]

    static let typecodeNames = ["typecode", "type_code", "typecodes", "类型编码", "分类编码", "类别编码", "poi类型编码"]
    static let amapTypeNames = ["type", "类型", "poi类型", "分类", "类别"]
    static let baiduTagNames = ["tag", "标签", "detail_info.tag", "detail_info_tag", "分类标签", "行业标签"]
    static let baiduIDNames = ["uid", "百度uid"]
    /// Where the maps say a POI is administratively: not facility fields (Baidu's `area` is the district, not m²).
    static let placeNames = [
        "pname", "pcode", "cityname", "citycode", "adname", "adcode", "business_area", "distance", "province",
        "city", "area", "district", "town", "street_id", "省份", "城市", "区县", "省", "市", "区",
    ]

    /// The layout a table's headers show, or nil for an ordinary list. A typecode column is AMap's; a Baidu `uid`
    /// or `tag` column without one is Baidu's.
    public static func detect(in table: InputTable) -> POIExport? {
        let header = table.header
        func find(_ names: [String]) -> String? {
            let wanted = Set(names)
            return header.first { wanted.contains(ColumnMapping.key($0)) }
        }
        let location = table.pairColumn.map { [$0] } ?? []
        if let typecode = find(typecodeNames) {
            let type = find(amapTypeNames)
            return POIExport(
                provider: .amap, typecodeColumn: typecode, typeColumn: type,
                evidence: [typecode] + (type.map { [$0] } ?? []) + location)
        }
        let tag = find(baiduTagNames)
        let uid = find(baiduIDNames)
        if tag != nil || uid != nil {
            return POIExport(
                provider: .baidu, typecodeColumn: nil, typeColumn: tag,
                evidence: [uid, tag].compactMap { $0 } + location)
        }
        return nil
    }

    /// The rows of a table that are of the kind, with the values their type implies.
    public struct Selection: Sendable {
        public var table: InputTable
        /// Rows of other types, by type (the typecode with its name, or the tag), most frequent first.
        public var leftOut: [(type: String, rows: Int)]
        /// True when the kind has no POI type mapping, so every row was kept.
        public var unmapped: Bool
        public var kept: Int { table.rows.count }
    }

    /// Keeps the rows the kind's POI mapping matches and adds the attribute values their type implies, as cells of
    /// columns named by the fields. The type and place columns are taken out of the header, so they fill no field
    /// by name (AMap's `类型` is not a `venue_type`, Baidu's `area` not an area). Without a `source` column, each
    /// row's 数据来源 names the map.
    public func select(_ table: InputTable, for plugin: any FacilityPlugin) -> Selection {
        let typeColumns = Set([typecodeColumn, typeColumn].compactMap { $0 })
        let places = Set(Self.placeNames)
        var header = table.header.filter { !typeColumns.contains($0) && !places.contains(ColumnMapping.key($0)) }
        let mapping = plugin.poiMapping
        let implied = Set(mapping?.conditions.flatMap(\.impliedAttributes.keys) ?? [])
        // Implied fields the file has no column of its own for; an own column wins.
        let impliedColumns = plugin.schema.fields.map(\.name).filter { implied.contains($0) && !header.contains($0) }
        header += impliedColumns
        let sourceField = plugin.schema.field(named: "source")
        let fillsSource =
            sourceField.map { field in !header.contains { field.headerNames.map(ColumnMapping.key).contains(ColumnMapping.key($0)) } }
            ?? false
        if fillsSource { header.append("source") }

        var rows: [InputTable.Row] = []
        var leftOut: [String: Int] = [:]
        // The rows' own columns, then the ones filled here.
        let added = impliedColumns + (fillsSource ? ["source"] : [])
        var columns: InputTable.Columns?
        for row in table.rows {
            var condition: POITypeMapping.TypeCondition?
            if let mapping {
                condition = match(row, in: mapping)
                guard condition != nil else {
                    leftOut[typeText(of: row), default: 0] += 1
                    continue
                }
            }
            let own = row.cells.columns
            let names = columns ?? InputTable.Columns(own.names + added)
            columns = names
            let values = own.names.map { row.cells[$0] ?? "" } + added.map { name in
                name == "source" && fillsSource ? "\(provider.label.zh) POI" : condition?.impliedAttributes[name] ?? ""
            }
            rows.append(InputTable.Row(
                number: row.number, cells: InputTable.Cells(columns: names, values: values), geometry: row.geometry))
        }
        var selected = table
        selected.header = header
        selected.rows = rows
        return Selection(
            table: selected,
            leftOut: leftOut.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) },
            unmapped: mapping == nil)
    }

    private func match(_ row: InputTable.Row, in mapping: POITypeMapping) -> POITypeMapping.TypeCondition? {
        switch provider {
        case .amap:
            let codes = (typecodeColumn.flatMap { row.cells[$0] } ?? "")
                .split(whereSeparator: { "|;,，、 ".contains($0) }).map(String.init)
            return mapping.firstMatch(amapTypecodes: codes)
        case .baidu:
            let tags = (typeColumn.flatMap { row.cells[$0] } ?? "").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return tags.lazy.compactMap { mapping.firstMatch(baiduTag: $0) }.first
        }
    }

    /// How a left-out row's type is named in the summary: `200304 公共设施;公共厕所;婴儿换洗间…`, or the tag.
    private func typeText(of row: InputTable.Row) -> String {
        let code = typecodeColumn.flatMap { row.cells[$0] }?.trimmingCharacters(in: .whitespaces) ?? ""
        let name = typeColumn.flatMap { row.cells[$0] }?.trimmingCharacters(in: .whitespaces) ?? ""
        let text = [code, name].filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? "—" : text
    }
}
