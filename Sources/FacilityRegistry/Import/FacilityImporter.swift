import Foundation
public import FacilityKit
import GeoCore
import Interchange
public import Projection

/// Turns the rows of an input table into facility records of one kind: maps columns, parses every
/// value against the kind's schema, and brings coordinates into EPSG:4326 through PROJ (or the
/// GCJ-02/BD-09 conversions). Rows that fail are reported with their number, field and reason;
/// nothing is written here, so the caller decides between all-or-nothing and `--skip-invalid`.
public struct FacilityImporter {
    public let plugin: any FacilityPlugin

    public init(plugin: any FacilityPlugin) {
        self.plugin = plugin
    }

    /// The outcome of reading a table: good records, and the rows that failed.
    public struct Batch: Sendable {
        public var records: [FacilityRecord]
        /// One entry per failed row: its first problem. Row numbers as the table gives them.
        public var rejects: [Reject]
        public var unusedColumns: [String]
        public var crs: CRS
        /// What the file's columns fill besides name and location: schema field names, and `opened` and
        /// `closed` when it has those columns. An update changes these and keeps the rest as stored.
        public var suppliedFields: Set<String> = []
        /// The line (or feature) each record was read from, for messages about a record after the read.
        public var rowNumbers: [FacilityID: Int] = [:]
        /// The id column, as messages name it.
        public var idColumn: String = "id"
        public var total: Int { records.count + rejects.count }
    }

    /// A row left out, with every problem found in it.
    public struct Reject: Sendable {
        public var row: InputTable.Row
        public var problems: [RowProblem]
    }

    struct RowProblems: Error {
        var problems: [RowProblem]
    }

    /// Reads every row. `crs` overrides what the file declares; one of the two is needed.
    public func read(_ table: InputTable, crs override: CRS?) throws(RegistryError) -> Batch {
        let crs = try table.crs(override: override)
        var taken: Set<String> = []
        if case .columns(let x, let y) = table.location { taken = [x, y] }
        if let pair = table.pairColumn { taken.insert(pair) }
        let mapping = ColumnMapping(header: table.header, schema: plugin.schema, taken: taken)
        guard mapping.name != nil else {
            throw .input(
                file: table.file,
                reason: "no name column; expected one of: \(ColumnMapping.nameNames.joined(separator: ", "))")
        }

        // Records still in the source CRS, and the position in `table.rows` of each.
        var records: [FacilityRecord] = []
        var rowIndex: [Int] = []
        var rejects: [Reject] = []
        for (index, row) in table.rows.enumerated() {
            do {
                records.append(try record(from: row, of: table, mapping: mapping, crs: crs))
                rowIndex.append(index)
            } catch {
                rejects.append(Reject(row: row, problems: error.problems))
            }
        }

        // One batch through PROJ, then each result checked against the declared CRS's area of use.
        let declared: DeclaredCoordinates
        do {
            declared = try DeclaredCoordinates(crs: crs)
        } catch {
            throw .input(file: table.file, reason: "cannot transform from \(crs) to EPSG:4326: \(error)")
        }
        let targets = declared.wgs84(records.map(\.location))
        // Located in place; a duplicate id inside the file is a row problem too: the repeat is rejected.
        var firstRow: [FacilityID: Int] = [:]
        var kept = 0
        for i in records.indices {
            let row = table.rows[rowIndex[i]]
            switch targets[i] {
            case .success(let location):
                let id = records[i].id
                if let first = firstRow[id] {
                    rejects.append(Reject(row: row, problems: [RowProblem(
                        row: row.number, field: mapping.id ?? "id",
                        reason: "id '\(id)' is used again (first at \(table.rowLabel) \(first))",
                        rowLabel: table.rowLabel)]))
                    continue
                }
                firstRow[id] = row.number
                records[i].location = location
                if kept != i { records[kept] = records[i] }
                kept += 1
            case .failure(let problem):
                rejects.append(Reject(row: row, problems: [table.implausible(problem, in: row)]))
            }
        }
        records.removeLast(records.count - kept)
        rejects.sort { $0.row.number < $1.row.number }
        var batch = Batch(records: records, rejects: rejects, unusedColumns: mapping.unused, crs: crs)
        batch.suppliedFields = mapping.suppliedFields
        batch.rowNumbers = firstRow
        batch.idColumn = mapping.id ?? "id"
        return batch
    }

    /// One row as a record still in the source CRS; every problem of the row is thrown together.
    private func record(
        from row: InputTable.Row, of table: InputTable, mapping: ColumnMapping, crs: CRS
    ) throws(RowProblems) -> FacilityRecord {
        var problems: [RowProblem] = []
        func problem(_ field: String, _ reason: String) -> RowProblem {
            RowProblem(row: row.number, field: field, reason: reason, rowLabel: table.rowLabel)
        }
        func text(_ column: String?) -> String? {
            guard let column, let value = row.cells[column]?.trimmingCharacters(in: .whitespaces), !value.isEmpty
            else { return nil }
            return value
        }
        func date(_ column: String?) -> CivilDate? {
            guard let raw = text(column) else { return nil }
            guard let date = CivilDate(parsing: raw) else {
                problems.append(problem(column ?? "", "'\(raw)' is not a date like 2023-05-01"))
                return nil
            }
            return date
        }

        var location: Coordinate?
        do {
            switch try table.geometry(of: row, crs: crs) {
            case .point(let c): location = c
            case .multiPoint(let cs) where cs.count == 1: location = cs[0]
            case let other: problems.append(problem("geometry", "expected a Point, got a \(other.typeName)"))
            }
        } catch {
            problems.append(error)
        }
        let name = text(mapping.name)
        if name == nil { problems.append(problem(mapping.name ?? "name", "a name is required")) }
        var attributes: [String: AttributeValue] = [:]
        var unparsable: Set<String> = []
        for field in plugin.schema.fields {
            let column = mapping.fields[field.name]
            do {
                if let raw = text(column), let value = try field.parse(raw) { attributes[field.name] = value }
            } catch {
                unparsable.insert(field.name)
                problems.append(problem(column ?? field.name, error.reason))
            }
        }
        for missing in plugin.schema.problems(in: attributes) where !unparsable.contains(missing.field) {
            let column = mapping.fields[missing.field]
            problems.append(problem(column ?? missing.field, missing.reason + (column == nil ? " (no such column)" : "")))
        }
        let opened = date(mapping.opened)
        let closed = date(mapping.closed)
        if let opened, let closed, closed < opened {
            problems.append(problem(mapping.closed ?? "closed", "closes (\(closed)) before it opens (\(opened))"))
        }
        guard problems.isEmpty, let location, let name else { throw RowProblems(problems: problems) }
        let id = text(mapping.id).map(FacilityID.init(rawValue:)) ?? FacilityID("\(table.fileStem):\(row.number)")
        return FacilityRecord(
            id: id, kind: plugin.id, name: name, location: location, attributes: attributes, opened: opened,
            closed: closed)
    }
}

extension InputTable {
    /// The file's name without folders and extension, the prefix of ids the registry makes up.
    public var fileStem: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
