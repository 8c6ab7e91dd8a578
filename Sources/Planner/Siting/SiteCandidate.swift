import FacilityRegistry
public import Foundation
public import GeoCore
public import Projection
public import WalkNetwork

/// A place where a new facility could go: an id people recognise, where it is (EPSG:4326), and for a
/// network node the node itself (it is then placed exactly there, without snapping).
public struct SiteCandidate: Hashable, Sendable {
    public var id: String
    public var location: Coordinate
    public var node: NodeIndex?

    public init(id: String, location: Coordinate, node: NodeIndex? = nil) {
        self.id = id
        self.location = location
        self.node = node
    }
}

extension SiteCandidate {
    /// The nodes of the network's largest connected part, in node order, thinned so that no two kept nodes
    /// are closer than `spacing` metres (straight line, in the graph's metric CRS): a node is kept unless an
    /// earlier kept node is that close. Nil or 0 keeps every node. Ids are `node <index>`, with the OSM id
    /// where the network has one (`node 812 (osm 25291542)`).
    public static func networkNodes(of graph: WalkGraph, spacing: Double?) throws -> [SiteCandidate] {
        if let spacing, !(spacing.isFinite && spacing >= 0) {
            throw RegistryError.input(
                file: "--node-spacing", reason: "the spacing of candidate nodes must be a distance in metres, not \(spacing)")
        }
        let nodes = Array(graph.nodeIndices).filter { graph.component(of: $0) == 0 && graph.degree(of: $0) > 0 }
        var kept: [NodeIndex] = []
        if let spacing, spacing > 0 {
            // Kept nodes by grid cell of `spacing` metres: only the 3 × 3 cells around a node can be that close.
            var cells: [Int64: [NodeIndex]] = [:]
            func key(_ x: Int64, _ y: Int64) -> Int64 { x &* 0x1_0000_0000 &+ y }
            for node in nodes {
                let p = graph.metricCoordinate(of: node)
                let cx = Int64((p.x / spacing).rounded(.down))
                let cy = Int64((p.y / spacing).rounded(.down))
                var crowded = false
                search: for dx in -1...1 {
                    for dy in -1...1 {
                        for other in cells[key(cx + Int64(dx), cy + Int64(dy))] ?? [] {
                            let q = graph.metricCoordinate(of: other)
                            if (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) < spacing * spacing {
                                crowded = true
                                break search
                            }
                        }
                    }
                }
                if !crowded {
                    kept.append(node)
                    cells[key(cx, cy), default: []].append(node)
                }
            }
        } else {
            kept = nodes
        }
        return kept.map { node in
            let osm = graph.externalID(of: node).map { " (osm \($0))" } ?? ""
            return SiteCandidate(id: "node \(node.index)\(osm)", location: graph.coordinate(of: node), node: node)
        }
    }

    /// The points of a layer: a CSV with coordinate columns, GeoJSON or a GeoPackage layer, in the CRS the
    /// file states or `crs`; converted to EPSG:4326. Ids come from `idColumn`, else `line N` / `feature N`.
    /// Every row must be a point: the first bad rows are listed with their number and field, and nothing is
    /// used.
    public static func points(
        in url: URL, crs override: CRS?, layer: String?, idColumn: String?
    ) throws -> [SiteCandidate] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RegistryError.input(file: url.path, reason: "no such file of candidate sites")
        }
        let table = try InputTable.read(contentsOf: url, layer: layer)
        if let idColumn, !table.header.contains(idColumn) {
            throw RegistryError.input(
                file: table.file, reason: "no column '\(idColumn)'; columns: \(table.header.joined(separator: ", "))")
        }
        let declared = try DeclaredCoordinates(crs: try table.crs(override: override))
        var problems: [RowProblem] = []
        var ids: [String] = []
        var positions: [Coordinate] = []
        for row in table.rows {
            do {
                let geometry = try table.wgs84Geometry(of: row, through: declared)
                guard case .point(let position) = geometry else {
                    throw RowProblem(
                        row: row.number, field: "geometry",
                        reason: "a candidate site is a point, not a \(geometry.typeName)", rowLabel: table.rowLabel)
                }
                let id = idColumn.flatMap { row.cells[$0] }?.trimmingCharacters(in: .whitespaces) ?? ""
                ids.append(id.isEmpty ? "\(table.rowLabel) \(row.number)" : id)
                positions.append(position)
            } catch let problem as RowProblem {
                problems.append(problem)
            }
        }
        guard problems.isEmpty else {
            let listed = problems.prefix(20).map { "  \($0)" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            throw RegistryError.input(
                file: table.file,
                reason: "\(problems.count) of \(table.rows.count) rows are not usable candidate sites:\n\(listed)\(more)")
        }
        guard !positions.isEmpty else {
            throw RegistryError.input(file: table.file, reason: "the file holds no candidate sites")
        }
        return zip(ids, positions).map { SiteCandidate(id: $0, location: $1) }
    }
}
