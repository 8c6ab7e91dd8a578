import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Record that a facility closed on a date; it stays in the registry for reports as of earlier dates.",
        discussion: """
            Closing is not deleting: `list --as-of` an earlier date still shows the facility, and the audit table
            (`lifecircle history`) records who closed it and when.

            Example:
              lifecircle close maternity_room node/123 --on 2024-06-30 --user 卫健局
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Argument(help: ArgumentHelp("The facility id. Example: node/123", valueName: "id")) var id: String
    @Option(help: ArgumentHelp("The first day it is closed. Example: --on 2024-06-30", valueName: "date"))
    var on: String
    /// The name `--user` had before it was a global option; still accepted.
    @Option(name: .customLong("actor"), help: .hidden) var actorAlias: String?
    var actor: String { actorAlias ?? global.auditUser }

    func run() throws {
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let date = try DateOption.parse(on)
        let store = try workspace.openStore()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        try store.close(kind: plugin.id, id: FacilityID(id), on: date, actor: actor)
        print(global.lang == .zh ? "已记录 \(id) 于 \(date) 关闭" : "Recorded \(id) as closed from \(date)")
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the audit trail: every change to the registry, who made it, when and why.",
        discussion: """
            Examples:
              lifecircle history
              lifecircle history maternity_room --id node/123 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Only this facility kind. Example: public_toilet", valueName: "kind")) var kind: String?
    @Option(help: ArgumentHelp("Only this facility. Example: --id node/123", valueName: "id")) var id: String?
    @Flag(help: "Print JSON, with each facility before and after the change. Example: --json") var json = false

    func run() throws {
        let workspace = try Workspace(options: global)
        let pluginID = try kind.map { try workspace.plugin($0).id }
        let entries = try workspace.openStoreForReading().auditTrail(kind: pluginID, id: id.map { FacilityID($0) })
        let timestamp = ISO8601DateFormatter()
        if json {
            try printJSON(entries.map { entry -> [String: JSONValue] in
                var object: [String: JSONValue] = [:]
                object["sequence"] = .number(Double(entry.sequence))
                object["at"] = .string(timestamp.string(from: entry.at))
                object["actor"] = .string(entry.actor)
                object["action"] = .string(entry.action.rawValue)
                object["kind"] = .string(entry.kind.rawValue)
                object["id"] = .string(entry.facilityID.rawValue)
                object["before"] = entry.before ?? .null
                object["after"] = entry.after ?? .null
                object["reason"] = entry.reason.map(JSONValue.string) ?? .null
                return object
            })
            return
        }
        let zh = global.lang == .zh
        let table = TextTable(
            header: zh ? ["序号", "时间 (UTC)", "操作人", "操作", "类型", "编号", "说明"]
                : ["#", "at (UTC)", "user", "action", "kind", "id", "reason"],
            rows: entries.map { e in
                [String(e.sequence), timestamp.string(from: e.at), e.actor, AuditText.action(e.action, language: global.lang),
                 (try? workspace.plugin(e.kind.rawValue))?.descriptor.name.text(for: global.lang) ?? e.kind.rawValue,
                 e.facilityID.rawValue, e.reason ?? ""]
            })
        print(table.render(), terminator: "")
    }
}

/// How `history` names an audit action: 新增/修改/删除/关闭/合并, or the code in English.
enum AuditText {
    static func action(_ action: AuditAction, language: ReportLanguage) -> String {
        guard language == .zh else { return action.rawValue }
        switch action {
        case .insert: return "新增"
        case .update: return "修改"
        case .delete: return "删除"
        case .close: return "关闭"
        case .merge: return "合并"
        }
    }
}
