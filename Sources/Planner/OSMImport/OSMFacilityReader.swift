public import FacilityKit
import FacilityRegistry
public import Foundation
public import GeoCore
import GeometryOps
public import OSMIngest

/// Reads the facilities of one kind from an OpenStreetMap extract through the kind's tag mapping: the
/// objects its conditions match (nodes at their position, ways at the mean of their vertices), with the
/// attributes the tags say. The result goes through the same store checks as any list.
public struct OSMFacilityReader {
    public let plugin: any FacilityPlugin

    public init(plugin: any FacilityPlugin) {
        self.plugin = plugin
    }

    /// What was read: the records, and the tag values that did not fit their field (left empty).
    public struct Reading: Sendable {
        public var records: [FacilityRecord]
        /// e.g. "node/123 changing_table: OSM tag changing_table=limited: not yes or no".
        public var warnings: [String]
        public var outsideClip: Int
        public var waysWithoutCoordinates: Int
    }

    /// - Parameter clip: keep only objects inside this area (EPSG:4326).
    public func read(_ url: URL, clip: Geometry? = nil, progress: ((OSMProgress) -> Void)? = nil) throws -> Reading {
        guard let mapping = plugin.osmMapping, !mapping.conditions.isEmpty else {
            throw RegistryError.input(
                file: url.path, reason: "the kind \(plugin.id) has no OpenStreetMap tag mapping; import a list instead")
        }
        let filters = try mapping.conditions.map { try OSMTagFilter($0.tags) }
        var inside: ((Coordinate) -> Bool)?
        if let clip {
            let area = try PlanarGeometry(clip, in: try GeometryEngine()).prepared()
            inside = { (try? area.intersects($0)) == true }
        }
        let extraction = try OSMFeatureExtractor(filters: filters, clip: inside).extract(
            from: try OSMFile(url: url), progress: progress)
        var records: [FacilityRecord] = []
        var warnings: [String] = []
        for feature in extraction.features.sorted(by: { $0.element < $1.element }) {
            let tags = feature.tags.dictionary
            let id = Self.facilityID(of: feature.element)
            let reading = mapping.attributes(from: tags, schema: plugin.schema)
            warnings += reading.problems.map { "\(id) \($0.field): \($0.reason)" }
            let name = tags["name:zh"] ?? tags["name"] ?? "\(plugin.descriptor.name.zh) \(id)"
            records.append(FacilityRecord(
                id: FacilityID(id), kind: plugin.id, name: name, location: feature.coordinate,
                attributes: reading.attributes))
        }
        return Reading(
            records: records, warnings: warnings, outsideClip: extraction.outsideClip,
            waysWithoutCoordinates: extraction.waysWithoutCoordinates.count)
    }

    /// `node/123`, `way/45`: the ids osm.org uses in its addresses, so a planner can look the object up.
    static func facilityID(of element: OSMElementID) -> String {
        switch element.kind {
        case .node: "node/\(element.id)"
        case .way: "way/\(element.id)"
        case .relation: "relation/\(element.id)"
        }
    }

    /// Whether a file is an OpenStreetMap extract, by its name.
    public static func isOSMFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".osm.pbf") || lower.hasSuffix(".pbf") || lower.hasSuffix(".osm")
            || lower.hasSuffix(".osm.gz")
    }
}
