public import FacilityRegistry
import FacilityKit
import Foundation
import GeoCore
public import Projection
public import Rules

/// Reads 街道/社区 (or district) polygons, in any CRS, into admin units in EPSG:4326. All or nothing, like
/// every import: each bad row is reported with its number, column and reason.
public struct AdminUnitImporter {
    public struct Options: Sendable {
        /// The column of the unit's code (e.g. `adcode`); without one, the name is the id.
        public var id: String?
        /// The column of the unit's name.
        public var name: String
        /// The level of every unit (`district`, `street`, `community`), or nil to read `levelColumn`.
        public var level: String?
        public var levelColumn: String?
        public var parentColumn: String?
        /// The column of total residents and of other groups, where the file has them.
        public var population: String?
        public var groups: [PopulationGroup: String]
        /// Where the population columns come from, said in reports.
        public var populationSource: String?
        /// Keep only these ids (e.g. `440114` from a file of several districts); nil keeps every row.
        public var only: Set<String>?

        public init(
            id: String? = nil, name: String, level: String? = nil, levelColumn: String? = nil,
            parentColumn: String? = nil, population: String? = nil, groups: [PopulationGroup: String] = [:],
            populationSource: String? = nil, only: Set<String>? = nil
        ) {
            self.id = id
            self.name = name
            self.level = level
            self.levelColumn = levelColumn
            self.parentColumn = parentColumn
            self.population = population
            self.groups = groups
            self.populationSource = populationSource
            self.only = only
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func read(_ table: InputTable, crs override: CRS?) throws -> [AdminUnit] {
        let crs = try table.crs(override: override)
        var populationColumns = options.groups
        if let total = options.population { populationColumns[.total] = total }
        let named = [options.id, options.name, options.levelColumn, options.parentColumn].compactMap { $0 }
            + populationColumns.values.sorted()
        for column in named where !table.header.contains(column) {
            throw RegistryError.input(
                file: table.file, reason: "no column '\(column)'; columns: \(table.header.joined(separator: ", "))")
        }
        let declared = try DeclaredCoordinates(crs: crs)
        var problems: [RowProblem] = []
        var invalidRows = 0
        var units: [AdminUnit] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let name = (row.cells[options.name] ?? "").trimmingCharacters(in: .whitespaces)
            let id = options.id.map { (row.cells[$0] ?? "").trimmingCharacters(in: .whitespaces) } ?? name
            if let only = options.only, !only.contains(id) { continue }
            var rowProblems: [RowProblem] = []
            func problem(_ field: String, _ reason: String) {
                rowProblems.append(RowProblem(row: row.number, field: field, reason: reason, rowLabel: table.rowLabel))
            }
            if name.isEmpty { problem(options.name, "a unit needs a name") }
            if id.isEmpty { problem(options.id ?? options.name, "a unit needs an id") }
            if let first = seen[id] { problem(options.id ?? options.name, "id '\(id)' is also on row \(first)") }
            seen[id] = row.number
            var population: [PopulationGroupName: Double] = [:]
            for (group, column) in populationColumns.sorted(by: { $0.key < $1.key }) {
                let raw = (row.cells[column] ?? "").replacingOccurrences(of: ",", with: "")
                    .trimmingCharacters(in: .whitespaces)
                if raw.isEmpty { continue }
                guard let value = Double(raw), value.isFinite, value >= 0 else {
                    problem(column, "'\(raw)' is not a count of people")
                    continue
                }
                population[PopulationGroupName(group.rawValue)] = value
            }
            var outline: Geometry?
            do {
                let geometry = try table.wgs84Geometry(of: row, through: declared)
                switch geometry {
                case .polygon(let rings): outline = .multiPolygon([rings])
                case .multiPolygon: outline = geometry
                default: problem("geometry", "an admin unit is a polygon, not a \(geometry.typeName)")
                }
            } catch {
                rowProblems.append(error)
            }
            guard rowProblems.isEmpty, let outline else {
                problems += rowProblems
                invalidRows += 1
                continue
            }
            units.append(AdminUnit(
                id: AdminUnitID(id), name: name,
                level: options.level ?? options.levelColumn.flatMap { row.cells[$0] }.flatMap { $0.isEmpty ? nil : $0 },
                parent: options.parentColumn.flatMap { row.cells[$0] }.flatMap { $0.isEmpty ? nil : AdminUnitID($0) },
                outline: outline, population: population,
                populationSource: population.isEmpty ? nil : (options.populationSource ?? table.file)))
        }
        if !problems.isEmpty {
            throw RegistryError.invalidRows(
                file: table.file, problems: problems, invalidRows: invalidRows, total: table.rows.count)
        }
        guard !units.isEmpty else {
            let reason = options.only.map { "no row has the id \($0.sorted().joined(separator: ", "))" } ?? "the file has no rows"
            throw RegistryError.input(file: table.file, reason: reason)
        }
        return units
    }
}

extension AdminUnitStore {
    /// Adds the units to the saved ones; a unit with the same id is replaced. Returns how many were replaced.
    @discardableResult
    public func merge(_ units: [AdminUnit]) throws -> Int {
        var byID = Dictionary(uniqueKeysWithValues: try load().map { ($0.id, $0) })
        var replaced = 0
        for unit in units {
            if byID[unit.id] != nil { replaced += 1 }
            byID[unit.id] = unit
        }
        try save(Array(byID.values))
        return replaced
    }
}
