import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore
import Projection

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change fields of one facility (field=value), audited with who made the change.",
        discussion: """
            Fields by name, Chinese or English label (as in `lifecircle plugins show KIND`); values as an import \
            reads a cell: 是/否, enum labels, full-width digits, Excel dates. An empty value (面积=) clears an optional \
            field. The location is changed with `move`; a closing with `close`.

            Examples:
              lifecircle edit maternity_room R1 面积=15 独立房间=是
              lifecircle edit maternity_room R1 name=花都广场二楼母婴室 --user 卫健局张三
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Argument(help: ArgumentHelp("The facility id. Example: R1", valueName: "id")) var id: String
    @Argument(help: ArgumentHelp("One or more field=value. Example: 面积=15", valueName: "field=value"))
    var assignments: [String] = []

    func run() throws {
        let edit = try FacilityEdit(parsing: assignments)
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let store = try workspace.openStore()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        let record = try FacilityLookup.existing(store, plugin.id, id)
        let (edited, changed) = try edit.applied(to: record, schema: plugin.schema)
        try store.update(edited, actor: global.auditUser)
        let zh = global.lang == .zh
        let fields = changed.map { FieldNames.label($0, plugin, global.lang) }.joined(separator: zh ? "、" : ", ")
        print(changed.isEmpty
            ? (zh ? "\(id) 没有变化" : "\(id): nothing changed")
            : (zh ? "已修改 \(id)：\(fields)" : "Changed \(id): \(fields)"))
    }
}

struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move one facility to a new point, audited with who made the change.",
        discussion: """
            The point is x,y in the system --crs names: gcj02 for a point picked on AMap (高德), bd09 for Baidu, \
            EPSG:4326 for GPS, any EPSG code. It is stored in EPSG:4326.

            Example:
              lifecircle move maternity_room R1 --at 113.2261,23.4018 --crs gcj02
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Argument(help: ArgumentHelp("The facility id. Example: R1", valueName: "id")) var id: String
    @Option(help: ArgumentHelp("The new point, x,y. Example: --at 113.2261,23.4018", valueName: "x,y")) var at: String
    @Option(help: ArgumentHelp(
        "The system of --at: gcj02, bd09, or an EPSG code. Example: --crs gcj02", valueName: "crs"))
    var crs: String

    func run() throws {
        let point = try PointOption.wgs84(at, crs: try CRS(parsing: crs))
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let store = try workspace.openStore()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        var record = try FacilityLookup.existing(store, plugin.id, id)
        let distance = Geodesic.distance(record.location, point)
        record.location = point
        try store.update(record, actor: global.auditUser)
        let position = "\(plainNumber(point.lon, digits: 7)),\(plainNumber(point.lat, digits: 7))"
        print(global.lang == .zh
            ? "已将 \(id) 移动 \(plainNumber(distance, digits: 1)) 米，至 \(position)（EPSG:4326）"
            : "Moved \(id) by \(plainNumber(distance, digits: 1)) m to \(position) (EPSG:4326)")
    }
}

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove a wrong record (a test entry, a mistake), with the reason; a closed facility is `close`d.",
        discussion: """
            The audit keeps the whole record as it was, with the reason and who deleted it (`lifecircle history`). A \
            facility that closed stays in the registry for reports as of earlier dates: record that with `close`.

            Example:
              lifecircle delete maternity_room R9 --reason "测试数据，误录"
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Argument(help: ArgumentHelp("The facility id. Example: R9", valueName: "id")) var id: String
    @Option(help: ArgumentHelp("Why the record is wrong, for the audit. Example: --reason 重复录入", valueName: "text"))
    var reason: String

    func run() throws {
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let store = try workspace.openStore()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        try store.delete(kind: plugin.id, id: FacilityID(id), reason: reason, actor: global.auditUser)
        print(global.lang == .zh ? "已删除 \(id)（原因：\(reason)）" : "Deleted \(id) (reason: \(reason))")
    }
}

/// A facility the command names, which must be in the registry.
enum FacilityLookup {
    static func existing(_ store: some FacilityStore, _ kind: PluginID, _ id: String) throws -> FacilityRecord {
        guard let record = try store.facility(kind: kind, id: FacilityID(id)) else {
            throw StoreError.notFound(kind: kind, id: FacilityID(id))
        }
        return record
    }
}
