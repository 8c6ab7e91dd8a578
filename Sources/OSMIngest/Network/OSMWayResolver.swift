public import GeoCore

/// Reads the ways a filter wants, with their nodes' coordinates, in bounded memory: memory grows with
/// the ways kept, not with the file.
///
/// It makes two passes. The first reads ways only and keeps the wanted ones and the set of nodes they
/// use; the second reads nodes only, without tags, keeps just those nodes' coordinates, and stops as
/// soon as it has all of them (at the first way, for a file sorted by type). A clip keeps the runs of
/// consecutive nodes inside it, so a way that leaves and re-enters the area gives two pieces.
public struct OSMWayResolver {
    /// Where nodes must lie to be kept (a polygon's prepared `contains`, say); nil keeps all. Called
    /// once per node the wanted ways use.
    public var clip: ((Coordinate) -> Bool)?

    public init(clip: ((Coordinate) -> Bool)? = nil) {
        self.clip = clip
    }

    /// Resolves the ways of `file` whose tags `isWanted` accepts and hands each whole way or piece to
    /// `body`, in file order. Returns what was kept, cut and dropped.
    ///
    /// Throws `OSMError` for a bad file, and rethrows what `isWanted` or `body` throw.
    @discardableResult
    public func resolve(
        _ file: OSMFile, where isWanted: (OSMTags) throws -> Bool, progress: ((OSMProgress) -> Void)? = nil,
        body: (OSMResolvedWay) throws -> Void
    ) throws -> OSMWayResolution {
        // Pass 1: the wanted ways.
        var ways = WantedWays()
        var pass1 = ProgressThrottle(progress, totalBytes: file.byteCount, pass: 1, passCount: 2)
        try withoutActuallyEscaping(isWanted) { isWanted in
            var collector = WayCollector(isWanted: isWanted)
            try file.read(into: &collector, options: .waysOnly, progress: &pass1)
            ways = collector.ways
        }
        guard ways.refs.count < Int(UInt32.max) else {
            throw OSMError(
                .unsupported, file: file.path, "the wanted ways use \(ways.refs.count) node references; at most 4 294 967 294 fit")
        }
        var resolution = OSMWayResolution()
        resolution.waysMatched = ways.ids.count

        // Pass 2: the coordinates of their nodes.
        var (table, positions) = NodeCoordinateTable.indexing(ways.refs)
        ways.refs = []  // `positions` says the same, in half the memory
        var pass2 = ProgressThrottle(progress, totalBytes: file.byteCount, pass: 2, passCount: 2)
        try table.read(from: file, progress: &pass2)
        resolution.nodesReferenced = table.ids.count
        resolution.nodesMissing = table.ids.count - table.foundCount

        // Which nodes are usable: present, and inside the clip.
        var usable = [Bool](repeating: false, count: table.ids.count)
        for i in usable.indices {
            guard let c = table.coordinate(at: i) else { continue }
            if let clip, !clip(c) {
                resolution.nodesOutsideClip += 1
            } else {
                usable[i] = true
            }
        }

        // Hand over the runs of usable nodes, way by way.
        for w in ways.ids.indices {
            let indices = positions[ways.starts[w]..<ways.starts[w + 1]]
            var piece = 0
            var runStart = indices.startIndex
            var whole = false
            func emit(_ run: Range<Int>) throws {
                guard run.count >= 2 else { return }
                whole = run.count == indices.count
                var nodeIDs: [OSMNodeID] = []
                var coordinates: [Coordinate] = []
                nodeIDs.reserveCapacity(run.count)
                coordinates.reserveCapacity(run.count)
                for k in run {
                    let index = Int(positions[k])
                    nodeIDs.append(OSMNodeID(table.ids[index]))
                    coordinates.append(table.coordinates[index])
                }
                try body(
                    OSMResolvedWay(
                        id: ways.ids[w], nodeIDs: nodeIDs, coordinates: coordinates, tags: ways.tags[w],
                        piece: piece, isWhole: whole))
                piece += 1
            }
            for k in indices.indices where !usable[Int(positions[k])] {
                try emit(runStart..<k)
                runStart = k + 1
            }
            try emit(runStart..<indices.endIndex)
            resolution.pieces += piece
            if piece == 0 {
                resolution.waysDropped.append(ways.ids[w])
            } else if whole {
                resolution.waysWhole += 1
            } else {
                resolution.waysCut += 1
            }
        }
        return resolution
    }
}

/// The ways kept by the first pass, their node references in one flat array.
private struct WantedWays {
    var ids: [OSMWayID] = []
    var tags: [OSMTags] = []
    var starts: [Int] = [0]
    var refs: [Int64] = []
}

private struct WayCollector: OSMElementVisitor {
    let isWanted: (OSMTags) throws -> Bool
    var ways = WantedWays()

    mutating func visit(way: OSMWay) throws {
        guard try isWanted(way.tags) else { return }
        ways.ids.append(way.id)
        ways.tags.append(way.tags)
        for ref in way.nodeIDs { ways.refs.append(ref.rawValue) }
        ways.starts.append(ways.refs.count)
    }
}
