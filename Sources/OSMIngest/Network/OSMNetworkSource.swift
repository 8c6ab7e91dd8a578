public import GeoCore
public import WalkNetwork

/// An OSM file as the source of a walking network: the ways a `WalkingProfile` finds walkable, with
/// their nodes' coordinates, fed to WalkNetwork's `NetworkBuilder` with the OSM node ids as vertex
/// keys. It reads in bounded memory (`OSMWayResolver`: ways first, then only their nodes) and may clip
/// the network to an area.
///
/// ```swift
/// let source = OSMNetworkSource(file: try OSMFile(path: "andorra.osm.pbf"), profile: walk,
///                               clip: { boundary.contains($0) })
/// let build = try source.build { progress in render(progress) }
/// print(build.graph.nodeCount, build.ways.nodesMissing)
/// ```
public struct OSMNetworkSource {
    public var file: OSMFile
    public var profile: WalkingProfile
    /// Where the network's nodes must lie (a boundary polygon's `contains`, any CRS conversion done by
    /// the caller); nil keeps all. Ways are cut to their runs of nodes inside.
    public var clip: ((Coordinate) -> Bool)?

    public init(file: OSMFile, profile: WalkingProfile, clip: ((Coordinate) -> Bool)? = nil) {
        self.file = file
        self.profile = profile
        self.clip = clip
    }

    /// What a build made and what reading the file found.
    public struct Build: Sendable {
        public var graph: WalkGraph
        /// Ways kept whole, cut and dropped; nodes missing from the file or outside the clip.
        public var ways: OSMWayResolution
        /// What the builder took (degenerate pieces, conflicting node positions, …).
        public var builder: NetworkBuilder.Statistics
    }

    /// The facts recorded with the graph: the source file, its format, and the profile.
    public var provenance: [String: String] {
        var facts = ["source": file.path, "source_format": "osm-\(file.format.rawValue)", "profile": profile.label]
        if clip != nil { facts["clipped"] = "yes" }
        return facts
    }

    /// Feeds the walkable ways (or their pieces inside the clip) to `builder`, in file order.
    ///
    /// Throws `OSMError` for a bad file and `WalkNetworkError` for a way the builder refuses.
    @discardableResult
    public func feed(into builder: inout NetworkBuilder, progress: ((OSMProgress) -> Void)? = nil) throws
        -> OSMWayResolution
    {
        let profile = self.profile
        // The profile reads the tags where they are: no dictionary for each building, boundary and river.
        return try OSMWayResolver(clip: clip).resolve(
            file, where: { tags in profile.isWalkable { tags[$0] } }, progress: progress
        ) { way in
            var vertices: [WayVertex] = []
            vertices.reserveCapacity(way.nodeIDs.count)
            for (id, coordinate) in zip(way.nodeIDs, way.coordinates) {
                vertices.append(WayVertex(coordinate, key: id.rawValue))
            }
            try builder.add(wayID: way.id.rawValue, vertices: vertices, tags: way.tags.dictionary)
        }
    }

    /// Reads the file and builds the graph. The ways are filtered here, by the profile, once; the
    /// builder records the profile and the source in the graph's provenance, with `facts` added.
    public func build(recording facts: [String: String] = [:], progress: ((OSMProgress) -> Void)? = nil) throws
        -> Build
    {
        var builder = NetworkBuilder(profile: nil, provenance: provenance.merging(facts) { _, added in added })
        let ways = try feed(into: &builder, progress: progress)
        return Build(graph: try builder.build(), ways: ways, builder: builder.statistics)
    }
}
