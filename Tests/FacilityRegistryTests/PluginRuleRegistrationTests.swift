import FacilityKit
import FacilityRegistry
import Foundation
import TestSupport
import Testing

/// Rules in plugins: manifests carry them in the pack format, and registration refuses a plugin whose
/// conditions do not parse or read fields its kind does not have.
@Suite("Plugin rules at registration")
struct PluginRuleRegistrationTests {
    @Test func theFamilyToiletManifestShipsItsMandate() throws {
        let plugin = try ManifestPlugin(contentsOf: familyToiletFile)
        #expect(plugin.rules.map(\.id.rawValue) == ["family_toilet.large_venue_mandate"])
        let rule = try #require(plugin.rules.first)
        guard case .mandate(let venues, let hosts, let within) = rule.measure else {
            Issue.record("expected a mandate, got \(rule.measure)")
            return
        }
        #expect(venues.kind.rawValue == "public_venue")
        #expect(venues.condition?.text.contains("daily_visitors > 10000") == true)
        #expect(hosts == [FacilityFilter(kind: plugin.id)])
        #expect(within == 100)
        #expect(rule.targets.steps == [TargetSchedule.Step(value: 1)])
        #expect(rule.citations.first?.confidence == .verified)
        // Its venues are another kind's: registering without the public_venue plugin is fine.
        var registry = PluginRegistry()
        try registry.register(plugin, origin: .manifest(path: plugin.path))
    }

    @Test func aConditionOnAnUnknownFieldOfItsOwnKindIsRefused() throws {
        let folder = try TemporaryFolder(prefix: "manifest-rules")
        defer { folder.remove() }
        let text = try familyToilet().replacingOccurrences(
            of: "host: {kind: family_toilet}", with: "host: {kind: family_toilet, where: \"changing_tabel\"}")
        let plugin = try ManifestPlugin(contentsOf: try folder.write(text, to: "family_toilet.yaml"))
        var registry = PluginRegistry()
        #expect {
            try registry.register(plugin, origin: .manifest(path: "family_toilet.yaml"))
        } throws: { error in
            let message = "\(error)"
            let ok = message.hasPrefix(
                "plugin 'family_toilet' (manifest family_toilet.yaml) has an invalid rule 'family_toilet.large_venue_mandate': "
                    + "host.where \"changing_tabel\": column 1: unknown field 'changing_tabel' (did you mean 'changing_table'?)"
            )
            if !ok { Issue.record("got: \(message)") }
            return ok
        }
    }

    @Test func aConditionThatDoesNotParseIsReportedAtItsLine() throws {
        let folder = try TemporaryFolder(prefix: "manifest-rules")
        defer { folder.remove() }
        let text = try familyToilet().replacingOccurrences(
            of: "daily_visitors > 10000\"}", with: "daily_visitors >\"}")
        let file = try folder.write(text, to: "family_toilet.yaml")
        #expect {
            _ = try ManifestPlugin(contentsOf: file)
        } throws: { error in
            let message = "\(error)"
            let ok = message.hasPrefix(
                "\(file.path):44: field 'rules[0].venues.where': column 86: expected a value after '>' in \"…_type in ["
            )
            if !ok { Issue.record("got: \(message)") }
            return ok
        }
    }

    @Test func aRuleWithAnUnknownMeasureIsReportedAtItsLine() throws {
        let folder = try TemporaryFolder(prefix: "manifest-rules")
        defer { folder.remove() }
        let text = try familyToilet().replacingOccurrences(of: "measure: mandate", with: "measure: duty")
        let file = try folder.write(text, to: "family_toilet.yaml")
        #expect {
            _ = try ManifestPlugin(contentsOf: file)
        } throws: { error in
            "\(error)".hasSuffix(
                ":43: field 'rules[0].measure': unknown measure 'duty'; use one of: coverage, per_capita, presence, count, "
                    + "attribute, mandate")
        }
    }

    /// A Swift plugin passes the same checks.
    struct SwingPlugin: FacilityPlugin {
        var rules: [Rule]
        let descriptor = PluginDescriptor(
            id: PluginID(rawValue: "swing")!, name: LocalizedText(zh: "秋千", en: "Swing"),
            version: SemanticVersion(1, 0, 0))
        let schema = AttributeSchema(fields: [
            FieldSpec(name: "seats", label: LocalizedText(zh: "座位", en: "Seats"), type: .integer),
            FieldSpec(
                name: "surface", label: LocalizedText(zh: "地面", en: "Surface"),
                type: .enumeration([
                    EnumOption(value: "rubber", label: LocalizedText(zh: "橡胶", en: "Rubber")),
                    EnumOption(value: "sand", label: LocalizedText(zh: "沙", en: "Sand")),
                ])),
        ])
        let derivedFields = [FieldSpec(name: "safe", label: LocalizedText(zh: "安全", en: "Safe"), type: .boolean)]

        init(require: Condition) {
            rules = [
                Rule(
                    id: RuleID(rawValue: "swing.safe")!, title: LocalizedText(zh: "安全", en: "Safe"),
                    measure: .attribute(
                        facilities: FacilityFilter(kind: PluginID(rawValue: "swing")!), require: require),
                    targets: TargetSchedule(value: 1), citations: [])
            ]
        }
    }

    @Test(
        arguments: [
            ("seats >= 2 and safe and surface in [rubber, sand]", nil),
            ("seats >= 2 and", "require \"seats >= 2 and\": column 15: expected a value after 'and'"),
            (
                "surface in [rubber, grass]",
                "require \"surface in [rubber, grass]\": column 21: 'grass' is not one of the values: rubber, sand"
            ),
            ("seats and safe", "require \"seats and safe\": column 1: 'and' needs true/false, but this is a number"),
            (
                "seat > 1",
                "require \"seat > 1\": column 1: unknown field 'seat' (did you mean 'seats'?); the fields are: address, operator, phone, safe, seats, source, surface"
            ),
        ] as [(String, String?)])
    func swiftPluginRulesAreChecked(require: String, expected: String?) throws {
        var registry = PluginRegistry()
        let plugin = SwingPlugin(require: Condition(require))
        guard let expected else {
            try registry.register(plugin, origin: .bundled)
            return
        }
        #expect {
            try registry.register(plugin, origin: .bundled)
        } throws: { error in
            let message = "\(error)"
            let ok = message == "plugin 'swing' (bundled (Swift)) has an invalid rule 'swing.safe': \(expected)"
            if !ok { Issue.record("got: \(message)") }
            return ok
        }
    }
}
