import Foundation
import TestSupport
import Testing

/// The check report's and the access page's maps on real data: Helsinki's OSM network under the data
/// (© OpenStreetMap contributors, ODbL), its playgrounds with the streets they reach, and two SYNTHETIC admin
/// units (made up for this test: the east and west halves of the extract, inside a made-up district).
@Suite("Report maps on real data", .serialized)
struct ReportMapTests {
    static let geo = Repository.geoData

    /// The two halves and the district holding them, as GeoJSON.
    static let units = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"code":"T0","name":"合成中心区（测试）","level":"district","parent":null},
         "geometry":{"type":"Polygon","coordinates":[[[24.9345,60.1635],[24.954,60.1635],[24.954,60.1795],[24.9345,60.1795],[24.9345,60.1635]]]}},
        {"type":"Feature","properties":{"code":"T1","name":"合成西街道（测试）","level":"street","parent":"T0"},
         "geometry":{"type":"Polygon","coordinates":[[[24.9345,60.1635],[24.94425,60.1635],[24.94425,60.1795],[24.9345,60.1795],[24.9345,60.1635]]]}},
        {"type":"Feature","properties":{"code":"T2","name":"合成东街道（测试）","level":"street","parent":"T0"},
         "geometry":{"type":"Polygon","coordinates":[[[24.94425,60.1635],[24.954,60.1635],[24.954,60.1795],[24.94425,60.1795],[24.94425,60.1635]]]}}
        ]}
        """

    @Test func checkMapsDrawTheNetworkOutlinesAndWhatMeetsARule() throws {
        let cli = try CommandRunner()
        let osm = Self.geo.appendingPathComponent("osm/helsinki.osm.pbf").path
        try cli.write("units.geojson", Self.units)
        for step in [
            ["init"],
            ["import", "playground", osm],
            ["network", "build", "--osm", osm],
            ["demand", "import", Self.geo.appendingPathComponent("population/helsinki_grid_2020.gpkg").path,
             "--population", "population", "--id", "id"],
            ["admin", "import", "units.geojson", "--id", "code", "--level-column", "level", "--parent", "parent"],
        ] {
            let result = try cli.run(step)
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let check = try cli.run(["check", "--profile", "national", "--as-of", "2025-06-30", "-o", "out"])
        #expect(check.status == 1, "\(check.stderr)")
        let html = try String(contentsOfFile: cli.path("out/report.html"), encoding: .utf8)
        let maps = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] }
        let overview = try #require(maps.first { $0.contains("id=\"map-overview\"") })

        // The streets: drawn once, as paths, under the overview's facilities; every other map uses them.
        let edges = try #require(try OgrReport(of: cli.path("registry.network.gpkg")).layers["network_edges"]?.featureCount)
        let streetPaths = overview.components(separatedBy: "<path class=\"street ").dropFirst()
            .map { $0.prefix { $0 != ">" } }
        #expect(streetPaths.count == 2)
        let subpaths = streetPaths.reduce(0) { $0 + $1.filter { $0 == "M" }.count }
        #expect(subpaths > edges / 4 && subpaths <= edges, "\(subpaths) streets drawn of \(edges) edges")
        #expect(occurrences("<use class=\"streets\" href=\"#streets-1\"/>", in: html) == maps.count - 1)
        #expect(!html.contains("登记库旁没有保存步行网络"))

        // The units: shaded, the district's bold boundary, the streets named.
        for map in maps {
            #expect(map.contains(">合成西街道（测试）</text>") && map.contains(">合成东街道（测试）</text>"))
            #expect(occurrences("class=\"unit unit-container\"", in: map) == 1)
            #expect(map.contains(">上级行政单元界线</text>") && map.contains(">其他街道</text>"))
        }

        // The 5-minute playground rule: the 5 OSM playgrounds drawn as meeting it, the streets they reach within
        // 300 m as the walking area, the uncovered residents; each in the legend.
        let playgrounds = try #require(try OgrReport(of: cli.path("registry.gpkg")).layers["playground"]?.featureCount)
        let rule = try #require(maps.first { $0.contains("id=\"map-rule-national.life_circle.5min.children_play\"") })
        #expect(occurrences("<circle class=\"meeting-feature\"", in: rule) == playgrounds)
        #expect(rule.contains("<g class=\"walking-area\""))
        #expect(rule.contains(">设施步行 300 米可达范围</text>") && rule.contains(">达标或计入的设施</text>"))
        #expect(rule.contains("class=\"uncovered\"") && rule.contains(">未覆盖的居民</text>"))

        // A real browser draws them: a page of the report's style and these two maps, screenshot by chromium,
        // shows the streets (grey) and the walking area (blue) in its pixels (read by Python's zlib, not by us).
        // REPORTS_KEEP_SCREENSHOT=/tmp/shot keeps /tmp/shot-maps.png to look at.
        let scratch = try TemporaryFolder(prefix: "report-maps")
        defer { scratch.remove() }
        let style = html.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
        let page = try scratch.write(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>\(style)</style></head><body>"
                + overview + "</svg>" + rule + "</svg></body></html>", to: "maps.html")
        let shot = scratch.file("maps.png")
        try HeadlessChromium.screenshot(of: page, to: shot, width: 800, height: 1500, scratch: scratch)
        let counts = try ToolRunner.run("python3", ["-c", Self.pixelCounter, shot.path]).checked().stdout
        let numbers = counts.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(numbers.count == 2, "\(counts)")
        #expect(numbers[0] > 5_000, "grey street pixels: \(numbers[0])")
        #expect(numbers[1] > 5_000, "blue walking-area pixels: \(numbers[1])")
        if let keep = ProcessInfo.processInfo.environment["REPORTS_KEEP_SCREENSHOT"] {
            let target = URL(fileURLWithPath: "\(keep)-maps.png")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: shot, to: target)
        }

        // The access page draws the same streets and names the units.
        try cli.write("childcare.csv", "编号,名称,经度,纬度,托位数\nC1,中央托育,24.9416,60.1711,60\n")
        try #require(try cli.run(["import", "childcare", "childcare.csv", "--crs", "EPSG:4326"]).status == 0)
        let access = try cli.run(["access", "childcare", "--capacity-field", "places", "--within", "300", "--group", "total"])
        try #require(access.status == 0, "\(access.stderr)")
        let accessPage = try String(contentsOfFile: cli.path("registry.access.html"), encoding: .utf8)
        #expect(accessPage.contains("<path class=\"street street-other\" d=\"M"))
        #expect(accessPage.contains(">合成西街道（测试）</text>"))
    }

    /// Reads an 8-bit RGB(A) PNG with zlib and prints how many pixels are street grey and walking-area blue.
    static let pixelCounter = """
        import sys, zlib, struct
        data = open(sys.argv[1], 'rb').read()
        pos, idat, width, height, kind = 8, b'', 0, 0, 0
        while pos < len(data):
            length, tag = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if tag == b'IHDR': width, height, depth, kind = struct.unpack('>IIBB', body[:10])
            if tag == b'IDAT': idat += body
            pos += 12 + length
        channels = {2: 3, 6: 4}[kind]
        raw, stride = zlib.decompress(idat), width * channels
        previous, grey, blue, i = bytearray(stride), 0, 0, 0
        for _ in range(height):
            filter, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
            i += 1 + stride
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = previous[x]
                c = previous[x - channels] if x >= channels else 0
                if filter == 1: line[x] = (line[x] + a) & 255
                elif filter == 2: line[x] = (line[x] + b) & 255
                elif filter == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif filter == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, channels):
                r, g, b = line[x], line[x + 1], line[x + 2]
                if abs(r - g) < 10 and abs(g - b) < 10 and 110 <= r <= 200: grey += 1
                if b > r + 40 and b > 170 and g > r: blue += 1
            previous = line
        print(grey, blue)
        """

    /// Without a network, the maps say so in their captions.
    @Test func withoutANetworkTheCaptionsSaySo() throws {
        let cli = try CommandRunner()
        try cli.write("units.geojson", Self.units)
        for step in [
            ["init"], ["admin", "import", "units.geojson", "--id", "code", "--level-column", "level", "--parent", "parent"],
        ] {
            try #require(try cli.run(step).status == 0)
        }
        _ = try cli.run(["check", "--profile", "national", "--as-of", "2025-06-30", "-o", "out", "--lang", "en"])
        let html = try String(contentsOfFile: cli.path("out/report.html"), encoding: .utf8)
        #expect(html.contains("<svg "))
        #expect(!html.contains("class=\"street "))
        #expect(html.contains("No walking network is saved beside the registry, so no streets are drawn"))
    }
}

private func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }
