import Foundation
import TestSupport
import Testing

/// `lifecircle trend` as a user runs it: the real Huadu outline with its published 2023 population, and
/// facilities that open in different years.
@Suite("Plan monitoring", .serialized)
struct TrendCommandTests {
    static let geo = Repository.geoData

    /// A registry in Huadu: SYNTHETIC childcare centres (made up for this test, inside the real district) opening
    /// one a year from 2021 to 2024, and SYNTHETIC venues and 母婴室 that open in 2022 and 2024.
    private func huaduRegistry() throws -> CommandRunner {
        let cli = try CommandRunner()
        try cli.write(
            "childcare.csv",
            """
            编号,名称,托位数,开放日期,经度,纬度
            C1,合成托育一（测试）,300,2021-03-01,113.2200,23.4000
            C2,合成托育二（测试）,300,2022-06-01,113.2300,23.4050
            C3,合成托育三（测试）,400,2023-09-01,113.2100,23.3950
            C4,合成托育四（测试）,400,2024-02-01,113.2250,23.4100
            """)
        try cli.write(
            "venues.csv",
            """
            编号,名称,场所类型,建筑面积,日均客流,开放日期,经度,纬度
            V1,合成购物中心（测试）,commercial,50000,30000,2019-01-01,113.2150,23.4020
            V2,合成火车站（测试）,transport_hub,,60000,2019-01-01,113.2050,23.3900
            """)
        try cli.write(
            "rooms.csv",
            """
            编号,名称,所在场所,场所类型,面积,独立房间,开放日期,经度,纬度
            R1,合成母婴室一（测试）,合成购物中心（测试）,commercial,12,是,2022-05-01,113.2151,23.4021
            R2,合成母婴室二（测试）,合成火车站（测试）,transport_hub,12,是,2024-03-01,113.2051,23.3901
            """)
        for step in [
            ["init"],
            [
                "admin", "import", Self.geo.appendingPathComponent("china/admin_huadu_lechang_wgs84.geojson").path,
                "--id", "adcode", "--level", "district", "--only", "440114",
            ],
            ["admin", "population", "440114", "total=1728700", "--source", "花都区统计局 2023年末常住人口"],
            ["import", "childcare", "childcare.csv", "--crs", "EPSG:4326"],
            ["import", "public_venue", "venues.csv", "--crs", "EPSG:4326"],
            ["import", "maternity_room", "rooms.csv", "--crs", "EPSG:4326"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        return cli
    }

    @Test func indicatorsRiseAsFacilitiesOpenAndAMissedTargetWarns() throws {
        let cli = try huaduRegistry()
        let trend = try cli.run(["trend", "--profile", "national", "--years", "2021..2026", "-o", "trend", "--json"])
        #expect(trend.status == 1, "a warning is raised: \(trend.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: trend.stdoutBytes) as? [String: Any])
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        func readings(_ id: String) throws -> [Double?] {
            let indicator = try #require(indicators.first { $0["id"] as? String == id }, "\(id)")
            let readings = try #require(indicator["readings"] as? [[String: Any]])
            return readings.map { $0["value"] as? Double }
        }

        // 托位 per 1,000 residents: 300, 600, 1,000 and 1,400 places among 1,728,700 residents, as each centre opens.
        let places = try readings("childcare.places_per_1000")
        let expected = [300.0, 600, 1000, 1400].map { $0 / 1728.7 }
        for (measured, wanted) in zip(places, expected) {
            #expect(abs((measured ?? -1) - wanted) < 1e-5, "\(places)")
        }
        #expect(places.count >= 4)
        // The share of large venues hosting a 母婴室 rises as the rooms open: none, one of two, both.
        let hosted = try readings("public_venue.large_venue_maternity_room")
        #expect(Array(hosted.prefix(4)) == [0, 0.5, 0.5, 1])

        // The national 4.5 托位 per 1,000 by 2025 is far off on this trend: a warning names it and its year.
        let childcare = try #require(indicators.first { $0["id"] as? String == "childcare.places_per_1000" })
        #expect(childcare["warns"] as? Bool == true)
        let projections = try #require(childcare["projections"] as? [[String: Any]])
        let due2025 = try #require(projections.first { $0["year"] as? Int == 2025 })
        #expect(["projection_misses", "already_missed"].contains(due2025["warning"] as? String ?? ""))
        #expect((document["warning_count"] as? Int ?? 0) >= 1)
        let line = try #require(childcare["line"] as? [String: Any])
        #expect((line["slope_per_year"] as? Double ?? 0) > 0)

        // The same JSON in the folder, byte for byte; the HTML in a real browser has one chart per indicator.
        #expect(try Data(contentsOf: cli.folder.appendingPathComponent("trend/trend.json")) == trend.stdoutBytes)
        let again = try cli.run(["trend", "--profile", "national", "--years", "2021..2026", "-o", "again", "--json"])
        #expect(again.stdoutBytes == trend.stdoutBytes, "the same registry on the same day gives the same bytes")
        let scratch = try TemporaryFolder(prefix: "trend-browser")
        defer { scratch.remove() }
        let dom = try HeadlessChromium.dumpDOM(
            of: cli.folder.appendingPathComponent("trend/trend.html"), scratch: scratch)
        #expect(dom.components(separatedBy: "<svg").count - 1 == indicators.count)
        #expect(dom.components(separatedBy: "class=\"trend-chart\"").count - 1 == indicators.count)
        #expect(dom.contains("id=\"chart-childcare.places_per_1000\""))
        #expect(dom.contains("每千人口拥有3岁以下婴幼儿托位数") || dom.contains("托位"))
        let markdown = try String(contentsOf: cli.folder.appendingPathComponent("trend/trend.md"), encoding: .utf8)
        #expect(markdown.contains("## 预警"))
    }

    /// Huadu's plan: 6 托位 per 1,000 by 2030. The projection is the least-squares line through the measured years
    /// (recomputed here from the readings), and on this registry's trend it falls far short: a warning.
    @Test func theHuadu2030TargetIsProjectedAlongTheLeastSquaresLine() throws {
        let cli = try huaduRegistry()
        let trend = try cli.run(["trend", "--profile", "huadu-2021-2030", "--years", "2021..2030", "-o", "h", "--json"])
        #expect(trend.status == 1, "\(trend.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: trend.stdoutBytes) as? [String: Any])
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        let childcare = try #require(indicators.first { $0["id"] as? String == "childcare.places_per_1000" })
        let readings = try #require(childcare["readings"] as? [[String: Any]])
        let points = readings.compactMap { reading -> (x: Double, y: Double)? in
            guard let year = reading["year"] as? Int, let value = reading["value"] as? Double else { return nil }
            return (Double(year), value)
        }
        try #require(points.count >= 2)
        let n = Double(points.count)
        let sx = points.reduce(0) { $0 + $1.x }, sy = points.reduce(0) { $0 + $1.y }
        let sxx = points.reduce(0) { $0 + $1.x * $1.x }, sxy = points.reduce(0) { $0 + $1.x * $1.y }
        let slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        let expected = (sy - slope * sx) / n + slope * 2030
        let projections = try #require(childcare["projections"] as? [[String: Any]])
        let due2030 = try #require(projections.first { $0["year"] as? Int == 2030 })
        let projected = try #require(due2030["projected"] as? Double)
        #expect(abs(projected - expected) < 1e-5, "\(projected) vs \(expected)")
        #expect(due2030["target"] as? Double == 6)
        #expect(due2030["warning"] as? String == "projection_misses")
    }

    @Test func theTextTableShowsYearsProjectionsAndWarnings() throws {
        let cli = try huaduRegistry()
        let trend = try cli.run(["trend", "--profile", "national", "--years", "2021..2026", "--lang", "en", "-o", "t"])
        #expect(trend.status == 1, "\(trend.stderr)")
        let header = try #require(trend.stdout.split(separator: "\n").first { $0.hasPrefix("#") })
        for column in ["2021", "2022", "2023", "Projection", "Target value", "Warning"] {
            #expect(header.contains(column), "\(header)")
        }
        #expect(trend.stdout.contains("⚠"))
        #expect(trend.stdout.contains("trend.html"))
    }

    @Test func badYearsAndAsOfAreRefusedClearly() throws {
        let cli = try CommandRunner()
        #expect(try cli.run(["init"]).status == 0)
        for (years, words) in [
            ("2030..2021", "first year must come before"), ("twenty..2030", "not a range of years"),
            ("1990..2030", "between 2000 and 2100"), ("2025", "not a range of years"),
        ] {
            let result = try cli.run(["trend", "--profile", "national", "--years", years])
            #expect(result.status == 64, "\(years): \(result.stderr)")
            #expect(result.stderr.contains("--years") && result.stderr.contains(words), "\(result.stderr)")
        }
        let asOf = try cli.run(["trend", "--profile", "national", "--years", "2021..2025", "--as-of", "2024-12-31"])
        #expect(asOf.status == 64)
        #expect(asOf.stderr.contains("--as-of does not apply"))
        let future = try cli.run(["trend", "--profile", "national", "--years", "2090..2095"])
        #expect(future.status == 64)
        #expect(future.stderr.contains("after today"), "\(future.stderr)")
        let help = try cli.run(["trend", "--help"])
        #expect(help.stdout.contains("lifecircle trend --profile national --years 2021..2030 -o trend"))
    }
}
