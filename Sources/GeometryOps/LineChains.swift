import GeoCore

/// Joins line strings that meet end to end into longer walks, for `bufferedUnion`.
///
/// The buffer of a walk (round caps and joins) is the union of the buffers of its pieces, so buffering a few
/// long walks instead of many short edges gives the same area with far fewer overlapping round caps for the
/// union to dissolve: on a 100 000-segment street grid it is several times faster. Walks are cut at
/// `maximumVertices` so no single buffer grows costly. Lines meet only where their end positions are exactly
/// equal, as the ends of network edges are.
enum LineChains {
    static func chain(_ lines: [[Coordinate]], maximumVertices: Int = 256) -> [[Coordinate]] {
        var ends: [Coordinate: [Int]] = [:]
        ends.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            ends[line[0], default: []].append(i)
            ends[line[line.count - 1], default: []].append(i)
        }
        var used = [Bool](repeating: false, count: lines.count)
        /// The first unused line with an end at `c`, in input order, so walks are reproducible.
        func unused(at c: Coordinate) -> Int? {
            ends[c]?.first { !used[$0] }
        }
        var walks: [[Coordinate]] = []
        for i in lines.indices where !used[i] {
            used[i] = true
            var forward = lines[i]
            while forward.count < maximumVertices, let j = unused(at: forward[forward.count - 1]) {
                used[j] = true
                let line = lines[j]
                if line[0] == forward[forward.count - 1] {
                    forward += line.dropFirst()
                } else {
                    forward += line.reversed().dropFirst()
                }
            }
            // Then backwards from the first line's start, collected outwards and reversed at the end.
            var backward: [Coordinate] = []
            while forward.count + backward.count < maximumVertices, let j = unused(at: backward.last ?? forward[0]) {
                used[j] = true
                let line = lines[j]
                if line[line.count - 1] == (backward.last ?? forward[0]) {
                    backward += line.reversed().dropFirst()
                } else {
                    backward += line.dropFirst()
                }
            }
            walks.append(backward.reversed() + forward)
        }
        return walks
    }
}
