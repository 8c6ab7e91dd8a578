import FacilityKit
import FacilityRegistry
import Foundation
import MaternityRoomPlugin
import TestSupport
import Testing

/// The worked 第三卫生间 manifest of Docs/plugin-author-guide.md, kept as Docs/examples/family_toilet.yaml.
let familyToiletFile = Repository.examples.appendingPathComponent("family_toilet.yaml")

/// The text of the worked manifest.
func familyToilet() throws -> String { try Repository.example("family_toilet.yaml") }

/// Where the shipped manifests are.
let geoDataPlugins = Repository.geoData.appendingPathComponent("plugins")

@Suite("Plugin registration")
struct PluginRegistrationTests {
    @Test func bundledAndShippedPluginsRegister() throws {
        var registry = PluginRegistry()
        try registry.register(MaternityRoomPlugin(), origin: .bundled)
        for manifest in try ManifestPlugin.loadAll(in: geoDataPlugins) + [ManifestPlugin(contentsOf: familyToiletFile)] {
            try registry.register(manifest, origin: .manifest(path: manifest.path))
        }
        #expect(registry.ids.map(\.rawValue) == ["family_toilet", "maternity_room"])
        let toilet = try registry.plugin(for: "family_toilet")
        #expect(toilet.descriptor.name.zh == "第三卫生间")
        #expect(toilet.schema.field(named: "area_m2")?.type == .real)
        #expect(toilet.osmMapping?.matches(["amenity": "toilets", "changing_table": "yes", "unisex": "yes"]) == true)
        #expect(toilet.defaultCatchment?.walkingDistanceMeters == 500)
    }

    @Test func aManifestLoadsWithEveryPart() throws {
        let plugin = try ManifestPlugin(contentsOf: familyToiletFile)
        #expect(plugin.descriptor.id.rawValue == "family_toilet")
        #expect(plugin.descriptor.version == SemanticVersion(1, 0, 0))
        #expect(plugin.schema.fields.map(\.name) == ["changing_table", "area_m2", "venue_type", "venue"])
        #expect(plugin.schema.fields[0].required)
        #expect(plugin.schema.fields[1].unit == "m²")
        #expect(plugin.osmMapping?.matches(["amenity": "toilets", "changing_table": "yes", "unisex": "yes"]) == true)
    }

    @Test func duplicateIdsAreRefused() throws {
        let plugin = try ManifestPlugin(contentsOf: familyToiletFile)
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
        let folder = try TemporaryFolder(prefix: "manifests")
        defer { folder.remove() }
        let file = try folder.write(
            familyToilet().replacingOccurrences(of: "api_version: 1", with: "api_version: 7"), to: "f.yaml")
        let plugin = try ManifestPlugin(contentsOf: file)
        var registry = PluginRegistry()
        #expect {
            try registry.register(plugin, origin: .bundled)
        } throws: { error in
            "\(error)".contains("needs FacilityKit API version 7, but this lifecircle offers version 1")
        }
    }

    @Test func manifestConditionsCanImplyAttributes() throws {
        let folder = try TemporaryFolder(prefix: "manifests")
        defer { folder.remove() }
        let implied = """
            osm:
              match:
                - {tags: {amenity: toilets, changing_table: "yes"}, implies: {venue: 母婴室旁}}
                - {amenity: toilets}
            """
        let text = try familyToilet().replacing(#/osm:\n  match:[^\n]*\n    - [^\n]*\n/#, with: implied + "\n")
        let plugin = try ManifestPlugin(contentsOf: try folder.write(text, to: "f.yaml"))
        let mapping = try #require(plugin.osmMapping)
        #expect(mapping.conditions.count == 2)
        let reading = mapping.attributes(from: ["amenity": "toilets", "changing_table": "yes"], schema: plugin.schema)
        #expect(reading.attributes["venue"] == AttributeValue.text("母婴室旁"))
        #expect(mapping.attributes(from: ["amenity": "toilets"], schema: plugin.schema).attributes["venue"] == nil)
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

    /// Malformed manifests: each message names the file, the line and the field (lines of family_toilet.yaml).
    static func malformedManifests() throws -> [(String, String)] {
        let good = try familyToilet()
        let withoutVersion = good.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("version: ") }.joined(separator: "\n")
        return [
            (good.replacingOccurrences(of: "type: boolean", with: "type: bool"),
             ":11: field 'fields[0].type': unknown type 'bool'; use integer, real, text, boolean, enum or date"),
            (good.replacingOccurrences(of: "id: family_toilet", with: "id: Family Toilet"),
             ":1: field 'id': 'Family Toilet' is not a valid id: use lower snake case, e.g. family_toilet"),
            (withoutVersion, ": field 'version': is required"),
            (good.replacingOccurrences(of: "min: 4", with: "minimum: 4"),
             ":18: field 'fields[1]': unknown key 'minimum' (did you mean 'min'?); expected one of: aliases, label, max, min, name, required, type, unit, values"),
            (good.replacingOccurrences(of: "name: area_m2", with: "name: changing_table"),
             ":14: field 'fields.changing_table': the field is declared twice"),
            (good.replacingOccurrences(of: "walking_distance_m: 500", with: "walking_distance_m: far"),
             ":36: field 'catchment.walking_distance_m': expected a number, got 'far'"),
            ("id: [unclosed\n", ":2: is not valid YAML"),
        ]
    }

    @Test(arguments: try malformedManifests())
    func malformedManifestsNameFileLineAndField(text: String, expected: String) throws {
        let folder = try TemporaryFolder(prefix: "manifests")
        defer { folder.remove() }
        let file = try folder.write(text, to: "bad.yaml")
        let path = file.path
        #expect {
            _ = try ManifestPlugin(contentsOf: file)
        } throws: { error in
            let message = "\(error)"
            let ok = message.hasPrefix(path) && message.contains(expected)
            if !ok { Issue.record("got: \(message)") }
            return ok
        }
    }
}
