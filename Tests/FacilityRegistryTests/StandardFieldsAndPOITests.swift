import FacilityKit
@testable import FacilityRegistry
import Foundation
import GeoCore
import GeoPackage
import MaternityRoomPlugin
import Projection
import TestSupport
import Testing

@Suite("Standard fields, manifest synonyms and POI types, POI export layouts")
struct StandardFieldsAndPOITests {
    @Test func registrationAddsTheStandardFieldsOnce() throws {
        var registry = PluginRegistry()
        try registry.register(MaternityRoomPlugin(), origin: .bundled)
        let plugin = try registry.plugin(for: "maternity_room")
        let names = plugin.schema.fields.map(\.name)
        #expect(Array(names.suffix(4)) == ["address", "phone", "operator", "source"])
        #expect(Set(names).count == names.count)
        #expect(plugin.poiMapping?.firstMatch(amapTypecodes: ["200304"]) != nil)
        #expect(plugin.rules.count == MaternityRoomPlugin().rules.count)
    }

    @Test func aManifestDeclaresSynonymsAndPOITypes() throws {
        let folder = try TemporaryFolder(prefix: "manifest-poi").url
        let url = folder.appendingPathComponent("nursing.yaml")
        try """
            id: nursing_point
            api_version: 1
            version: 1.0.0
            name: {zh: 哺乳点, en: Nursing point}
            fields:
              - name: place
                label: {zh: 场所, en: Place}
                type: enum
                values:
                  - {value: mall, zh: 商业场所, en: Mall, synonyms: [商场, 购物中心]}
                  - {value: hospital, zh: 医疗机构, en: Hospital, synonyms: [医院]}
            poi:
              - amap: [200304]
                implies: {place: mall}
              - amap: ["090100"]
                baidu: [医疗;综合医院]
                implies: {place: 医院}
            """.write(to: url, atomically: true, encoding: .utf8)
        let manifest = try ManifestPlugin(contentsOf: url)
        var registry = PluginRegistry()
        try registry.register(manifest, origin: .manifest(path: url.path))
        let plugin = try registry.plugin(for: "nursing_point")
        let place = try #require(plugin.schema.field(named: "place"))
        #expect(try place.parse("商场") == .text("mall"))
        #expect(try place.parse("医院") == .text("hospital"))
        #expect(plugin.poiMapping?.firstMatch(amapTypecodes: ["090100"])?.impliedAttributes["place"] == "医院")
        #expect(plugin.poiMapping?.firstMatch(baiduTag: "医疗;综合医院") != nil)
        #expect(plugin.schema.field(named: "address") != nil)

        // A POI type implying a value the field does not have is refused when registered.
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "{place: mall}", with: "{place: 菜园}")
            .write(to: url, atomically: true, encoding: .utf8)
        var other = PluginRegistry()
        #expect {
            try other.register(try ManifestPlugin(contentsOf: url), origin: .manifest(path: url.path))
        } throws: { error in
            "\(error)".contains("the POI type 200304 implies") && "\(error)".contains("菜园")
        }
        // A typecode that is not digits is refused at its line.
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "[200304]", with: "[toilet]")
            .write(to: url, atomically: true, encoding: .utf8)
        #expect { try ManifestPlugin(contentsOf: url) } throws: { error in
            "\(error)".contains("'toilet' is not an AMap typecode") && "\(error)".contains("nursing.yaml:13") && "\(error)".contains("poi[0].amap[0]")
        }
    }

    /// A registry made before the standard fields existed opens, keeps its rows, and gains their columns (and
    /// its column descriptions) on the next write.
    @Test func anOlderRegistryGainsTheStandardFields() throws {
        let folder = try TemporaryFolder(prefix: "standard-fields").url
        let path = folder.appendingPathComponent("old.gpkg").path
        let plugin = MaternityRoomPlugin()
        let old = try GeoPackageFacilityStore(path: path)
        try old.prepare(kind: plugin.descriptor, schema: plugin.schema)
        let record = FacilityRecord(
            id: FacilityID("R1"), kind: plugin.id, name: "旧记录", location: Coordinate(x: 113.22, y: 23.40),
            attributes: ["venue_type": .text("commercial")])
        try old.insert([record], actor: "test")

        var registry = PluginRegistry()
        try registry.register(plugin, origin: .bundled)
        let current = try registry.plugin(for: "maternity_room")
        let reader = try GeoPackageFacilityStore(readingFrom: path)
        #expect(try reader.facility(kind: plugin.id, id: FacilityID("R1"))?.name == "旧记录")

        let store = try GeoPackageFacilityStore(path: path)
        try store.prepare(kind: current.descriptor, schema: current.schema)
        var updated = record
        updated.attributes["address"] = .text("新华街1号")
        try store.update(updated, actor: "test")
        #expect(try store.facility(kind: plugin.id, id: FacilityID("R1"))?.attributes["address"] == .text("新华街1号"))
        let descriptions = try GeoPackageFile(path: path, mode: .readOnly).read {
            try $0.columnDescriptions(of: "maternity_room")
        }
        #expect(descriptions["address"]?.name == "地址")
        #expect(descriptions["area_m2"]?.name == "面积 (平方米)")
        #expect(descriptions["venue_type"]?.description == "Venue type (venue_type)")
    }

    func table(_ header: [String], _ rows: [[String: String]], location: InputTable.Location = .columns(x: "lng", y: "lat"))
        -> InputTable
    {
        let columns = InputTable.Columns(header)
        return InputTable(
            file: "pois.csv", header: header,
            rows: rows.enumerated().map {
                InputTable.Row(number: $0.offset + 2, cells: InputTable.Cells(columns: columns, $0.element))
            },
            location: location, declaredCRS: nil, rowLabel: "line")
    }

    @Test func layoutsAreToldByTheirHeaders() {
        let amap = POIExport.detect(in: table(["id", "name", "type", "typecode", "location"], []))
        #expect(amap?.provider == .amap && amap?.typecodeColumn == "typecode" && amap?.typeColumn == "type")
        #expect(amap?.provider.crs.description == "gcj02")
        let amapChinese = POIExport.detect(in: table(["名称", "类型", "类型编码", "经度", "纬度"], []))
        #expect(amapChinese?.provider == .amap)
        let baidu = POIExport.detect(in: table(["uid", "name", "lng", "lat", "tag"], []))
        #expect(baidu?.provider == .baidu && baidu?.typeColumn == "tag" && baidu?.provider.crs.description == "bd09")
        #expect(POIExport.detect(in: table(["编号", "名称", "经度", "纬度", "场所类型"], [])) == nil)
    }

    @Test func selectionKeepsTheKindsTypesAndFillsWhatTheyImply() throws {
        var registry = PluginRegistry()
        try registry.register(MaternityRoomPlugin(), origin: .bundled)
        let plugin = try registry.plugin(for: "maternity_room")
        let input = table(
            ["id", "name", "type", "typecode", "lng", "lat", "adname"],
            [
                ["id": "A", "name": "母婴室", "typecode": "200304", "type": "公共设施;公共厕所;婴儿换洗间/哺乳室/母婴室"],
                ["id": "B", "name": "公厕", "typecode": "200300", "type": "公共设施;公共厕所;公共厕所"],
                ["id": "C", "name": "另一个母婴室", "typecode": "050000|200304"],
            ])
        let poi = try #require(POIExport.detect(in: input))
        let selection = poi.select(input, for: plugin)
        #expect(selection.table.rows.map { $0.cells["id"] } == ["A", "C"])
        #expect(selection.leftOut.map(\.type) == ["200300 公共设施;公共厕所;公共厕所"])
        #expect(!selection.table.header.contains("type") && !selection.table.header.contains("adname"))
        #expect(selection.table.rows[0].cells["source"] == "高德地图 POI")
    }
}
