import FacilityKit
import FacilityRegistry
import GeoCore
import Projection

/// How `import --update` shows a refresh: one line of counts, a table of each new, changed and closed
/// facility with the fields that change (before → after), or JSON.
struct RegistryDiffOutput {
    var diff: RegistryDiff
    var plugin: any FacilityPlugin
    var language: ReportLanguage
    private var zh: Bool { language == .zh }

    func summary(dryRun: Bool, registry: String) -> String {
        let fields = diff.fieldCounts.map { "\(FieldNames.label($0.field, plugin, language)) ×\($0.count)" }
            .joined(separator: zh ? "、" : ", ")
        let closing = diff.closeDate.map { zh ? "，自 \($0) 起关闭 \(diff.closing.count) 处" : ", \(diff.closing.count) closed from \($0)" } ?? ""
        let changed = diff.changed.isEmpty ? "" : (zh ? "（\(fields)）" : " (\(fields))")
        let counts = zh
            ? "新增 \(diff.added.count) 处，修改 \(diff.changed.count) 处\(changed)\(closing)，未变 \(diff.unchanged) 处"
            : "\(diff.added.count) new, \(diff.changed.count) changed\(changed)\(closing), \(diff.unchanged) unchanged"
        let name = plugin.descriptor.name.text(for: language)
        if dryRun {
            return zh ? "试运行（未写入 \(registry)），\(name)：\(counts)" : "Dry run (nothing written to \(registry)): \(name): \(counts)"
        }
        if diff.isEmpty { return zh ? "\(registry) 中的\(name)已与文件一致：\(counts)" : "\(registry): \(name) already match the file: \(counts)" }
        return zh ? "已更新 \(registry) 中的\(name)：\(counts)" : "Updated \(name) in \(registry): \(counts)"
    }

    func table() -> String {
        var rows: [[String]] = []
        for record in diff.added { rows.append([zh ? "新增" : "new", record.id.rawValue, record.name, ""]) }
        for change in diff.changed {
            let details = change.fields.map { field in
                "\(FieldNames.label(field, plugin, language)): \(text(field, change.before)) → \(text(field, change.after))"
            }
            rows.append([zh ? "修改" : "changed", change.after.id.rawValue, change.after.name, details.joined(separator: "; ")])
        }
        for record in diff.closing {
            let on = diff.closeDate?.description ?? ""
            rows.append([zh ? "关闭" : "closed", record.id.rawValue, record.name, zh ? "文件中没有；自 \(on) 起关闭" : "not in the file; closed from \(on)"])
        }
        return TextTable(header: zh ? ["变更", "编号", "名称", "字段"] : ["change", "id", "name", "fields"], rows: rows).render()
    }

    /// A field's value in a record, as the table shows it; the location as longitude,latitude.
    private func text(_ field: String, _ record: FacilityRecord) -> String {
        switch field {
        case "name": return record.name
        case "location": return "\(plainNumber(record.location.lon, digits: 6)),\(plainNumber(record.location.lat, digits: 6))"
        case "opened": return record.opened?.description ?? "—"
        case "closed": return record.closed?.description ?? "—"
        default:
            switch record.attributes[field] {
            case .real(let r)?: return plainNumber(r)
            case let value?: return FacilityTable.cell(value, field: plugin.schema.field(named: field), language: zh ? .zh : .en)
            case nil: return "—"
            }
        }
    }

    struct Document: Encodable {
        var kind: String
        var dryRun: Bool
        var closeDate: String?
        var counts: [String: Int]
        var added: [FacilityJSON]
        var changed: [Changed]
        var closed: [FacilityJSON]

        struct Changed: Encodable {
            var id: String
            var name: String
            var fields: [Field]
        }

        struct Field: Encodable {
            var field: String
            var before: JSONValue
            var after: JSONValue
        }

        enum CodingKeys: String, CodingKey {
            case kind, counts, added, changed, closed
            case dryRun = "dry_run"
            case closeDate = "close_date"
        }
    }

    func json(dryRun: Bool) -> Document {
        func value(_ field: String, _ record: FacilityRecord) -> JSONValue {
            switch field {
            case "name": .string(record.name)
            case "location": .array([.number(record.location.lon), .number(record.location.lat)])
            case "opened": record.opened.map { .string($0.description) } ?? .null
            case "closed": record.closed.map { .string($0.description) } ?? .null
            default: record.attributes[field]?.jsonValue ?? .null
            }
        }
        return Document(
            kind: diff.kind.rawValue, dryRun: dryRun, closeDate: diff.closeDate?.description,
            counts: ["added": diff.added.count, "changed": diff.changed.count, "closed": diff.closing.count,
                     "unchanged": diff.unchanged],
            added: diff.added.map { FacilityJSON($0) },
            changed: diff.changed.map { change in
                Document.Changed(
                    id: change.after.id.rawValue, name: change.after.name,
                    fields: change.fields.map { Document.Field(field: $0, before: value($0, change.before), after: value($0, change.after)) })
            },
            closed: diff.closing.map { FacilityJSON($0) })
    }
}

/// The names people read for the parts of a record: a schema field's label, or 名称/位置/开放日期/关闭日期.
enum FieldNames {
    static func label(_ field: String, _ plugin: any FacilityPlugin, _ language: ReportLanguage) -> String {
        let zh = language == .zh
        switch field {
        case "name": return zh ? "名称" : "name"
        case "location": return zh ? "位置" : "location"
        case "opened": return zh ? "开放日期" : "opened"
        case "closed": return zh ? "关闭日期" : "closed"
        default: return plugin.schema.field(named: field)?.label.text(for: language) ?? field
        }
    }
}
