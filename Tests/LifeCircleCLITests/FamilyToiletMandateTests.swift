import Foundation
import TestSupport
import Testing

/// The Huadu and Lechang 第三卫生间 mandates count a public toilet with a family toilet and, when the plugin
/// author guide's manifest is loaded, a facility of its `family_toilet` kind; without the plugin that kind is
/// simply absent. The venues, toilets and family toilets are SYNTHETIC (made up for this test, at Huadu).
@Suite("第三卫生间 counts for the family-toilet mandates", .serialized)
struct FamilyToiletMandateTests {
    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
        try FileManager.default.createDirectory(atPath: cli.path("plugins"), withIntermediateDirectories: true)
        try cli.write("plugins/family_toilet.yaml", Repository.example("family_toilet.yaml"))
        // V1–V3 must have one (over 10,000 visitors a day, of a listed type); V4 is a small shop.
        try cli.write("venues.csv", """
            编号,名称,场所类型,日人流量,经度,纬度
            V1,花都广场（合成）,商场,30000,113.2211,23.4012
            V2,花都火车站（合成）,火车站,60000,113.1900,23.3885
            V3,芙蓉嶂景区（合成）,景区,20000,113.3000,23.4800
            V4,街角小店（合成）,商场,300,113.2300,23.4100

            """)
        // T1 has a family toilet and names V1; T2 by V2 has none, so it does not count.
        try cli.write("toilets.csv", """
            编号,名称,所在场所,第三卫生间,经度,纬度
            T1,花都广场公厕（合成）,花都广场（合成）,是,113.2212,23.4013
            T2,火车站公厕（合成）,,否,113.1901,23.3886

            """)
        // The kind the guide teaches: a 第三卫生间 of its own, in V2.
        try cli.write("family.csv", """
            编号,名称,所在场所,婴儿护理台,经度,纬度
            F1,火车站第三卫生间（合成）,花都火车站（合成）,是,113.1902,23.3884

            """)
        for step in [
            ["init"], ["import", "public_venue", "venues.csv", "--crs", "EPSG:4326"],
            ["import", "public_toilet", "toilets.csv", "--crs", "EPSG:4326"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
    }

    /// The venues of a profile's family-toilet mandate: id → (host id, host kind), nil host when none.
    func mandated(_ profile: String, plugins: Bool) throws -> [String: (host: String?, kind: String?)] {
        let result = try cli.run(
            ["mandates", "--profile", profile, "--json"] + (plugins ? ["--plugins", cli.path("plugins")] : []))
        try #require(result.status == 0, "\(result.stderr)")
        let lists = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [[String: Any]])
        let rule = profile.hasPrefix("huadu") ? "huadu.family_toilet_mandate" : "lechang.family_toilet_mandate"
        let list = try #require(lists.first { $0["rule"] as? String == rule }, "\(rule) in \(result.stdout)")
        #expect(list["problem"] == nil || list["problem"] is NSNull, "\(list)")
        let venues = try #require(list["venues"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: venues.map {
            ($0["id"] as? String ?? "", ($0["hostID"] as? String, $0["hostKind"] as? String))
        })
    }

    @Test func bothRegistriesCountTheirFamilyToilets() throws {
        for profile in ["huadu-2021-2030", "lechang-2021-2030"] {
            // Only the shipped plugins: the family_toilet kind is not registered, and that is no error.
            let shipped = try mandated(profile, plugins: false)
            #expect(Set(shipped.keys) == ["V1", "V2", "V3"], "\(profile)")
            #expect(shipped["V1"]?.host == "T1" && shipped["V1"]?.kind == "public_toilet", "\(profile)")
            #expect(shipped["V2"]?.host == nil && shipped["V3"]?.host == nil, "\(profile): T2 has no family toilet")
        }

        // The guide's manifest loaded and its kind imported: F1 in V2 counts too.
        let imported = try cli.run(["import", "family_toilet", "family.csv", "--crs", "EPSG:4326", "--plugins", cli.path("plugins")])
        try #require(imported.status == 0, "\(imported.stderr)")
        for profile in ["huadu-2021-2030", "lechang-2021-2030"] {
            let withPlugin = try mandated(profile, plugins: true)
            #expect(withPlugin["V1"]?.host == "T1" && withPlugin["V1"]?.kind == "public_toilet", "\(profile)")
            #expect(withPlugin["V2"]?.host == "F1" && withPlugin["V2"]?.kind == "family_toilet", "\(profile)")
            #expect(withPlugin["V3"]?.host == nil, "\(profile)")
            // The plugin's layer stays in the registry; without the plugin its kind is left out again.
            #expect(try mandated(profile, plugins: false)["V2"]?.host == nil, "\(profile)")
        }

        // The check reads the same on Huadu's outline: 1 of 3 venues without the plugin, 2 of 3 with it.
        let outline = Repository.geoData.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path
        let admin = try cli.run(["admin", "import", outline, "--id", "adcode", "--level", "district", "--only", "440114"])
        try #require(admin.status == 0, "\(admin.stderr)")
        func measured(_ plugins: [String]) throws -> Double? {
            let check = try cli.run(["check", "--profile", "huadu-2021-2030", "--as-of", "2026-06-30", "--json",
                                     "-o", "report-\(plugins.count)"] + plugins)
            #expect([0, 1].contains(check.status), "\(check.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: check.stdoutBytes) as? [String: Any])
            let rules = try #require(document["rules"] as? [[String: Any]])
            let rule = rules.first { $0["id"] as? String == "huadu.family_toilet_mandate" }
            let hosts = (rule?["measure"] as? [String: Any])?["hosts"] as? [[String: Any]]
            #expect(hosts?.compactMap { $0["kind"] as? String } == ["public_toilet", "family_toilet"])
            return rule?["measured"] as? Double
        }
        let without = try #require(try measured([]))
        let with = try #require(try measured(["--plugins", cli.path("plugins")]))
        // The report writes shares to 6 decimals.
        #expect(abs(without - 1.0 / 3) < 1e-6 && abs(with - 2.0 / 3) < 1e-6, "\(without) → \(with)")
    }
}
