import GeoCore

/// The coordinates of a chosen set of nodes, found by one pass over a file's nodes: the second pass of
/// a bounded-memory read, which keeps only the nodes its ways use (8 bytes of id and 16 of
/// coordinate each) rather than every node of the file.
struct NodeCoordinateTable {
    /// The wanted ids, sorted and without repeats.
    let ids: [Int64]
    /// The coordinates, by position in `ids`; NaN until found.
    private(set) var coordinates: [Coordinate]
    private(set) var foundCount = 0

    /// Wants the nodes in `refs`, in any order and with repeats.
    init(wanting refs: [Int64]) {
        self = NodeCoordinateTable.indexing(refs).table
    }

    /// A table wanting the nodes in `refs`, and for each ref its position in the table's `ids`.
    static func indexing(_ refs: [Int64]) -> (table: NodeCoordinateTable, positions: [Int32]) {
        var keys = refs
        var order = (0..<UInt32(refs.count)).map { $0 }
        RadixSort.sort(keys: &keys, values: &order)
        var ids: [Int64] = []
        var positions = [Int32](repeating: 0, count: refs.count)
        for (key, original) in zip(keys, order) {
            if ids.last != key { ids.append(key) }
            positions[Int(original)] = Int32(ids.count - 1)
        }
        let coordinates = Array(repeating: Coordinate(x: .nan, y: .nan), count: ids.count)
        return (NodeCoordinateTable(ids: ids, coordinates: coordinates), positions)
    }

    /// The position of `id` in `ids`, or nil.
    @inline(__always)
    func index(of id: Int64) -> Int? {
        let low = lowerBound(of: id)
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// The first position whose id is not less than `id`.
    func lowerBound(of id: Int64) -> Int {
        var low = 0
        var high = ids.count
        while low < high {
            let mid = (low + high) >> 1
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The coordinate at `index`, or nil when the file did not have that node.
    @inline(__always)
    func coordinate(at index: Int) -> Coordinate? {
        let c = coordinates[index]
        return c.x.isNaN ? nil : c
    }

    /// Reads the file's nodes (no tags) and keeps the wanted ones' coordinates. Stops after the block
    /// (or buffer) where the last of them is found, or at the first way of a file sorted by type.
    mutating func read(from file: OSMFile, progress: inout ProgressThrottle) throws {
        guard !ids.isEmpty else { return }
        var collector = Collector(table: self)
        self = NodeCoordinateTable(ids: [], coordinates: [])  // `collector` owns the arrays meanwhile
        defer { self = collector.table }
        try file.read(into: &collector, options: .nodeCoordinates, progress: &progress)
    }

    private init(ids: [Int64], coordinates: [Coordinate]) {
        self.ids = ids
        self.coordinates = coordinates
    }

    /// Matches the file's nodes against the sorted wanted ids with a cursor: files list nodes by
    /// ascending id, so each step is O(1); a node out of order falls back to a binary search.
    private struct Collector: OSMEarlyStoppingVisitor {
        var table: NodeCoordinateTable
        var cursor = 0
        var previous = Int64.min

        var isDone: Bool { table.foundCount == table.ids.count }

        mutating func visit(node: OSMNode) throws {
            let id = node.id.rawValue
            if id < previous { cursor = table.lowerBound(of: id) }
            previous = id
            let count = table.ids.count
            while cursor < count && table.ids[cursor] < id { cursor += 1 }
            guard cursor < count, table.ids[cursor] == id else { return }
            if table.coordinates[cursor].x.isNaN {
                table.coordinates[cursor] = node.coordinate
                table.foundCount += 1
            }
        }
    }
}
