import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation

struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the facility kinds (plugins) and show their attribute schemas.",
        discussion: """
            A facility kind of your own is a manifest plugin, a YAML file in a --plugins folder: no compiler \
            needed. The format, worked on 第三卫生间: Docs/plugin-author-guide.md; all formats: Docs/formats/.

            Examples:
              lifecircle plugins list
              lifecircle plugins show public_toilet --json
            """,
        subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every registered plugin: bundled Swift plugins and manifest plugins.",
            discussion: "Example:\n  lifecircle plugins list --plugins ./my-plugins --json")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON instead of a table. Example: --json") var json = false

        func run() throws {
            let workspace = try Workspace(options: global)
            let entries = workspace.plugins.all
            if json {
                try printJSON(entries.map { PluginSummary($0) })
                return
            }
            let zh = global.lang == .zh
            let table = TextTable(
                header: zh ? ["编号", "名称", "版本", "字段数", "来源"] : ["id", "name", "version", "fields", "origin"],
                rows: entries.map { entry in
                    let d = entry.plugin.descriptor
                    return [d.id.rawValue, d.name.text(for: global.lang), d.version.description,
                            String(entry.plugin.schema.fields.count), entry.origin.description]
                })
            print(table.render(), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one plugin: identity, attribute schema, enum values, OSM and POI mappings, catchment.",
            discussion: """
                The fields include the standard ones every kind has (address 地址, phone 电话, operator 管理/运营单位,
                source 数据来源). Each enum value is listed with its code, Chinese and English labels and the
                synonyms an import accepts for it (商场 for commercial); any of them may be typed in a list.

                Example:
                  lifecircle plugins show maternity_room
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The plugin id. Example: maternity_room", valueName: "id")) var id: String
        @Flag(help: "Print JSON instead of text. Example: --json") var json = false

        func run() throws {
            let workspace = try Workspace(options: global)
            let plugin = try workspace.plugin(id)
            guard let entry = workspace.plugins.entry(for: plugin.id) else { return }
            if json {
                try printJSON(PluginSummary(entry, withFields: true))
                return
            }
            let d = plugin.descriptor
            let zh = global.lang == .zh
            print("\(d.id)  \(d.name.zh) / \(d.name.en)  v\(d.version)  (API \(d.apiVersion), \(entry.origin))")
            if let summary = d.summary { print(summary.text(for: global.lang)) }
            print("")
            let table = TextTable(
                header: zh ? ["字段", "名称", "类型", "必填", "单位", "范围", "别名"]
                    : ["field", "label", "type", "required", "unit", "range", "aliases"],
                rows: plugin.schema.fields.map { f in
                    [f.name, f.label.text(for: global.lang), FieldDescription.type(f), f.required ? (zh ? "是" : "yes") : "",
                     f.unit ?? "", FieldDescription.range(f), f.aliases.joined(separator: ", ")]
                })
            print(table.render(), terminator: "")
            let values = plugin.schema.fields.flatMap { field -> [[String]] in
                guard case .enumeration(let options) = field.type else { return [] }
                return options.map { [field.name, $0.value, $0.label.zh, $0.label.en, $0.synonyms.joined(separator: "、")] }
            }
            if !values.isEmpty {
                print(zh ? "\n取值（导入时代码、中英文名称和同义词均可）：" : "\nValues (an import accepts the code, either label or a synonym):")
                print(TextTable(
                    header: zh ? ["字段", "代码", "中文", "English", "同义词"] : ["field", "code", "中文", "English", "synonyms"],
                    rows: values).render(), terminator: "")
            }
            if let poi = plugin.poiMapping {
                print(zh ? "\nPOI 类型（高德 typecode / 百度 tag）：" : "\nPOI types (AMap typecode / Baidu tag):")
                print(TextTable(
                    header: zh ? ["高德", "百度", "推定取值"] : ["AMap", "Baidu", "implies"],
                    rows: poi.conditions.map { c in
                        [c.amapTypecodes.joined(separator: ", "), c.baiduTags.joined(separator: ", "),
                         c.impliedAttributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")]
                    }).render(), terminator: "")
            }
            if let osm = plugin.osmMapping {
                let conditions = osm.match.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    .joined(separator: " + ") }
                print("\nOSM: " + conditions.joined(separator: " | "))
            }
            if let catchment = plugin.defaultCatchment {
                print((zh ? "默认服务半径：" : "Default catchment: ")
                    + "\(Int(catchment.walkingDistanceMeters)) m" + (catchment.source.map { " (\($0))" } ?? ""))
            }
        }
    }
}

/// How a field is described in `plugins show`.
enum FieldDescription {
    static func type(_ field: FieldSpec) -> String {
        if case .enumeration(let options) = field.type {
            return "enum(" + options.map(\.value).joined(separator: "|") + ")"
        }
        return field.type.name
    }

    static func range(_ field: FieldSpec) -> String {
        switch (field.minimum, field.maximum) {
        case (nil, nil): ""
        case (let lo?, nil): "≥ \(plainNumber(lo))"
        case (nil, let hi?): "≤ \(plainNumber(hi))"
        case (let lo?, let hi?): "\(plainNumber(lo))–\(plainNumber(hi))"
        }
    }
}

/// The JSON form of a plugin, for `plugins list|show --json`.
struct PluginSummary: Encodable {
    struct Field: Encodable {
        var name: String
        var label: LocalizedText
        var type: String
        var required: Bool
        var unit: String?
        var minimum: Double?
        var maximum: Double?
        var values: [String]?
        /// Each enum value with its labels and synonyms.
        var options: [Option]?
        var aliases: [String]
    }

    struct Option: Encodable {
        var value: String
        var label: LocalizedText
        var synonyms: [String]
    }

    struct POIType: Encodable {
        var amap: [String]
        var baidu: [String]
        var implies: [String: String]
    }

    var id: String
    var name: LocalizedText
    var version: String
    var apiVersion: Int
    var origin: String
    var fieldCount: Int
    var fields: [Field]?
    var osm: [[String: String]]?
    var poi: [POIType]?
    var catchmentMeters: Double?

    init(_ entry: PluginRegistry.Entry, withFields: Bool = false) {
        let plugin = entry.plugin
        id = plugin.descriptor.id.rawValue
        name = plugin.descriptor.name
        version = plugin.descriptor.version.description
        apiVersion = plugin.descriptor.apiVersion
        origin = entry.origin.description
        fieldCount = plugin.schema.fields.count
        osm = plugin.osmMapping?.match
        poi = plugin.poiMapping?.conditions.map {
            POIType(amap: $0.amapTypecodes, baidu: $0.baiduTags, implies: $0.impliedAttributes)
        }
        catchmentMeters = plugin.defaultCatchment?.walkingDistanceMeters
        guard withFields else { return }
        fields = plugin.schema.fields.map { f in
            var values: [String]?
            var options: [Option]?
            if case .enumeration(let choices) = f.type {
                values = choices.map(\.value)
                options = choices.map { Option(value: $0.value, label: $0.label, synonyms: $0.synonyms) }
            }
            return Field(
                name: f.name, label: f.label, type: f.type.name, required: f.required, unit: f.unit,
                minimum: f.minimum, maximum: f.maximum, values: values, options: options, aliases: f.aliases)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, version, origin, fields, osm, poi
        case apiVersion = "api_version"
        case fieldCount = "field_count"
        case catchmentMeters = "catchment_m"
    }
}

/// Prints a value as pretty, key-sorted JSON on stdout.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
