import ArgumentParser
import FacilityKit
import Foundation
import Planner
import Rules

struct MandatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mandates",
        abstract: "List the venues that must host a facility (a 母婴室, a 第三卫生间), and whether they do.",
        discussion: """
            Reads the mandate rules of a plan profile: which public venues, by type, floor area and daily visitors,
            must host a kind of facility. For every such venue it names the facility that meets the mandate — one
            whose venue field names the venue, or the nearest within the rule's distance — or says that none does.
            Venues whose floor area or visitor count is missing are listed apart: whether they must is not known.

            Examples:
              lifecircle mandates --profile huadu-2021-2030
              lifecircle mandates --profile lechang-2021-2030 --as-of 2025-12-31 --json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var profile: ProfileOptions
    @Flag(help: "Print JSON instead of tables.") var json = false

    func run() throws {
        let workspace = try Workspace(options: global)
        let lists = try profile.job(workspace).mandates()
        let lang = global.lang
        let zh = lang == .zh
        if json {
            try printJSON(lists.map(MandateRow.init))
            return
        }
        guard !lists.isEmpty else {
            print(zh ? "该规划没有场所配建要求" : "The profile has no mandate rules")
            return
        }
        for list in lists {
            print("\n" + list.rule.title.text(for: lang) + "  [\(list.rule.id)]")
            if let problem = list.problem {
                print((zh ? "无法列出：" : "Cannot list them: ") + problem.text(for: lang))
                continue
            }
            let missing = list.venues.filter { $0.host == nil }.count
            print(zh ? "须配建的场所 \(list.venues.count) 个，其中未配建 \(missing) 个"
                : "\(list.venues.count) venues must host one; \(missing) do not")
            let rows = list.venues.map { item -> [String] in
                let status: String =
                    switch item.how {
                    case .namedInside?: zh ? "已设（场所内）" : "yes (inside)"
                    case .nearby?: zh ? "已设（附近）" : "yes (nearby)"
                    case nil: zh ? "未设" : "NO"
                    }
                return [
                    item.venue.id.rawValue, item.venue.name, status, item.host?.name ?? "",
                    item.distanceMeters.map { plainNumber($0, digits: 0) } ?? "",
                ]
            }
            if !rows.isEmpty {
                print(TextTable(
                    header: zh ? ["编号", "场所", "是否配建", "设施", "距离(米)"] : ["id", "venue", "hosts one", "facility", "distance (m)"],
                    rows: rows).render(), terminator: "")
            }
            if !list.undecided.isEmpty {
                print(zh ? "另有 \(list.undecided.count) 个场所缺少面积或客流数据，无法判断是否须配建："
                    : "\(list.undecided.count) more venues lack the area or visitor data to tell whether they must:")
                for feature in list.undecided.prefix(20) { print("  \(feature.facility)  \(feature.name)") }
                if list.undecided.count > 20 { print(zh ? "  及其他 \(list.undecided.count - 20) 个" : "  and \(list.undecided.count - 20) more") }
            }
        }
    }

    struct MandateRow: Encodable {
        struct Venue: Encodable {
            var id: String
            var name: String
            var hostID: String?
            var hostName: String?
            /// The host's kind: a mandate may accept more than one (公厕 with a 第三卫生间, or a 第三卫生间).
            var hostKind: String?
            var how: String?
            var distanceMeters: Double?
        }

        var rule: String
        var title: LocalizedText
        var problem: LocalizedText?
        var venues: [Venue]
        var undecided: [String]

        init(_ list: MandateList) {
            rule = list.rule.id.rawValue
            title = list.rule.title
            problem = list.problem
            venues = list.venues.map { item in
                Venue(
                    id: item.venue.id.rawValue, name: item.venue.name, hostID: item.host?.id.rawValue,
                    hostName: item.host?.name, hostKind: item.host?.kind.rawValue,
                    how: item.how.map { $0 == .namedInside ? "named_inside" : "nearby" },
                    distanceMeters: item.distanceMeters.map { ($0 * 10).rounded() / 10 })
            }
            undecided = list.undecided.map(\.facility.rawValue)
        }
    }
}
