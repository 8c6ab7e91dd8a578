import Foundation
public import GeoCore
import Interchange
public import Projection

extension InputTable {
    /// The system the rows are in: `override` (the user's `--crs`) or what the file states; one of the
    /// two is needed, since guessing is how 600 m errors happen.
    /// When the file states its system itself (``crsStatement``: a `.prj`, a layer's SRS), a `--crs` that says
    /// another is refused rather than either one silently winning; gcj02 or bd09 over a stated WGS 84 or CGCS2000 is
    /// allowed, since no `.prj` can state those.
    public func crs(override: CRS?) throws(RegistryError) -> CRS {
        if let override {
            if let crsStatement, let declaredCRS, let stated = try? CRS(parsing: declaredCRS),
                !override.isEquivalent(to: stated),
                !(override.isConsumerMapSystem && stated.isGeographic && [4326, 4490].contains(stated.epsgCode ?? 0))
            {
                throw .input(
                    file: file,
                    reason: "--crs \(override) contradicts the coordinate system the file states in \(crsStatement), "
                        + "\(stated) (\(stated.name)); leave out --crs, or correct the file if it is wrong")
            }
            return override
        }
        guard let declaredCRS else {
            throw .input(
                file: file,
                reason: "the file does not state its coordinate system: give --crs, e.g. --crs EPSG:4326 for GPS "
                    + "or OSM coordinates, --crs gcj02 for points picked on AMap (高德), --crs bd09 for Baidu, "
                    + "--crs EPSG:4547 for CGCS2000 / 3-degree Gauss-Kruger CM 114E")
        }
        do {
            return try CRS(parsing: declaredCRS)
        } catch {
            throw .input(file: file, reason: "the coordinate system it states, '\(declaredCRS)', is unusable: \(error)")
        }
    }

    /// A row's geometry in EPSG:4326 through the one check of declared coordinates: a position that cannot be
    /// in the declared CRS (outside its area of use) is a problem of the row, naming its coordinate columns.
    public func wgs84Geometry(of row: Row, through coordinates: DeclaredCoordinates) throws(RowProblem) -> Geometry {
        let geometry = try geometry(of: row, crs: coordinates.crs)
        do {
            return try coordinates.wgs84(geometry)
        } catch {
            throw implausible(error, in: row)
        }
    }

    /// ``wgs84Geometry(of:through:)`` for readers that stop at the first bad row (road layers, boundaries): the
    /// row's problem as an error naming the file.
    public func wgs84GeometryOrFail(of row: Row, through coordinates: DeclaredCoordinates) throws(RegistryError)
        -> Geometry
    {
        do {
            return try wgs84Geometry(of: row, through: coordinates)
        } catch {
            throw .input(file: file, reason: error.description)
        }
    }

    /// The row problem for a position of the row that cannot be in the declared CRS.
    public func implausible(_ error: ImplausibleCoordinate, in row: Row) -> RowProblem {
        RowProblem(row: row.number, field: coordinateFields, reason: error.description, rowLabel: rowLabel)
    }

    /// The columns the positions come from: `x/y` for coordinate columns, `geometry` for features.
    public var coordinateFields: String {
        switch location {
        case .columns(let x, let y): "\(x)/\(y)"
        case .geometry: "geometry"
        }
    }

    /// A row's geometry in the source CRS: a point from the coordinate columns, or the feature's geometry.
    /// Geographic coordinates are checked to be in range, and a longitude/latitude swap is called out.
    public func geometry(of row: Row, crs: CRS) throws(RowProblem) -> Geometry {
        func problem(_ field: String, _ reason: String) -> RowProblem {
            RowProblem(row: row.number, field: field, reason: reason, rowLabel: rowLabel)
        }
        switch location {
        case .geometry:
            guard let geometry = row.geometry, !geometry.isEmpty else {
                throw problem("geometry", "the feature has no geometry")
            }
            for c in geometry.coordinates {
                try Self.check(c, crs: crs, fields: ("geometry", "geometry"), problem: problem)
            }
            return geometry
        case .columns(let xColumn, let yColumn):
            func number(_ column: String) throws(RowProblem) -> Double {
                let raw = row.cells[column] ?? ""
                if raw.trimmingCharacters(in: .whitespaces).isEmpty { throw problem(column, "a coordinate is required") }
                do {
                    return try CoordinateText.parse(raw)
                } catch {
                    if case .invalidCoordinate(_, let reason, _) = error { throw problem(column, "'\(raw)': \(reason)") }
                    throw problem(column, "'\(raw)' is not a coordinate")
                }
            }
            let c = Coordinate(x: try number(xColumn), y: try number(yColumn))
            try Self.check(c, crs: crs, fields: (xColumn, yColumn), problem: problem)
            return .point(c)
        }
    }

    private static func check(
        _ c: Coordinate, crs: CRS, fields: (x: String, y: String), problem: (String, String) -> RowProblem
    ) throws(RowProblem) {
        guard c.isFinite else { throw problem(fields.x, "the coordinate is not a finite number") }
        guard crs.isGeographic else { return }
        let swapped = (-90...90).contains(c.x) && !(-90...90).contains(c.y) && (-180...180).contains(c.y)
        if !(-180...180).contains(c.x) {
            throw problem(fields.x, "longitude \(c.x) is outside -180…180")
        }
        if !(-90...90).contains(c.y) {
            throw problem(
                fields.y,
                "latitude \(c.y) is outside -90…90" + (swapped ? " (are longitude and latitude swapped?)" : ""))
        }
    }
}
