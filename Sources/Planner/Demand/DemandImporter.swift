public import FacilityRegistry
import Foundation
import GeoCore
import GeometryOps
public import Projection

/// Reads population data — points, polygons (census blocks, H3 cells) or a grid — into demand units.
/// Like facility imports it is all or nothing: every bad row is reported with its number, column and
/// reason, and nothing is kept unless every row is good.
public struct DemandImporter {
    /// How a polygon becomes demand.
    public enum PolygonMode: Hashable, Sendable {
        /// One unit at the polygon's centroid with all its residents.
        case centroid
        /// Residents spread over a square grid of this cell size (metres) in proportion to the area of the
        /// polygon each cell covers; one unit per cell centre.
        case grid(cellSize: Double)
    }

    public struct Options: Sendable {
        /// The column of the total population.
        public var population: String
        /// Columns of other groups (women, children, elderly), where the data has them.
        public var groups: [PopulationGroup: String]
        /// The id column; without one, ids are `<file>:<row>`.
        public var id: String?
        /// The column naming each unit's 街道/社区, if any.
        public var admin: String?
        public var polygons: PolygonMode

        public init(
            population: String, groups: [PopulationGroup: String] = [:], id: String? = nil, admin: String? = nil,
            polygons: PolygonMode = .centroid
        ) {
            self.population = population
            self.groups = groups
            self.id = id
            self.admin = admin
            self.polygons = polygons
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Reads every row into demand units in EPSG:4326.
    public func read(_ table: InputTable, crs override: CRS?) throws -> [DemandUnit] {
        let crs = try table.crs(override: override)
        var columns = options.groups
        columns[.total] = options.population
        let named = columns.sorted(by: { $0.key < $1.key }).map(\.value) + [options.id, options.admin].compactMap { $0 }
        for column in named where !table.header.contains(column) {
            throw RegistryError.input(
                file: table.file, reason: "no column '\(column)'; columns: \(table.header.joined(separator: ", "))")
        }
        let declared = try DeclaredCoordinates(crs: crs)
        var problems: [RowProblem] = []
        var invalidRows = 0
        var units: [(id: String, geometry: Geometry, population: [PopulationGroup: Double], admin: String?)] = []
        var firstRowOfID: [String: Int] = [:]
        for row in table.rows {
            var rowProblems: [RowProblem] = []
            var population: [PopulationGroup: Double] = [:]
            for (group, column) in columns.sorted(by: { $0.key < $1.key }) {
                let raw = (row.cells[column] ?? "").replacingOccurrences(of: ",", with: "")
                    .trimmingCharacters(in: .whitespaces)
                guard let value = Double(raw), value.isFinite, value >= 0 else {
                    rowProblems.append(RowProblem(
                        row: row.number, field: column,
                        reason: raw.isEmpty ? "a population count is required" : "'\(raw)' is not a count of people",
                        rowLabel: table.rowLabel))
                    continue
                }
                population[group] = value
            }
            var geometry: Geometry?
            do {
                geometry = try table.wgs84Geometry(of: row, through: declared)
            } catch {
                rowProblems.append(error)
            }
            if !rowProblems.isEmpty || geometry == nil {
                problems += rowProblems
                invalidRows += 1
                continue
            }
            let id = options.id.flatMap { row.cells[$0] }.flatMap { $0.isEmpty ? nil : $0 }
                ?? "\(table.fileStem):\(row.number)"
            // Ids are unique in the demand layer: a repeat is refused here, at its line, not by the layer.
            if let idColumn = options.id, let first = firstRowOfID[id] {
                problems.append(RowProblem(
                    row: row.number, field: idColumn,
                    reason: "id '\(id)' is used again (first at \(table.rowLabel) \(first)); demand ids must be unique",
                    rowLabel: table.rowLabel))
                invalidRows += 1
                continue
            }
            firstRowOfID[id] = row.number
            units.append((id, geometry!, population, options.admin.flatMap { row.cells[$0] }))
        }
        if !problems.isEmpty {
            throw RegistryError.invalidRows(
                file: table.file, problems: problems, invalidRows: invalidRows, total: table.rows.count)
        }
        guard !units.isEmpty else { throw RegistryError.input(file: table.file, reason: "the file has no rows") }

        // From EPSG:4326 into the local metric CRS for centroids and grids.
        let geographic = units.map(\.geometry)
        guard let box = geographic.compactMap(\.boundingBox).reduce(nil, { ($0?.union($1)) ?? $1 }) else {
            throw RegistryError.input(file: table.file, reason: "the rows have no coordinates")
        }
        let metric = try CRS.localMetric(for: box)
        let toMetric = try CoordinateTransformer(from: .wgs84, to: metric)
        let toGeographic = try CoordinateTransformer(from: metric, to: .wgs84)
        let planar = try geographic.map { try toMetric.transform($0) }
        let engine = try GeometryEngine()

        switch options.polygons {
        case .centroid:
            return try zip(units, zip(geographic, planar)).map { unit, geometries in
                let (geo, flat) = geometries
                var location: Coordinate
                if case .point(let c) = geo {
                    location = c
                } else {
                    guard let centre = try PlanarGeometry(flat, in: engine).centroid() else {
                        throw RegistryError.input(file: table.file, reason: "unit \(unit.id) has an empty geometry")
                    }
                    location = try toGeographic.transform(centre)
                }
                let area: Geometry? = if case .point = geo { nil } else { geo }
                return DemandUnit(
                    id: unit.id, location: location, population: unit.population, area: area, adminUnit: unit.admin)
            }
        case .grid(let cellSize):
            return try spread(units, planar: planar, cellSize: cellSize, engine: engine, back: toGeographic)
        }
    }

    /// Spreads each polygon's residents over the grid cells it overlaps, by area; points stay as they are.
    private func spread(
        _ units: [(id: String, geometry: Geometry, population: [PopulationGroup: Double], admin: String?)],
        planar: [Geometry], cellSize: Double, engine: GeometryEngine, back: CoordinateTransformer
    ) throws -> [DemandUnit] {
        let points = units.indices.filter { if case .point = planar[$0] { true } else { false } }
        let pointUnits = try points.map { i in
            DemandUnit(
                id: units[i].id, location: try back.transform(planar[i].coordinates[0]), population: units[i].population,
                adminUnit: units[i].admin)
        }
        let polygons = units.indices.filter { !points.contains($0) }
        guard !polygons.isEmpty else { return pointUnits }
        let study = try engine.union(polygons.map { planar[$0] }).prepared()
        let cells = try study.squareGrid(cellSize: cellSize)
        let overlaps = try engine.intersectionAreas(of: polygons.map { planar[$0] }, with: cells.map(\.polygon))
        var polygonArea: [Int: Double] = [:]
        for overlap in overlaps { polygonArea[overlap.polygon, default: 0] += overlap.area }
        var perCell: [Int: [PopulationGroup: Double]] = [:]
        for overlap in overlaps {
            guard let total = polygonArea[overlap.polygon], total > 0 else { continue }
            let share = overlap.area / total
            for (group, count) in units[polygons[overlap.polygon]].population {
                perCell[overlap.cell, default: [:]][group, default: 0] += count * share
            }
        }
        return try pointUnits + perCell.keys.sorted().map { index in
            let cell = cells[index]
            return DemandUnit(
                id: "cell_\(cell.column)_\(cell.row)", location: try back.transform(cell.center),
                population: perCell[index] ?? [:], area: try back.transform(cell.polygon))
        }
    }
}
