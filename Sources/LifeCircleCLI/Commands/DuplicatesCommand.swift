import ArgumentParser
import FacilityKit
import FacilityRegistry
import Foundation
import GeoCore

struct DuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List likely doubles of one kind: open facilities close together with alike names.",
        discussion: """
            A pair is listed when the two are within --within metres (geodesic on WGS 84) and their names' \
            similarity is at least --similarity: the Sørensen–Dice coefficient of their character bigrams (after \
            full-width letters and case are folded and spaces and punctuation dropped), which suits Chinese names: \
            花都广场母婴室 / 花都广场一楼母婴室 score 0.71. Nearest pairs first. Keep one of a pair with `lifecircle merge KIND KEEP \
            DROP`.

            Examples:
              lifecircle duplicates maternity_room
              lifecircle duplicates maternity_room --within 50 --similarity 0.4 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Option(help: ArgumentHelp("The farthest apart a pair may be, metres. Example: --within 50", valueName: "m"))
    var within: Double = 30
    @Option(help: ArgumentHelp("The least name similarity, 0–1. Example: --similarity 0.4", valueName: "s"))
    var similarity: Double = 0.5
    @Flag(help: "Print JSON: an array of {first, second, distance_m, similarity}. Example: --json") var json = false

    func validate() throws {
        guard within > 0 && within.isFinite else { throw ValidationError("--within must be a positive number of metres") }
        guard (0...1).contains(similarity) else { throw ValidationError("--similarity must be between 0 and 1") }
    }

    struct PairJSON: Encodable {
        var first: FacilityJSON
        var second: FacilityJSON
        var distanceMeters: Double
        var similarity: Double

        enum CodingKeys: String, CodingKey {
            case first, second, similarity
            case distanceMeters = "distance_m"
        }
    }

    func run() throws {
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let records = try workspace.openStore().facilities(kind: plugin.id, in: nil, asOf: nil)
        let pairs = DuplicateSearch(within: within, minimumSimilarity: similarity).pairs(in: records)
        if json {
            try printJSON(pairs.map {
                PairJSON(
                    first: FacilityJSON($0.first), second: FacilityJSON($0.second),
                    distanceMeters: ($0.distanceMeters * 100).rounded() / 100,
                    similarity: ($0.similarity * 1000).rounded() / 1000)
            })
            return
        }
        let zh = global.lang == .zh
        guard !pairs.isEmpty else {
            print(zh ? "未发现疑似重复（\(plainNumber(within)) 米内、名称相似度 ≥ \(similarity)）"
                : "No likely doubles (within \(plainNumber(within)) m, name similarity ≥ \(similarity))")
            return
        }
        print(zh ? "疑似重复 \(pairs.count) 对：" : "\(pairs.count) likely doubles:")
        let table = TextTable(
            header: zh ? ["编号 1", "名称 1", "编号 2", "名称 2", "距离(米)", "名称相似度"]
                : ["id 1", "name 1", "id 2", "name 2", "distance (m)", "name similarity"],
            rows: pairs.map {
                [$0.first.id.rawValue, $0.first.name, $0.second.id.rawValue, $0.second.name,
                 plainNumber($0.distanceMeters, digits: 1), plainNumber($0.similarity, digits: 2)]
            })
        print(table.render(), terminator: "")
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Make two records of one facility one: KEEP's empty fields filled from DROP, DROP deleted.",
        discussion: """
            One transaction, audited as a merge on both records (who, when, each before and after). What KEEP has, \
            it keeps: only fields KEEP lacks are taken from DROP.

            Example:
              lifecircle merge maternity_room R2 R7 --user 卫健局张三
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The facility kind. Example: maternity_room", valueName: "kind")) var kind: String
    @Argument(help: ArgumentHelp("The id to keep. Example: R2", valueName: "keep")) var keep: String
    @Argument(help: ArgumentHelp("The id to merge into it and delete. Example: R7", valueName: "drop")) var drop: String

    func run() throws {
        let workspace = try Workspace(options: global)
        let plugin = try workspace.plugin(kind)
        let store = try workspace.openStore()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        let kept = try FacilityLookup.existing(store, plugin.id, keep)
        let dropped = try FacilityLookup.existing(store, plugin.id, drop)
        let (merged, filled) = try FacilityMerge.merged(keep: kept, drop: dropped)
        try store.apply([.merge(keep: merged, drop: dropped.id)], actor: global.auditUser)
        let zh = global.lang == .zh
        let fields = filled.map { FieldNames.label($0, plugin, global.lang) }.joined(separator: zh ? "、" : ", ")
        let from = filled.isEmpty ? (zh ? "无需补充字段" : "no fields to fill") : (zh ? "补充了 \(fields)" : "filled \(fields)")
        print(zh ? "已将 \(drop) 合并入 \(keep)（\(from)），并删除 \(drop)" : "Merged \(drop) into \(keep) (\(from)) and deleted \(drop)")
    }
}
