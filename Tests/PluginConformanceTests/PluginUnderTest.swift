import ChildcarePlugin
import ChildrenHomePlugin
import FacilityKit
import FacilityRegistry
import Foundation
import LifeCircleServicePlugin
import MaternityRoomPlugin
import ParkPlugin
import PlaygroundPlugin
import PublicToiletPlugin
import PublicVenuePlugin
import TestSupport
import Testing

/// One plugin the suite runs over, with where it came from.
struct PluginUnderTest: Sendable, CustomTestStringConvertible {
    let plugin: any FacilityPlugin
    let origin: PluginRegistry.Origin

    var testDescription: String { "\(plugin.id) (\(origin))" }

    /// The Swift plugins lifecircle bundles (Sources/LifeCircleCLI/Support/BundledPlugins.swift lists
    /// the same; `everyPluginFolderIsUnderTest` catches a folder missing here).
    static let bundled: [any FacilityPlugin] = [
        ChildcarePlugin(), ChildrenHomePlugin(), LifeCircleServicePlugin(), MaternityRoomPlugin(), ParkPlugin(),
        PlaygroundPlugin(), PublicToiletPlugin(), PublicVenuePlugin(),
    ]

    /// The folders whose manifests ship or are documented.
    static let manifestFolders = [
        Repository.geoData.appendingPathComponent("plugins"), Repository.examples,
    ]

    /// Every bundled plugin and every manifest of `manifestFolders`.
    static func all() throws -> [PluginUnderTest] {
        var subjects = bundled.map { PluginUnderTest(plugin: $0, origin: .bundled) }
        for folder in manifestFolders {
            for manifest in try ManifestPlugin.loadAll(in: folder) {
                subjects.append(PluginUnderTest(plugin: manifest, origin: .manifest(path: manifest.path)))
            }
        }
        return subjects
    }

    /// The fields of every kind under test, derived ones included: what rule conditions may read.
    static func fieldsByKind() throws -> [PluginID: [FieldSpec]] {
        Dictionary(try all().map { ($0.plugin.id, $0.plugin.schema.fields + $0.plugin.derivedFields) }) { a, _ in a }
    }
}

extension FieldSpec {
    /// A value of the field's type within its bounds: one from the low end (`false`, the first enum
    /// value) or one from the high end (`true`, the last).
    func sampleValue(high: Bool) -> AttributeValue {
        switch type {
        case .integer:
            let low = minimum ?? 0
            return .integer(Int64((high ? maximum ?? low + 120 : low).rounded(.down)))
        case .real:
            let low = minimum ?? 0
            return .real(high ? maximum ?? low + 1234.5 : low + 0.25)
        case .text:
            return .text(high ? "名称 with 'quotes', commas; and 中文" : "甲")
        case .boolean:
            return .boolean(high)
        case .enumeration(let options):
            return .text((high ? options.last : options.first)?.value ?? "")
        case .date:
            return .date(CivilDate(year: high ? 2030 : 2021, month: high ? 12 : 1, day: high ? 31 : 1)!)
        }
    }
}

extension AttributeSchema {
    /// A value for every field.
    func completeAttributes(high: Bool) -> [String: AttributeValue] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.sampleValue(high: high)) })
    }
}

extension RuleMeasure {
    /// Every facility filter of the measure.
    var filters: [FacilityFilter] {
        switch self {
        case .coverage(let facilities, _, _, _): facilities
        case .perCapita(let facilities, _, _, _, _, _), .presence(let facilities, _), .count(let facilities, _):
            [facilities]
        case .attribute(let facilities, _): [facilities]
        case .mandate(let venues, let hosts, _): [venues] + hosts
        }
    }

    /// Every condition of the measure, with the kind whose fields it reads.
    var conditions: [(condition: Condition, kind: PluginID)] {
        var conditions = filters.compactMap { filter in filter.condition.map { ($0, filter.kind) } }
        if case .attribute(let facilities, let require) = self { conditions.append((require, facilities.kind)) }
        return conditions
    }

    /// Whether the measured value is a share (0–1), so targets must be too.
    var isShare: Bool {
        switch self {
        case .coverage, .presence, .attribute, .mandate: true
        case .perCapita, .count: false
        }
    }
}

extension String {
    /// Whether the text has a Chinese character in it.
    var hasHan: Bool { unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    /// Whether the text has a Latin letter in it.
    var hasLatin: Bool { unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } }
}
