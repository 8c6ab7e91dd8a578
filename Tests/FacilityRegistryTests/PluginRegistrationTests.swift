import FacilityKit
import FacilityRegistry
import Foundation
import MaternityRoomPlugin
import Testing

/// A manifest written to a fresh folder, for one test.
struct ManifestFolder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

let familyToilet = """
    id: family_toilet
    api_version: 1
    version: 1.0.0
    name: {zh: 第三卫生间, en: Family toilet}
    fields:
      - name: changing_table
        label: {zh: 婴儿护理台, en: Changing table}
        type: boolean
        required: true
      - name: area_m2
        label: {zh: 面积, en: Area}
        type: real
        unit: m²
        min: 0
    osm:
      match:
        - {amenity: toilets, changing_table: "yes"}
    catchment:
      walking_distance_m: 500
    """

/// Where the shipped manifests are, found from this file's path.
let geoDataPlugins = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("GeoData/plugins")

@Suite("Plugin registration")
struct PluginRegistrationTests {
    @Test func bundledAndShippedPluginsRegister() throws {
        var registry = PluginRegistry()
        try registry.register(MaternityRoomPlugin(), origin: .bundled)
        for manifest in try ManifestPlugin.loadAll(in: geoDataPlugins) {
            try registry.register(manifest, origin: .manifest(path: manifest.path))
        }
        #expect(registry.ids.map(\.rawValue) == ["maternity_room", "public_toilet"])
        let toilet = try registry.plugin(for: "public_toilet")
        #expect(toilet.descriptor.name.zh == "公厕")
        #expect(toilet.schema.field(named: "female_stalls")?.type == .integer)
        #expect(toilet.osmMapping?.matches(["amenity": "toilets"]) == true)
        #expect(toilet.defaultCatchment?.walkingDistanceMeters == 500)
    }

    @Test func aManifestLoadsWithEveryPart() throws {
        let folder = try ManifestFolder(["family_toilet.yaml": familyToilet])
        let plugin = try ManifestPlugin(contentsOf: folder.file("family_toilet.yaml"))
        #expect(plugin.descriptor.id.rawValue == "family_toilet")
        #expect(plugin.descriptor.version == SemanticVersion(1, 0, 0))
        #expect(plugin.schema.fields.map(\.name) == ["changing_table", "area_m2"])
        #expect(plugin.schema.fields[0].required)
        #expect(plugin.schema.fields[1].unit == "m²")
        #expect(plugin.osmMapping?.matches(["amenity": "toilets", "changing_table": "yes"]) == true)
    }

    @Test func duplicateIdsAreRefused() throws {
        let folder = try ManifestFolder(["a.yaml": familyToilet])
        let plugin = try ManifestPlugin(contentsOf: folder.file("a.yaml"))
        var registry = PluginRegistry()
        try registry.register(plugin, origin: .manifest(path: "a.yaml"))
        #expect {
            try registry.register(plugin, origin: .manifest(path: "b.yaml"))
        } throws: { error in
            "\(error)" == "plugin 'family_toilet' is registered twice: by manifest a.yaml and by manifest b.yaml; "
                + "plugin ids must be unique"
        }
    }

    @Test func anIncompatibleAPIVersionIsRefused() throws {
        let folder = try ManifestFolder(["f.yaml": familyToilet.replacingOccurrences(of: "api_version: 1", with: "api_version: 7")])
        let plugin = try ManifestPlugin(contentsOf: folder.file("f.yaml"))
        var registry = PluginRegistry()
        #expect {
            try registry.register(plugin, origin: .bundled)
        } throws: { error in
            "\(error)".contains("needs FacilityKit API version 7, but this lifecircle offers version 1")
        }
    }

    @Test func anUnknownKindListsTheKnownOnes() throws {
        var registry = PluginRegistry()
        try registry.register(MaternityRoomPlugin(), origin: .bundled)
        #expect {
            _ = try registry.plugin(for: "toilet")
        } throws: { error in
            "\(error)" == "unknown facility kind 'toilet'; known kinds: maternity_room (see `lifecircle plugins list`)"
        }
    }

    /// Malformed manifests: each message names the file, the line and the field.
    @Test(arguments: [
        (familyToilet.replacingOccurrences(of: "type: boolean", with: "type: bool"),
         ":8: field 'fields[0].type': unknown type 'bool'; use integer, real, text, boolean, enum or date"),
        (familyToilet.replacingOccurrences(of: "id: family_toilet", with: "id: Family Toilet"),
         ":1: field 'id': 'Family Toilet' is not a valid id: use lower snake case, e.g. family_toilet"),
        (familyToilet.replacingOccurrences(of: "version: 1.0.0\n", with: ""),
         ": field 'version': is required"),
        (familyToilet.replacingOccurrences(of: "min: 0", with: "minimum: 0"),
         ":14: field 'fields[1]': unknown key 'minimum'; expected one of: aliases, label, max, min, name, required, type, unit, values"),
        (familyToilet.replacingOccurrences(of: "name: area_m2", with: "name: changing_table"),
         ":10: field 'fields.changing_table': the field is declared twice"),
        (familyToilet.replacingOccurrences(of: "walking_distance_m: 500", with: "walking_distance_m: far"),
         ":19: field 'catchment.walking_distance_m': expected a number, got 'far'"),
        ("id: [unclosed\n", ":2: is not valid YAML"),
    ])
    func malformedManifestsNameFileLineAndField(text: String, expected: String) throws {
        let folder = try ManifestFolder(["bad.yaml": text])
        let path = folder.file("bad.yaml").path
        #expect {
            _ = try ManifestPlugin(contentsOf: folder.file("bad.yaml"))
        } throws: { error in
            let message = "\(error)"
            let ok = message.hasPrefix(path) && message.contains(expected)
            if !ok { Issue.record("got: \(message)") }
            return ok
        }
    }
}
