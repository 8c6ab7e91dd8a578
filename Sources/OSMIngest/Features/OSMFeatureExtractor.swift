public import GeoCore

/// Finds the nodes and ways whose tags match any of a list of filters, with a position for each:
/// the registry imports facilities from OSM through it. Reads the file once for tagged elements and,
/// when ways matched, once more for just their nodes' coordinates.
///
/// ```swift
/// let extractor = try OSMFeatureExtractor(filters: [OSMTagFilter(["amenity": "toilets"])])
/// let toilets = try extractor.extract(from: OSMFile(path: "helsinki.osm.pbf")).features
/// ```
public struct OSMFeatureExtractor {
    public var filters: [OSMTagFilter]
    /// Which kinds of element may match (relations are not supported: they would need their
    /// members' geometry).
    public var kinds: Set<OSMElementKind>
    /// Where features must lie to be kept; nil keeps all.
    public var clip: ((Coordinate) -> Bool)?

    /// Fails when `filters` is empty or asks for relations.
    public init(
        filters: [OSMTagFilter], kinds: Set<OSMElementKind> = [.node, .way], clip: ((Coordinate) -> Bool)? = nil
    ) throws(OSMError) {
        guard !filters.isEmpty else {
            throw OSMError(.invalidArgument, file: "", "a feature extraction needs at least one tag filter")
        }
        guard !kinds.contains(.relation) else {
            throw OSMError(.invalidArgument, file: "", "features from relations are not supported")
        }
        self.filters = filters
        self.kinds = kinds
        self.clip = clip
    }

    /// One filter made of `conditions`; see `OSMTagFilter`.
    public init(matching conditions: [String: String]) throws(OSMError) {
        try self.init(filters: [OSMTagFilter(conditions)])
    }

    /// Extracts the matching features of `file`.
    public func extract(from file: OSMFile, progress: ((OSMProgress) -> Void)? = nil) throws
        -> OSMFeatureExtraction
    {
        var collector = Collector(filters: filters)
        let options = OSMReadOptions(
            nodes: kinds.contains(.node) ? .taggedOnly : .skip, ways: kinds.contains(.way) ? .taggedOnly : .skip,
            relations: .skip)
        let passes = kinds.contains(.way) ? 2 : 1
        var pass1 = ProgressThrottle(progress, totalBytes: file.byteCount, pass: 1, passCount: passes)
        try file.read(into: &collector, options: options, progress: &pass1)

        var result = OSMFeatureExtraction()
        func keep(_ feature: OSMFeature) {
            if let clip, !clip(feature.coordinate) {
                result.outsideClip += 1
            } else {
                result.features.append(feature)
            }
        }
        collector.nodes.forEach(keep)
        guard !collector.ways.isEmpty else { return result }

        var table = NodeCoordinateTable(wanting: collector.ways.flatMap { $0.way.nodeIDs.map(\.rawValue) })
        var pass2 = ProgressThrottle(progress, totalBytes: file.byteCount, pass: 2, passCount: passes)
        try table.read(from: file, progress: &pass2)
        for (way, matched) in collector.ways {
            var ids = way.nodeIDs
            if way.isClosed { ids.removeLast() }
            var seen = Set<OSMNodeID>()
            var sumX = 0.0
            var sumY = 0.0
            var count = 0
            for id in ids where seen.insert(id).inserted {
                guard let index = table.index(of: id.rawValue), let c = table.coordinate(at: index) else { continue }
                sumX += c.x
                sumY += c.y
                count += 1
            }
            guard count > 0 else {
                result.waysWithoutCoordinates.append(way.id)
                continue
            }
            keep(
                OSMFeature(
                    element: .way(way.id), coordinate: Coordinate(x: sumX / Double(count), y: sumY / Double(count)),
                    tags: way.tags, matchedFilters: matched))
        }
        return result
    }

    private struct Collector: OSMElementVisitor {
        let filters: [OSMTagFilter]
        var nodes: [OSMFeature] = []
        var ways: [(way: OSMWay, matched: [Int])] = []

        func matches(_ tags: OSMTags) -> [Int] {
            filters.indices.filter { filters[$0].matches(tags) }
        }

        mutating func visit(node: OSMNode) throws {
            let matched = matches(node.tags)
            guard !matched.isEmpty else { return }
            nodes.append(
                OSMFeature(element: .node(node.id), coordinate: node.coordinate, tags: node.tags, matchedFilters: matched))
        }

        mutating func visit(way: OSMWay) throws {
            let matched = matches(way.tags)
            guard !matched.isEmpty else { return }
            ways.append((way, matched))
        }
    }
}
