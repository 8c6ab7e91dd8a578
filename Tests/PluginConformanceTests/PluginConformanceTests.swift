import FacilityKit
@testable import FacilityRegistry
import Foundation
import GeoCore
import Rules
import TestSupport
import Testing

/// The checks every bundled Swift plugin and every shipped or documented manifest plugin passes.
@Suite("Plugin conformance")
struct PluginConformanceTests {
    @Test func allPluginsRegisterTogether() throws {
        var registry = PluginRegistry()
        let subjects = try PluginUnderTest.all()
        for subject in subjects {
            try registry.register(subject.plugin, origin: subject.origin)
        }
        #expect(registry.ids.count == subjects.count)
        #expect(subjects.count >= PluginUnderTest.bundled.count + 1, "no manifest plugin found")
    }

    /// A plugin folder left out of the suite (and likely out of BundledPlugins) is caught here.
    @Test func everyPluginFolderIsUnderTest() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repository.root.appendingPathComponent("Plugins").path)
            .filter { !$0.hasPrefix(".") }
        let types = PluginUnderTest.bundled.map { String(describing: type(of: $0)) }
        #expect(Set(folders.map { $0 + "Plugin" }) == Set(types))
        #expect(Set(types).count == types.count)
    }

    @Test(arguments: try PluginUnderTest.all())
    func registersAlone(_ subject: PluginUnderTest) throws {
        var registry = PluginRegistry()
        try registry.register(subject.plugin, origin: subject.origin)
        #expect(try registry.plugin(for: subject.plugin.id.rawValue).descriptor == subject.plugin.descriptor)
    }

    @Test(arguments: try PluginUnderTest.all())
    func identity(_ subject: PluginUnderTest) throws {
        let descriptor = subject.plugin.descriptor
        #expect(PluginID(rawValue: descriptor.id.rawValue) == descriptor.id)
        #expect(descriptor.apiVersion == facilityKitAPIVersion)
        #expect(descriptor.version >= SemanticVersion(0, 1, 0))
        #expect(descriptor.name.zh.hasHan && descriptor.name.en.hasLatin, "name \(descriptor.name)")
        if let summary = descriptor.summary {
            #expect(summary.zh.hasHan && summary.en.hasLatin, "summary \(summary)")
        }
    }

    @Test(arguments: try PluginUnderTest.all())
    func schemaValidatesAndSpeaksBothLanguages(_ subject: PluginUnderTest) throws {
        let plugin = subject.plugin
        try plugin.schema.validate()
        #expect(!plugin.schema.fields.isEmpty)
        for field in plugin.schema.fields + plugin.derivedFields {
            #expect(field.label.zh.hasHan, "\(field.name): zh label '\(field.label.zh)'")
            #expect(field.label.en.hasLatin, "\(field.name): en label '\(field.label.en)'")
            if case .enumeration(let options) = field.type {
                #expect(!options.isEmpty, "\(field.name) has no values")
                for option in options {
                    #expect(PluginID(rawValue: option.value) != nil, "\(field.name): value '\(option.value)' is not snake case")
                    #expect(option.label.zh.hasHan && option.label.en.hasLatin, "\(field.name).\(option.value): \(option.label)")
                }
            }
        }
    }

    /// A header names one field only, and never one of the registry's own columns (a field alias
    /// `场所名称` would take the column the facility's name is read from).
    @Test(arguments: try PluginUnderTest.all())
    func everyHeaderNamesOneField(_ subject: PluginUnderTest) throws {
        let plugin = subject.plugin
        let ownColumns = ColumnMapping.idNames + ColumnMapping.nameNames + ColumnMapping.openedNames
            + ColumnMapping.closedNames
        var owner: [String: String] = Dictionary(ownColumns.map { (ColumnMapping.key($0), "the registry") }) { a, _ in a }
        for field in plugin.schema.fields {
            for header in Set(field.headerNames.map(ColumnMapping.key)) {
                #expect(!header.isEmpty, "\(field.name) has an empty alias")
                if let other = owner[header] {
                    Issue.record("'\(header)' names both \(other) and \(field.name)")
                }
                owner[header] = field.name
            }
        }
        let schemaNames = Set(plugin.schema.fields.map(\.name))
        for derived in plugin.derivedFields {
            #expect(!schemaNames.contains(derived.name), "derived \(derived.name) is also a typed field")
            #expect(!AttributeSchema.reservedNames.contains(derived.name))
        }
    }

    @Test(arguments: try PluginUnderTest.all())
    func osmMappingNamesSchemaFields(_ subject: PluginUnderTest) throws {
        guard let mapping = subject.plugin.osmMapping else { return }
        let schema = subject.plugin.schema
        #expect(!mapping.conditions.isEmpty)
        for condition in mapping.conditions {
            #expect(!condition.tags.isEmpty, "a condition without tags matches everything")
            #expect(condition.tags.allSatisfy { !$0.key.isEmpty && !$0.value.isEmpty }, "\(condition.tags)")
            for (field, raw) in condition.impliedAttributes {
                let spec = try #require(schema.field(named: field), "\(condition.tags) implies unknown field \(field)")
                #expect(throws: Never.self, "\(condition.tags) implies \(field)=\(raw)") { _ = try spec.parse(raw) }
            }
        }
        for (field, key) in mapping.attributeTags {
            #expect(schema.field(named: field) != nil, "OSM key \(key) fills unknown field \(field)")
            #expect(!key.isEmpty)
        }
    }

    @Test(arguments: try PluginUnderTest.all())
    func catchmentIsPositiveAndCited(_ subject: PluginUnderTest) throws {
        guard let catchment = subject.plugin.defaultCatchment else { return }
        #expect(catchment.walkingDistanceMeters > 0 && catchment.walkingDistanceMeters.isFinite)
        #expect(catchment.walkingDistanceMeters <= 5000, "a walking catchment over 5 km")
        #expect(!(catchment.source ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "the catchment cites nothing")
    }

    @Test(arguments: try PluginUnderTest.all())
    func rulesAreCitedAndReadTheirKindsFields(_ subject: PluginUnderTest) throws {
        let plugin = subject.plugin
        let fields = try PluginUnderTest.fieldsByKind()
        var ids: Set<RuleID> = []
        for rule in plugin.rules {
            let name = rule.id.rawValue
            #expect(ids.insert(rule.id).inserted, "\(name) is listed twice")
            #expect(name.hasPrefix(plugin.id.rawValue + "."), "\(name) does not start with \(plugin.id).")
            #expect(rule.title.zh.hasHan && rule.title.en.hasLatin, "\(name): title \(rule.title)")
            #expect(!rule.citations.isEmpty, "\(name) cites nothing")
            for citation in rule.citations {
                #expect(!citation.document.isEmpty && !citation.clause.isEmpty, "\(name): \(citation)")
            }
            #expect(!rule.targets.steps.isEmpty, "\(name) has no target")
            for step in rule.targets.steps {
                #expect(step.value.isFinite && step.value >= 0, "\(name): target \(step.value)")
                if rule.measure.isShare { #expect(step.value <= 1, "\(name): a share's target \(step.value) above 1") }
            }
            let kinds = rule.measure.filters.map(\.kind)
            #expect(kinds.contains(plugin.id), "\(name) is not about \(plugin.id)")
            for kind in kinds { #expect(fields[kind] != nil, "\(name) names the unknown kind \(kind)") }
            for (condition, kind) in rule.measure.conditions {
                let expression = try ConditionExpression(parsing: condition)
                try expression.check(against: fields[kind] ?? [])
            }
            if case .perCapita(let facilities, let supply?, _, let per, _, _) = rule.measure {
                #expect(per > 0)
                let field = try #require(fields[facilities.kind]?.first { $0.name == supply }, "\(name): no field \(supply)")
                #expect(field.type == .integer || field.type == .real, "\(name): supply \(supply) is not a number")
            }
        }
    }

    /// Every derived field comes out of a complete record with a value of its type, and not at all
    /// when a field it reads is missing: then it is unknown, never a guess.
    @Test(arguments: try PluginUnderTest.all())
    func derivedAttributesAreTypedAndUnknownWithoutTheirInputs(_ subject: PluginUnderTest) throws {
        let plugin = subject.plugin
        #expect(plugin.derivedAttributes(from: [:]).isEmpty)
        for high in [false, true] {
            let complete = plugin.schema.completeAttributes(high: high)
            let derived = plugin.derivedAttributes(from: complete)
            #expect(Set(derived.keys) == Set(plugin.derivedFields.map(\.name)))
            for field in plugin.derivedFields {
                let value = try #require(derived[field.name], "\(field.name) missing from a complete record")
                #expect(field.problem(with: value) == nil, "\(field.name) = \(value): \(field.problem(with: value) ?? "")")
            }
            var inputs: Set<String> = []
            for field in plugin.schema.fields {
                var partial = complete
                partial[field.name] = nil
                let without = plugin.derivedAttributes(from: partial)
                for (name, value) in without {
                    #expect(derived[name] == value, "\(name) changed to \(value) when \(field.name) went missing")
                }
                if without.count < derived.count { inputs.insert(field.name) }
            }
            #expect(plugin.derivedFields.isEmpty || !inputs.isEmpty, "derived fields that read no field")
        }
    }

    /// Records with every attribute, at both ends of each field's range, come back from the
    /// in-memory store as they went in.
    @Test(arguments: try PluginUnderTest.all())
    func recordsKeepEveryAttributeInTheStore(_ subject: PluginUnderTest) throws {
        let plugin = subject.plugin
        let store = InMemoryFacilityStore()
        try store.prepare(kind: plugin.descriptor, schema: plugin.schema)
        let records = [false, true].enumerated().map { index, high in
            FacilityRecord(
                id: FacilityID("F\(index)"), kind: plugin.id, name: "样例 \(index)",
                location: Coordinate(lon: 113.2 + Double(index) / 100, lat: 23.4),
                attributes: plugin.schema.completeAttributes(high: high),
                opened: CivilDate(year: 2022, month: 8, day: 10))
        }
        try store.insert(records, actor: "conformance")
        for record in records {
            let stored = try #require(try store.facility(kind: plugin.id, id: record.id))
            #expect(stored.attributes == record.attributes)
            #expect(stored.attributes.count == plugin.schema.fields.count)
        }
    }
}
